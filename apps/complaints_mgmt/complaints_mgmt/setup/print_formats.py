"""The complaint as the desk prints it: "Complaint Details", made once (setup/seeding.py) as the
Complaint's default print format, which administrators then own.

It is Frappe's standard layout (no template, no field list: every field of the form, an administrator's
custom fields included, laid out as the Standard format does) with a style sheet
(setup/defaults/complaint_details.css) that keeps numbers, dates, masked national IDs, phone numbers and
English sentences in their order on an Arabic page. Deleting it brings back Frappe's Standard format.
"""

from pathlib import Path

import frappe
from frappe.custom.doctype.property_setter.property_setter import make_property_setter

from complaints_mgmt.setup.seeding import seed_once

COMPLAINT_DETAILS = "Complaint Details"
SEED_KEY = "print_format:Complaint Details"
STYLE = Path(__file__).parent / "defaults" / "complaint_details.css"


def ensure_complaint_print_format() -> None:
	seed_once(SEED_KEY, _make_complaint_details)


def _make_complaint_details() -> None:
	if not frappe.db.exists("Print Format", COMPLAINT_DETAILS):
		frappe.get_doc(
			{
				"doctype": "Print Format",
				"name": COMPLAINT_DETAILS,
				"doc_type": "Complaint",
				"module": "Complaints",
				"standard": "No",
				"custom_format": 0,
				"print_format_type": "Jinja",
				"css": STYLE.read_text(),
			}
		).insert(ignore_permissions=True)
	if not frappe.get_meta("Complaint").default_print_format:  # one the administrator chose stays
		make_property_setter(
			"Complaint",
			None,
			"default_print_format",
			COMPLAINT_DETAILS,
			"Data",
			for_doctype=True,
			validate_fields_for_doctype=False,
		)
