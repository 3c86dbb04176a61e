"""Factories for tests: a small organisation and complaints in it. Shared by every test module."""

import frappe
from frappe.utils import random_string

# A valid Egyptian national ID: century 2 (1900s), born 1990-01-01, governorate 01 (Cairo).
VALID_NATIONAL_ID = "29001010112345"
VALID_MOBILE = "01012345678"


def make_user(email: str | None = None, roles: list[str] | tuple = (), user_type: str = "System User"):
	email = email or f"{random_string(8).lower()}@test.complaints.local"
	if frappe.db.exists("User", email):
		user = frappe.get_doc("User", email)
	else:
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": email.split("@")[0],
				"send_welcome_email": 0,
				"user_type": user_type,
			}
		).insert(ignore_permissions=True)
	if roles:
		user.add_roles(*roles)
	return user


def make_governorate(name: str = "Cairo", code: str = "01", region: str = "Greater Cairo"):
	if not frappe.db.exists("Governorate", name):
		frappe.get_doc(
			{"doctype": "Governorate", "governorate_name": name, "code": code, "region": region}
		).insert(ignore_permissions=True)
	return frappe.get_doc("Governorate", name)


def make_directorate(governorate: str = "Cairo", name: str | None = None, head: str | None = None):
	name = name or f"{governorate} Directorate"
	if not frappe.db.exists("Directorate", name):
		frappe.get_doc(
			{"doctype": "Directorate", "directorate_name": name, "governorate": governorate, "head": head}
		).insert(ignore_permissions=True)
	return frappe.get_doc("Directorate", name)


def make_social_unit(directorate: str, code: str | None = None, district: str = "Nasr City"):
	code = code or f"SU-{random_string(6).upper()}"
	if not frappe.db.exists("Social Unit", code):
		frappe.get_doc(
			{
				"doctype": "Social Unit",
				"unit_code": code,
				"unit_name": f"{district} Social Unit {code}",
				"directorate": directorate,
				"district": district,
			}
		).insert(ignore_permissions=True)
	return frappe.get_doc("Social Unit", code)


def make_category(name: str = "Takaful and Karama", routing_level: str = "Social Unit", **fields):
	if not frappe.db.exists("Complaint Category", name):
		frappe.get_doc(
			{"doctype": "Complaint Category", "category_name": name, "routing_level": routing_level, **fields}
		).insert(ignore_permissions=True)
	return frappe.get_doc("Complaint Category", name)


def make_liaison_officer(units: list[tuple[str, str]], user: str | None = None, **fields):
	"""units: [(unit_doctype, unit_name), ...]"""
	user = user or make_user(roles=["Liaison Officer"]).name
	if frappe.db.exists("Liaison Officer", user):
		return frappe.get_doc("Liaison Officer", user)
	return frappe.get_doc(
		{
			"doctype": "Liaison Officer",
			"user": user,
			"mobile": "01112345678",
			"units": [{"unit_doctype": dt, "unit": name} for dt, name in units],
			**fields,
		}
	).insert(ignore_permissions=True)


def make_complaint(**fields):
	"""A valid complaint of a Cairo complainant; pass fields to override."""
	make_governorate()
	category = fields.pop("category", None) or make_category().name
	doc = frappe.get_doc(
		{
			"doctype": "Complaint",
			"complaint_type": "Complaint",
			"channel": "Counter",
			"category": category,
			"subject": "Monthly cash support not received",
			"description": "My Takaful payment for this month did not arrive.",
			"complainant_name": "Mona Ahmed",
			"national_id": VALID_NATIONAL_ID,
			"mobile": VALID_MOBILE,
			"governorate": "Cairo",
			"district": "Nasr City",
			**fields,
		}
	)
	return doc.insert(ignore_permissions=True)
