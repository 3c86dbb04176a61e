"""Data the cross-cutting security suites (tests/security, tests/faults) set up on a served site.

Called through `bench execute` (which commits) from pytest; each function returns JSON-able data the
suite uses to act as the people in it over real HTTP. The organisations and users have fixed names and
are reused by later runs on the same site (creating a user takes seconds); complaints are new each run.
Kept apart from utils.py because nothing in the app's own tests uses it.
"""

import frappe
from frappe.utils import random_string
from frappe.utils.password import get_decrypted_password, update_password

from complaints_mgmt.permissions import NATIONAL_ROLES
from complaints_mgmt.security.personal_data import stored_national_id
from complaints_mgmt.setup.site import allow_many_users
from complaints_mgmt.tests.utils import (
	delete_complaints,
	ensure_test_system_manager,
	make_category,
	make_complaint,
	make_directorate,
	make_governorate,
	make_liaison_officer,
	make_social_unit,
	reset_client_limits,
)

PASSWORD = "Security-Test-2026!"
DOMAIN = "security.complaints.local"
# The smallest valid PNG (1x1 pixel)
PNG = bytes.fromhex(
	"89504e470d0a1a0a0000000d4948445200000001000000010806000000"
	"1f15c4890000000d49444154789c6360000000000500010d0a2db40000000049454e44ae426082"
)
# Roles of docs/PERMISSIONS.md held by a user of their own: the national roles and the central system's;
# Directorate Head, Liaison Officer and Citizen are the scoped users of organisation A below.
UNSCOPED_ROLES = (*sorted(NATIONAL_ROLES), "Central System Integration")
DISTRICTS = ("Nasr City", "Shubra")
CATEGORY = "Security Test Category"
# organisation key: governorate code (letters: real codes are digits)
ORGANISATIONS = {"a": "QA", "b": "QB"}


def make_access_fixtures() -> dict:
	"""Two organisations A and B, each a governorate with a directorate, its head and two social units
	with a liaison officer each; two citizens; a complaint in each of A's units and one in B, each with
	a private attachment and a timeline comment; one user per national role and a website user with no
	role; every user with PASSWORD and API credentials. Also four complaints for DELETE checks."""
	ensure_test_system_manager()
	category = make_category(CATEGORY).name
	users: dict[str, str] = {}
	orgs = {}
	for key, code in ORGANISATIONS.items():
		governorate = make_governorate(f"Security Governorate {key.upper()}", code, "Delta").name
		users[f"head_{key}"] = _user(f"head.{key}", ["Directorate Head"])
		directorate = make_directorate(governorate, f"Security Directorate {key.upper()}").name
		frappe.db.set_value("Directorate", directorate, "head", users[f"head_{key}"])
		units = []
		for index, district in enumerate(DISTRICTS, start=1):
			unit = make_social_unit(directorate, f"SEC-{key.upper()}{index}", district).name
			officer_user = _user(f"officer.{key}{index}", ["Liaison Officer"])
			officer = make_liaison_officer([("Social Unit", unit)], user=officer_user).name
			users[f"officer_{key}{index}"] = officer_user
			units.append((district, unit, officer))
		users[f"citizen_{key}"] = _user(f"citizen.{key}", ["Citizen"], "Website User")
		orgs[key] = frappe._dict(governorate=governorate, directorate=directorate, units=units)
	users["website_user"] = _user("website.user", [], "Website User")
	for role in UNSCOPED_ROLES:
		users[role] = _user(role.lower().replace(" ", "."), [role])

	marker = random_string(10)
	made = {}
	# key: (organisation, unit index, citizen)
	for key, (org_key, unit_index, citizen) in {
		"a1": ("a", 0, "citizen_a"),
		"a2": ("a", 1, None),
		"b1": ("b", 0, "citizen_b"),
	}.items():
		doc = _complaint(orgs[org_key], unit_index, users.get(citizen), f"Security {marker} {key}")
		doc.add_comment("Comment", f"Timeline note {marker} {key}")
		file = _attach(doc.name, f"evidence-{marker}-{key}.png")
		made[key] = {
			"name": doc.name,
			"unit": doc.unit,
			"directorate": doc.directorate,
			"liaison_officer": doc.liaison_officer,
			"file_url": file.file_url,
			"file_name": file.file_name,
		}
	disposable = [
		_complaint(orgs["a"], 0, users["citizen_a"], f"Disposable {marker}").name for _i in range(4)
	]

	reset_client_limits()
	return {
		"marker": marker,
		"category": category,
		"governorate_a": orgs["a"].governorate,
		"district_a": DISTRICTS[0],
		"directorate_a": orgs["a"].directorate,
		"directorate_b": orgs["b"].directorate,
		"users": users,
		"tokens": {
			key: _api_token(user) for key, user in [*users.items(), ("Administrator", "Administrator")]
		},
		"password": PASSWORD,
		"complaints": made,
		"disposable": disposable,
	}


