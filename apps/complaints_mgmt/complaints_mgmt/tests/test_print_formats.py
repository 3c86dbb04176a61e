"""The complaint as the desk prints it (setup/print_formats.py): Complaint Details, Frappe's standard
layout of every field with a style that keeps numbers, IDs and English text in order on an Arabic page,
is the Complaint's default print format, made once and then the administrator's."""

import frappe
from frappe.tests.utils import FrappeTestCase

from complaints_mgmt.setup import print_formats
from complaints_mgmt.setup.seeding import forget_seeded
from complaints_mgmt.tests.utils import make_complaint, make_organisation

PRINT_FORMAT = print_formats.COMPLAINT_DETAILS


def default_print_format() -> str | None:
	frappe.clear_cache(doctype="Complaint")
	return frappe.get_meta("Complaint").default_print_format


class TestComplaintPrintFormat(FrappeTestCase):
	def test_complaint_details_is_the_default_and_prints_every_field_with_its_style(self):
		self.assertEqual(default_print_format(), PRINT_FORMAT)
		org = make_organisation()
		complaint = make_complaint(
			governorate=org.governorate,
			district=next(iter(org.units)),
			mobile="01001234567",
			description="The employee refused to receive my papers.",
		)
		html = frappe.get_print("Complaint", complaint.name)
		# the standard layout, field by field, with the style that orders the values
		self.assertIn('data-fieldname="mobile"', html)
		self.assertIn('data-fieldname="description"', html)
		self.assertIn('[data-fieldname="national_id"] .value', html)
		self.assertIn("unicode-bidi: plaintext", html)
		# no template and no list of fields: a field an administrator adds is printed too
		self.assertFalse(frappe.db.get_value("Print Format", PRINT_FORMAT, "format_data"))
		self.assertFalse(frappe.db.get_value("Print Format", PRINT_FORMAT, "custom_format"))

	def test_the_administrators_choices_stay(self):
		self.addCleanup(self.restore)
		frappe.delete_doc("Print Format", PRINT_FORMAT, ignore_permissions=True, force=True)
		print_formats.ensure_complaint_print_format()
		self.assertFalse(frappe.db.exists("Print Format", PRINT_FORMAT))
		# deleted, the Standard format prints the complaint again
		org = make_organisation()
		complaint = make_complaint(governorate=org.governorate, district=next(iter(org.units)))
		self.assertIn(complaint.name, frappe.get_print("Complaint", complaint.name))

	def restore(self):
		forget_seeded(print_formats.SEED_KEY)
		print_formats.ensure_complaint_print_format()
		self.assertEqual(default_print_format(), PRINT_FORMAT)
