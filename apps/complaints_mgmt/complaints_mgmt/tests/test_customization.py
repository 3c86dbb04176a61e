"""Complaints administrators add fields to the app's DocTypes with Customize Form:
the field gets a Latin field name although it is labelled in Arabic, and other DocTypes stay out of reach."""

import frappe
from frappe.desk.search import search_link
from frappe.tests.utils import FrappeTestCase

from complaints_mgmt.complaints.customization import CustomizationOutsideAppError
from complaints_mgmt.tests.utils import staff_user


class TestCustomization(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.administrator = staff_user("Complaints Administrator")

	def tearDown(self):
		frappe.set_user("Administrator")
		for name in frappe.get_all("Custom Field", {"label": ("like", "%اختبار%")}, pluck="name"):
			frappe.delete_doc("Custom Field", name, ignore_permissions=True)
		frappe.clear_cache(doctype="Complaint")

	def customize(self, doctype: str, label: str):
		"""As in the desk: Customize Form loads the DocType, a field is added at the end, the form is saved."""
		form = frappe.get_doc("Customize Form")
		form.doc_type = doctype
		form.fetch_to_customize()
		form.append("fields", {"label": label, "fieldtype": "Data", "is_custom_field": 1})
		form.save_customization()
		return form

	def test_the_complaints_administrator_adds_a_field_to_complaint_with_customize_form(self):
		frappe.set_user(self.administrator)
		self.customize("Complaint", "رقم قطعة الأرض اختبار")
		fieldname = frappe.db.get_value(
			"Custom Field", {"dt": "Complaint", "label": "رقم قطعة الأرض اختبار"}, "fieldname"
		)
		self.assertTrue(fieldname)

	def test_a_field_labelled_in_arabic_gets_a_latin_field_name(self):
		for label in ("رقم البطاقة اختبار", "رقم البطاقة اختبار"):
			field = frappe.get_doc(
				{"doctype": "Custom Field", "dt": "Complaint", "label": label, "fieldtype": "Data"}
			).insert()
			self.assertTrue(field.fieldname.isascii(), field.fieldname)
			self.assertRegex(field.fieldname, r"^custom_[a-z0-9_]+$")
		names = frappe.get_all("Custom Field", {"label": "رقم البطاقة اختبار"}, pluck="fieldname")
		self.assertEqual(len(set(names)), 2, "a second field of the same label gets a name of its own")

	def test_the_complaints_administrator_cannot_customise_frappes_doctypes(self):
		frappe.set_user(self.administrator)
		with self.assertRaises(CustomizationOutsideAppError):
			self.customize("Contact", "حقل اختبار")
		self.assertFalse(frappe.db.exists("Custom Field", {"dt": "Contact", "label": "حقل اختبار"}))


class TestWorkflowNamesInArabic(FrappeTestCase):
	def tearDown(self):
		frappe.local.lang = "en"

	def test_a_workflow_action_is_found_by_its_arabic_name(self):
		frappe.local.lang = "ar"
		found = [row["value"] for row in search_link("Workflow Action Master", "رفض")]
		self.assertIn("Reject", found)

	def test_no_two_workflow_states_read_the_same_in_arabic(self):
		names: dict[str, list[str]] = {}
		for state in frappe.get_all("Workflow State", pluck="name"):
			names.setdefault(frappe._(state, lang="ar"), []).append(state)
		self.assertEqual({label: states for label, states in names.items() if len(states) > 1}, {})


class TestRolesOffered(FrappeTestCase):
	def test_the_user_form_offers_no_sales_or_purchase_roles(self):
		from frappe.core.doctype.user.user import get_all_roles

		roles = get_all_roles()
		self.assertIn("Liaison Officer", roles)
		self.assertFalse({"Sales User", "Sales Manager", "Purchase Manager", "Purchase User"} & set(roles))