# Script, HTML and template payloads: each sets window.__xss or opens a dialog if it runs; the template one
# prints 1343433 if a page renders text as a template. 139 characters: it fits every field.
PAYLOAD = (
	'<img src=x onerror="window.__xss=1;alert(1)"><script>window.__xss=2;alert(2)</script>'
	'"><svg onload="window.__xss=3;alert(3)">{{ 7*191919 }}'
)
PAYLOAD_FIELDS = ("subject", "description", "complainant_name", "address", "response", "routing_note")


def make_payload_complaint(raw: bool = False) -> dict:
	"""A closed complaint of citizen A in unit A1 whose texts and timeline comment are PAYLOAD. Saved
	normally, Frappe sanitises HTML on save; raw=True then writes the payload straight into the database,
	as if it had got past that, to show that the pages escape what they print."""
	org = frappe._dict(
		governorate="Security Governorate A",
		directorate="Security Directorate A",
		units=[(DISTRICTS[0], "SEC-A1", "officer.a1@" + DOMAIN)],
	)
	citizen = f"citizen.a@{DOMAIN}"
	doc = _complaint(org, 0, citizen, PAYLOAD, description=PAYLOAD, complainant_name=PAYLOAD, address=PAYLOAD)
	doc.add_comment("Comment", PAYLOAD)
	values = {field: PAYLOAD for field in PAYLOAD_FIELDS} if raw else {}
	frappe.db.set_value("Complaint", doc.name, {**values, "status": "Closed"}, update_modified=False)
	if raw:
		frappe.db.set_value(
			"Comment", {"reference_doctype": "Complaint", "reference_name": doc.name}, "content", PAYLOAD
		)
	# the stored column holds the masked form (security/personal_data.py): the clear ID is read back decrypted
	return {"name": doc.name, "payload": PAYLOAD, "national_id": stored_national_id(doc.name)}


def remove_complaints(names: list[str]) -> None:
	"""Complaints a suite made, with their files and what hangs off them."""
	names = [name for name in names if name]
	if not names:
		return
	for file in frappe.get_all(
		"File", filters={"attached_to_doctype": "Complaint", "attached_to_name": ["in", names]}, pluck="name"
	):
		frappe.delete_doc("File", file, ignore_permissions=True, force=True)
	delete_complaints(names)


def issue_tracking_code(name: str) -> str:
	"""A one-time tracking code for complaint `name`, as the portal would send it by SMS."""
	from complaints_mgmt.portal import citizen_tracking
	from complaints_mgmt.security import one_time_code

	return one_time_code.issue_code(citizen_tracking.CODE_PURPOSE, name)


def portal_limits() -> dict:
	"""The portal's hourly limits per client and the one-time codes' settings."""
	fields = ("submissions_per_hour", "lookups_per_hour", "codes_per_hour", "code_max_attempts")
	return {field: frappe.db.get_single_value("Citizen Portal Settings", field) for field in fields}


def configure_sms_gateway(url: str) -> None:
	"""Point the site's SMS Settings at a gateway that takes GET ?to=...&text=..."""
	for field, value in {
		"sms_gateway_url": url,
		"message_parameter": "text",
		"receiver_parameter": "to",
		"use_post": 0,
	}.items():
		frappe.db.set_single_value("SMS Settings", field, value)


def complaints_with(marker: str) -> list[dict]:
	"""Every complaint whose subject holds `marker`: name, subject, request key and external reference."""
	return frappe.get_all(
		"Complaint",
		filters={"subject": ["like", f"%{marker}%"]},
		fields=["name", "subject", "client_request_key", "external_reference"],
		order_by="creation asc",
	)


