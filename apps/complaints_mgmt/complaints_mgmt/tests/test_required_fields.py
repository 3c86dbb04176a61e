"""A field made mandatory on Complaint: named by label at every channel, and never one they cannot fill."""

import frappe
from frappe.custom.doctype.property_setter.property_setter import make_property_setter
from frappe.tests.utils import FrappeTestCase

from complaints_mgmt.intake import submission as intake
from complaints_mgmt.intake.required_fields import check_custom_field
from complaints_mgmt.integration import central_intake
from complaints_mgmt.portal.citizen_filing import FilingError, file_complaint, filing_error
from complaints_mgmt.tests.utils import (
	central_complaint,
	complaint_fields,
	make_category,
	make_governorate,
	make_open311_service,
	portal_values,
	reset_client_limits,
)

FIELD = "address"  # optional in the app; neither the portal's form nor the sync sends it


class TestRequiredFields(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_governorate()
		make_category()
		make_open311_service("TKF-01")

	def tearDown(self):
		frappe.db.rollback()
		frappe.clear_cache(doctype="Complaint")
		frappe.set_user("Administrator")

	def make_address_mandatory(self):
		"""As a site would have it had the field been made mandatory before the check existed."""
		setter = frappe.get_doc(
			{
				"doctype": "Property Setter",
				"doctype_or_field": "DocField",
				"doc_type": "Complaint",
				"field_name": FIELD,
				"property": "reqd",
				"value": "1",
				"property_type": "Check",
			}
		)
		setter.flags.ignore_validate = True
		setter.insert(ignore_permissions=True)
		frappe.clear_cache(doctype="Complaint")

	def test_a_field_of_complaint_cannot_be_made_mandatory_without_a_default(self):
		with self.assertRaises(frappe.ValidationError) as refused:
			make_property_setter("Complaint", FIELD, "reqd", 1, "Check")
		self.assertIn("Address", str(refused.exception))
		self.assertFalse(
			frappe.db.exists(
				"Property Setter", {"doc_type": "Complaint", "field_name": FIELD, "property": "reqd"}
			)
		)

	def test_a_mandatory_custom_field_needs_a_default_or_a_condition(self):
		field = frappe.get_doc(
			{
				"doctype": "Custom Field",
				"dt": "Complaint",
				"fieldname": "beneficiary_card",
				"label": "Beneficiary Card",
			}
		)
		field.fieldtype, field.reqd = "Data", 1
		with self.assertRaises(frappe.ValidationError) as refused:
			check_custom_field(field)
		self.assertIn("Beneficiary Card", str(refused.exception))
		field.default = "none"
		check_custom_field(field)
		field.default, field.mandatory_depends_on = None, "eval:doc.channel == 'Counter'"
		check_custom_field(field)
		field.dt, field.mandatory_depends_on = "Appeal", None
		check_custom_field(field)  # other DocTypes are not the channels' concern

	def test_a_field_mandatory_in_the_app_may_stay_so(self):
		setter = make_property_setter("Complaint", "subject", "reqd", 1, "Check")
		self.assertTrue(frappe.db.exists("Property Setter", setter.name))
		frappe.clear_cache(doctype="Complaint")
		self.assertEqual(frappe.get_meta("Complaint").get_field("subject").reqd, 1)

	def test_rest_intake_names_the_missing_field_by_label_and_writes_nothing(self):
		self.make_address_mandatory()
		before = frappe.db.count("Complaint")
		with self.assertRaises(intake.InvalidSubmissionError) as refused:
			intake.submit(complaint_fields())
		self.assertEqual((refused.exception.field, refused.exception.code), (FIELD, "missing"))
		self.assertIn("Address", refused.exception.message)
		self.assertNotIn("[Complaint", refused.exception.message)
		self.assertEqual(frappe.db.count("Complaint"), before)
		self.assertTrue(intake.submit(complaint_fields(address="12 Tahrir Street")).created)

	def test_the_sync_and_the_portal_name_it_too(self):
		self.make_address_mandatory()
		before = frappe.db.count("Complaint")
		(result,) = central_intake.receive_batch([central_complaint()])
		self.assertFalse(result["ok"])
		self.assertEqual((result["error"]["code"], result["error"]["field"]), ("missing", FIELD))
		self.assertIn("Address", result["error"]["message"])

		reset_client_limits()
		frappe.set_user("Guest")
		with self.assertRaises(FilingError) as refused:
			file_complaint(portal_values(), [])
		frappe.set_user("Administrator")
		((field, message),) = refused.exception.errors
		self.assertEqual(field, FIELD, "shown at the form's field")
		self.assertIn("Address", message)
		self.assertEqual(frappe.db.count("Complaint"), before)

	def test_the_portal_shows_a_field_its_form_lacks_above_the_form(self):
		error = intake.InvalidSubmissionError(
			"Please fill in: Beneficiary Card", "beneficiary_card", "missing"
		)
		self.assertEqual(filing_error(error).errors, [(None, "Please fill in: Beneficiary Card")])
