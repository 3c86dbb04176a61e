"""The desk's Complaint list as the officers work it: its columns, made once (setup/seeding.py) as a
List View Settings record the administrator may change. Frappe shows four columns on a 1366-pixel
screen, which left the officer the subject, the state and the category: no deadline, SLA or priority."""

import json

import frappe

from complaints_mgmt.setup.seeding import seed_once

COMPLAINT_LIST_KEY = "list_view:Complaint"
# In the order shown after the subject; "status_field" is the state's indicator column.
COMPLAINT_LIST_FIELDS = ("status_field", "deadline", "sla_status", "priority", "category")


def ensure_complaint_list_view() -> None:
	seed_once(COMPLAINT_LIST_KEY, _make_complaint_list_view)


def _make_complaint_list_view() -> None:
	if frappe.db.exists("List View Settings", "Complaint"):
		return  # the administrator's
	meta = frappe.get_meta("Complaint")
	fields = [
		{"fieldname": name, "label": "Status" if name == "status_field" else meta.get_label(name)}
		for name in COMPLAINT_LIST_FIELDS
	]
	settings = frappe.new_doc("List View Settings")
	settings.name = "Complaint"
	# the subject and the tags come first and count too
	settings.update({"total_fields": str(len(fields) + 2), "fields": json.dumps(fields)})
	settings.insert(ignore_permissions=True)