def site_snapshot() -> dict:
	"""What a backup must carry, in figures: complaints and appeals, their attachments (with a hash of
	each file's bytes on disk) and their timelines (comments and versions)."""
	import hashlib
	import json
	import os

	def digest(rows) -> str:
		return hashlib.sha256(json.dumps(rows, default=str, sort_keys=True).encode()).hexdigest()

	def file_hash(url: str) -> str:
		path = (
			frappe.get_site_path(url.lstrip("/"))
			if url.startswith("/private/")
			else frappe.get_site_path("public", url.lstrip("/"))
		)
		if not os.path.exists(path):
			return "missing"
		with open(path, "rb") as f:
			return hashlib.sha256(f.read()).hexdigest()

	complaints = frappe.db.sql(
		"select name, modified, status, subject, national_id_hash from `tabComplaint` order by name"
	)
	files = frappe.get_all(
		"File",
		filters={"attached_to_doctype": ["in", ["Complaint", "Appeal"]]},
		fields=["attached_to_name", "file_url", "is_private"],
		order_by="attached_to_name, file_url",
	)
	comments = frappe.db.sql(
		"select reference_name, comment_type, content from `tabComment`"
		" where reference_doctype = 'Complaint' order by reference_name, creation, name"
	)
	versions = frappe.db.sql(
		"select docname, data from `tabVersion` where ref_doctype = 'Complaint' order by docname, creation, name"
	)
	return {
		"complaints": len(complaints),
		"complaints_digest": digest(complaints),
		"appeals": frappe.db.count("Appeal"),
		"attachments": len(files),
		"attachments_digest": digest(
			[[f.attached_to_name, f.file_url, f.is_private, file_hash(f.file_url)] for f in files]
		),
		"missing_files": sum(file_hash(f.file_url) == "missing" for f in files),
		"timeline_comments": len(comments),
		"timeline_comments_digest": digest(comments),
		"versions": len(versions),
		"versions_digest": digest(versions),
	}


def find_by_national_id(name: str, national_id: str) -> str | None:
	"""The tracking page's look-up: depends on the site's keyed hash of national IDs."""
	from complaints_mgmt.portal import citizen_tracking

	try:
		return citizen_tracking.find_with_national_id(name, national_id)
	except citizen_tracking.TrackingNotFoundError:
		return None


def reset_limits() -> None:
	"""Forget the portal's hourly counts of the loopback client."""
	reset_client_limits()


def reset_limits_of(address: str) -> None:
	reset_client_limits(address)


def _complaint(org, unit_index: int, citizen: str | None, subject: str, **fields):
	"""A complaint placed in one of the organisation's units, whatever routing would decide."""
	district, unit, officer = org.units[unit_index]
	doc = make_complaint(
		category=CATEGORY,
		governorate=org.governorate,
		district=district,
		subject=subject,
		citizen_user=citizen,
		**fields,
	)
	placed = {
		"routing_level": "Social Unit",
		"unit_doctype": "Social Unit",
		"unit": unit,
		"social_unit": unit,
		"directorate": org.directorate,
		"liaison_officer": officer,
	}
	frappe.db.set_value("Complaint", doc.name, placed, update_modified=False)
	doc.update(placed)
	return doc


def _user(local_part: str, roles: list[str], user_type: str = "System User") -> str:
	"""A user with exactly these roles and PASSWORD, made once per site."""
	email = f"{local_part}@{DOMAIN}"
	if not frappe.db.exists("User", email):
		allow_many_users()  # the suites before these fixtures may have made 60 this hour on a fresh site
		frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": local_part.split(".")[0].title(),
				"last_name": local_part.split(".")[-1].title(),
				"send_welcome_email": 0,
				"user_type": user_type,
				"language": "en",
				"roles": [{"role": role} for role in roles],
			}
		).insert(ignore_permissions=True)
		update_password(email, PASSWORD)
	return email


def _api_token(user: str) -> str:
	"""The user's `Authorization` header value; credentials are made once."""
	api_key = frappe.db.get_value("User", user, "api_key")
	secret = api_key and get_decrypted_password("User", user, "api_secret", raise_exception=False)
	if not secret:
		doc = frappe.get_doc("User", user)
		doc.api_key = api_key or frappe.generate_hash(length=15)
		secret = frappe.generate_hash(length=15)
		doc.api_secret = secret
		doc.save(ignore_permissions=True)
		api_key = doc.api_key
	return f"token {api_key}:{secret}"


def _attach(name: str, file_name: str):
	return frappe.get_doc(
		{
			"doctype": "File",
			"file_name": file_name,
			"attached_to_doctype": "Complaint",
			"attached_to_name": name,
			"is_private": 1,
			# bytes after the image's end make each file unique: Frappe stores equal contents once and
			# lets any document holding them download them
			"content": PNG + file_name.encode(),
		}
	).insert(ignore_permissions=True)
