"""The complaint as the desk prints it: Complaint Details (complaints/print_format/, its default print
format, made so once by setup/print_formats.py) prints the form's fields as Frappe's Standard format
lays them out, an administrator's own fields too, each value laid out for a right-to-left page
(utils/print_bidi.py), and nothing a reader does not need: no national ID key (a 64-character hash), no
request key, no unit DocType."""

import frappe
from frappe.tests.utils import FrappeTestCase

from complaints_mgmt.setup import print_formats
from complaints_mgmt.setup.seeding import forget_seeded
from complaints_mgmt.tests.utils import make_complaint, remove_complaint_field

PRINT_FORMAT = print_formats.COMPLAINT_DETAILS


def default_print_format() -> str | None:
	frappe.clear_cache(doctype="Complaint")
	return frappe.get_meta("Complaint").default_print_format


def printed(name: str, lang: str = "ar") -> str:
	previous, frappe.local.lang = frappe.local.lang, lang
	try:
		return frappe.get_print("Complaint", name)
	finally:
		frappe.local.lang = previous


class TestComplaintPrint(FrappeTestCase):
	def test_the_print_view_leaves_out_technical_keys(self):
		doc = make_complaint(client_request_key=f"print-{frappe.generate_hash(length=8)}")
		stored = frappe.db.get_value("Complaint", doc.name, ["national_id_hash", "client_request_key"])
		self.assertTrue(all(stored))
		html = frappe.get_print("Complaint", doc.name)
		self.assertIn(doc.subject, html)
		for label in ("National ID Key", "Request Key", "Unit Type"):
			self.assertNotIn(label, html)
		for value in stored:
			self.assertNotIn(value, html)

	def test_complaint_details_is_the_default_print_format(self):
		self.assertEqual(default_print_format(), PRINT_FORMAT)
		self.assertIn('class="complaint-details" dir="rtl"', printed(make_complaint().name))

	def test_each_value_is_laid_out_for_a_right_to_left_page(self):
		doc = make_complaint(mobile="01001234567", description="The employee refused to receive my papers.")
		html = printed(doc.name)
		masked = frappe.db.get_value("Complaint", doc.name, "national_id")
		# the masked ID, the mobile and an English sentence each in one left-to-right box, in order
		for value in (masked, doc.mobile, doc.description):
			self.assertIn(f'<span class="bidi-ltr" dir="ltr">{value}</span>', html)
		# an option in Arabic, word by word in right-to-left boxes
		previous, frappe.local.lang = frappe.local.lang, "ar"
		try:
			priority = frappe._(doc.priority)
		finally:
			frappe.local.lang = previous
		self.assertNotEqual(priority, doc.priority)
		self.assertIn(f'<span class="bidi-rtl" dir="rtl">{priority.split()[0]}</span>', html)

	def test_a_field_an_administrator_adds_is_printed(self):
		fieldname = f"print_check_{frappe.generate_hash(length=5)}"
		self.addCleanup(remove_complaint_field, fieldname)
		frappe.get_doc(
			{
				"doctype": "Custom Field",
				"dt": "Complaint",
				"fieldname": fieldname,
				"label": "Print Check Field",
				"fieldtype": "Data",
				"insert_after": "subject",
			}
		).insert(ignore_permissions=True)
		doc = make_complaint()
		frappe.db.set_value("Complaint", doc.name, fieldname, "VALUE-123")
		html = printed(doc.name, lang="en")
		self.assertIn(f'data-fieldname="{fieldname}"', html)
		self.assertIn("VALUE-123", html)

	def test_the_administrators_choice_of_default_stays(self):
		self.addCleanup(self.restore)
		frappe.db.delete("Property Setter", {"doc_type": "Complaint", "property": "default_print_format"})
		make_property_setter_default("Complaint Receipt")
		forget_seeded(print_formats.SEED_KEY)
		print_formats.ensure_complaint_print_format()
		self.assertEqual(default_print_format(), "Complaint Receipt")

	def restore(self):
		frappe.db.delete("Property Setter", {"doc_type": "Complaint", "property": "default_print_format"})
		frappe.clear_cache(doctype="Complaint")
		forget_seeded(print_formats.SEED_KEY)
		print_formats.ensure_complaint_print_format()
		self.assertEqual(default_print_format(), PRINT_FORMAT)


def make_property_setter_default(name: str) -> None:
	from frappe.custom.doctype.property_setter.property_setter import make_property_setter

	make_property_setter(
		"Complaint",
		None,
		"default_print_format",
		name,
		"Data",
		for_doctype=True,
		validate_fields_for_doctype=False,
	)
