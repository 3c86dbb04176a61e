"""A workflow action with the text its next state needs, saved together: the desk asks
for it when the role's form cannot hold it (complaint.js, api/workflow_actions.py)."""

import frappe
from frappe.model.workflow import WorkflowTransitionError
from frappe.tests.utils import FrappeTestCase

from complaints_mgmt.lifecycle import states
from complaints_mgmt.lifecycle.transitions import MissingInformationError, act_with_text
from complaints_mgmt.tests.utils import make_org_complaint, make_organisation


class TestActionWithText(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = make_organisation(districts=("Nasr City",))

	def setUp(self):
		self.complaint = make_org_complaint(self.org)
		self.assertEqual(self.complaint.status, states.ROUTED)
		frappe.set_user(self.complaint.liaison_officer)
		self.addCleanup(frappe.set_user, "Administrator")

	def test_the_reason_is_saved_with_the_action(self):
		act_with_text(frappe.get_doc("Complaint", self.complaint.name), "Reject", "  خارج الاختصاص ")
		saved = frappe.db.get_value(
			"Complaint", self.complaint.name, ["status", "rejection_reason"], as_dict=True
		)
		self.assertEqual((saved.status, saved.rejection_reason), (states.REJECTED, "خارج الاختصاص"))

	def test_without_the_reason_the_complaint_stays_as_it_was(self):
		with self.assertRaises(MissingInformationError):
			act_with_text(frappe.get_doc("Complaint", self.complaint.name), "Reject", "   ")
		self.assertEqual(frappe.db.get_value("Complaint", self.complaint.name, "status"), states.ROUTED)

	def test_an_action_the_users_roles_do_not_have_is_refused_and_nothing_written(self):
		with self.assertRaises(WorkflowTransitionError):
			act_with_text(frappe.get_doc("Complaint", self.complaint.name), "Approve", "تمت الموافقة")
		self.assertFalse(frappe.db.get_value("Complaint", self.complaint.name, "rejection_reason"))
