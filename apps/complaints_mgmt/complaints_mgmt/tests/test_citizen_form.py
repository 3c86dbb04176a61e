"""The citizen's form is the administrators': they add a field made with Customize Form,
require it, order and remove fields; the portal takes exactly the fields the form shows."""

import frappe
from frappe.tests.utils import FrappeTestCase

from complaints_mgmt.patches.v0_14 import citizen_form_editable
from complaints_mgmt.portal.citizen_filing import FilingError, file_complaint
from complaints_mgmt.portal.citizen_form import CITIZEN_FORM, CitizenFormError, form_fields
from complaints_mgmt.tests.utils import make_user, portal_values, reset_client_limits

FIELD = "custom_plot_number"
ADMIN_ROLE = "Complaints Administrator"


class TestCitizenForm(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		if not frappe.db.exists("Custom Field", {"dt": "Complaint", "fieldname": FIELD}):
			frappe.get_doc(
				{
					"doctype": "Custom Field",
					"dt": "Complaint",
					"fieldname": FIELD,
					"label": "رقم القطعة",  # as administrators label their fields: in Arabic
					"fieldtype": "Data",
					"insert_after": "address",
				}
			).insert(ignore_permissions=True)
		frappe.clear_cache(doctype="Complaint")

	@classmethod
	def tearDownClass(cls):
		# a custom field adds a column: that outlives the rollback, and its label showed on every later screen
		frappe.db.rollback()
		for name in frappe.get_all("Custom Field", {"dt": "Complaint", "fieldname": FIELD}, pluck="name"):
			frappe.delete_doc("Custom Field", name, ignore_permissions=True, force=True)
		frappe.db.commit()  # nosemgrep: the column was committed by its DDL; so is its removal
		frappe.clear_cache(doctype="Complaint")
		super().tearDownClass()

	def setUp(self):
		reset_client_limits()
		self.addCleanup(frappe.set_user, "Administrator")
		self.addCleanup(frappe.clear_document_cache, "Web Form", CITIZEN_FORM)

	def tearDown(self):
		frappe.db.rollback()

	def citizen_form(self):
		return frappe.get_doc("Web Form", CITIZEN_FORM)

	def add_to_form(self, fieldname=FIELD, label="رقم القطعة", fieldtype="Data", reqd=0):
		form = self.citizen_form()
		form.append(
			"web_form_fields", {"fieldname": fieldname, "label": label, "fieldtype": fieldtype, "reqd": reqd}
		)
		form.save()
		return form

	def file_as_guest(self, **fields) -> str:
		frappe.set_user("Guest")
		try:
			return file_complaint(portal_values(**fields), [])["name"]
		finally:
			frappe.set_user("Administrator")

	def test_the_citizens_form_is_an_editable_record_the_complaints_administrator_may_edit(self):
		self.assertEqual(frappe.db.get_value("Web Form", CITIZEN_FORM, "is_standard"), 0)
		admin = make_user(roles=[ADMIN_ROLE]).name
		self.assertTrue(frappe.has_permission("Web Form", "write", CITIZEN_FORM, user=admin))
		frappe.set_user(admin)
		self.add_to_form()
		self.assertIn(FIELD, form_fields())

	def test_a_field_added_to_the_form_is_filed_from_the_portal(self):
		self.add_to_form()
		name = self.file_as_guest(**{FIELD: "Block 12, plot 7"})
		self.assertEqual(frappe.db.get_value("Complaint", name, FIELD), "Block 12, plot 7")

	def test_fields_not_on_the_form_are_not_taken_from_a_guest(self):
		name = self.file_as_guest(
			**{
				FIELD: "Block 12, plot 7",
				"external_reference": "FORGED-1",
				"status": "Resolved",
				"priority": "Urgent",
			}
		)
		saved = frappe.db.get_value(
			"Complaint", name, [FIELD, "external_reference", "status", "priority"], as_dict=True
		)
		self.assertIsNone(saved[FIELD])
		self.assertIsNone(saved.external_reference)
		self.assertNotEqual(saved.status, "Resolved")
		self.assertNotEqual(saved.priority, "Urgent")

	def test_a_field_required_on_the_form_is_required_from_the_portal(self):
		self.add_to_form(reqd=1)
		with self.assertRaises(FilingError) as refused:
			self.file_as_guest()
		self.assertIn(FIELD, [field for field, _message in refused.exception.errors])

	def test_a_field_removed_from_the_form_is_no_longer_taken(self):
		form = self.citizen_form()
		form.web_form_fields = [row for row in form.web_form_fields if row.fieldname != "address"]
		form.save()
		name = self.file_as_guest(address="12 Nile Street")
		self.assertIsNone(frappe.db.get_value("Complaint", name, "address"))

	def test_staff_fields_cannot_be_put_on_the_citizens_form(self):
		for fieldname in ("status", "external_reference", "social_unit"):
			with self.subTest(fieldname), self.assertRaises(CitizenFormError):
				self.add_to_form(fieldname=fieldname, label=fieldname)

	def test_the_fields_a_complaint_needs_stay_on_the_form_and_required(self):
		form = self.citizen_form()
		form.web_form_fields = [row for row in form.web_form_fields if row.fieldname != "subject"]
		with self.assertRaises(CitizenFormError):
			form.save()
		form = self.citizen_form()
		form.get("web_form_fields", {"fieldname": "category"})[0].reqd = 0
		with self.assertRaises(CitizenFormError):
			form.save()

	def test_a_site_with_the_standard_form_gets_it_editable_with_its_fields(self):
		fields = [row.fieldname for row in self.citizen_form().web_form_fields]
		frappe.db.set_value("Web Form", CITIZEN_FORM, "is_standard", 1)
		citizen_form_editable.execute()
		form = self.citizen_form()
		self.assertEqual(form.is_standard, 0)
		self.assertEqual([row.fieldname for row in form.web_form_fields], fields)
