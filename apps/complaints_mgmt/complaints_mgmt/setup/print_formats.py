"""The complaint as the desk prints it: the print format "Complaint Details" (complaints/print_format/,
the print view's layout of every field with its Arabic, numbers and English kept in order, in the browser
and in the PDF) is made the Complaint's default print format once (setup/seeding.py). Which format is the
default is then the administrator's choice (Customize Form): a site where one was chosen keeps it."""

import frappe
from frappe.custom.doctype.property_setter.property_setter import make_property_setter

from complaints_mgmt.setup.seeding import seed_once

COMPLAINT_DETAILS = "Complaint Details"
SEED_KEY = "print_format:Complaint Details"


def ensure_complaint_print_format() -> None:
	seed_once(SEED_KEY, _make_complaint_details_the_default)


def _make_complaint_details_the_default() -> None:
	if frappe.get_meta("Complaint").default_print_format:  # one the administrator chose stays
		return
	make_property_setter(
		"Complaint",
		None,
		"default_print_format",
		COMPLAINT_DETAILS,
		"Data",
		for_doctype=True,
		validate_fields_for_doctype=False,
	)
