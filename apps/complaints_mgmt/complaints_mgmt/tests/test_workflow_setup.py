"""The default workflows are created when missing and an administrator's edits survive migrate."""

import frappe
from frappe.model.workflow import get_workflow_name
from frappe.tests.utils import FrappeTestCase

from complaints_mgmt import states
from complaints_mgmt.setup.install import after_migrate
from complaints_mgmt.setup.workflow import (
	COMPLAINT_STATES,
	ensure_appeal_workflow,
	ensure_complaint_workflow,
)


class TestWorkflowSetup(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_complaint_workflow()
		ensure_appeal_workflow()

	def tearDown(self):
		frappe.clear_cache(doctype="Complaint")

	def complaint_workflow(self):
		return frappe.get_doc("Workflow", get_workflow_name("Complaint"))

	def test_complaint_workflow_has_every_state_with_status_as_its_field(self):
		workflow = self.complaint_workflow()
		self.assertEqual(workflow.workflow_state_field, "status")
		self.assertEqual(workflow.states[0].state, states.NEW)
		self.assertEqual(
			{row.state for row in workflow.states}, {state for state, *_rest in COMPLAINT_STATES}
		)
		accept_roles = {t.allowed for t in workflow.transitions if t.action == "Accept"}
		self.assertEqual(accept_roles, {"Liaison Officer"})
		self.assertTrue(get_workflow_name("Appeal"))

	def test_an_administrators_edit_survives_migrate(self):
		workflow = self.complaint_workflow()
		workflow.append(
			"transitions",
			{
				"state": states.ROUTED,
				"action": "Accept",
				"next_state": states.ACCEPTED,
				"allowed": "Directorate Head",
			},
		)
		workflow.save()
		try:
			after_migrate()
			self.assertEqual(frappe.db.count("Workflow", {"document_type": "Complaint"}), 1)
			edited = self.complaint_workflow()
			self.assertIn("Directorate Head", {t.allowed for t in edited.transitions if t.action == "Accept"})
		finally:
			workflow.reload()
			workflow.transitions = [t for t in workflow.transitions if t.allowed != "Directorate Head"]
			workflow.save()

	def test_existing_states_keep_their_administrators_style(self):
		frappe.db.set_value("Workflow State", states.ROUTED, "style", "Danger")
		ensure_complaint_workflow()
		self.assertEqual(frappe.db.get_value("Workflow State", states.ROUTED, "style"), "Danger")
