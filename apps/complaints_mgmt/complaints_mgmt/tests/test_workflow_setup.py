"""The default workflows are created when missing and an administrator's edits survive migrate."""

import frappe
from frappe.model.workflow import get_workflow_name
from frappe.tests.utils import FrappeTestCase

from complaints_mgmt.lifecycle import states
from complaints_mgmt.patches.v0_9 import no_complaint_workflow_actions
from complaints_mgmt.patches.v0_13 import officer_rejects_outside_jurisdiction
from complaints_mgmt.setup import workflow as default_workflows
from complaints_mgmt.setup.install import after_migrate
from complaints_mgmt.tests.utils import make_complaint, make_org_complaint, make_organisation


def workflow_actions(complaint: str) -> list[str]:
	return frappe.get_all(
		"Workflow Action",
		filters={"reference_doctype": "Complaint", "reference_name": complaint},
		pluck="name",
	)


def set_states_optional(value: int, state: str | None = None) -> None:
	filters = {"parent": default_workflows.COMPLAINT_WORKFLOW, **({"state": state} if state else {})}
	for name in frappe.get_all("Workflow Document State", filters=filters, pluck="name"):
		frappe.db.set_value("Workflow Document State", name, "is_optional_state", value)
	frappe.clear_cache(doctype="Complaint")


class TestWorkflowSetup(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		default_workflows.ensure_complaint_workflow()
		default_workflows.ensure_appeal_workflow()

	def tearDown(self):
		frappe.clear_cache(doctype="Complaint")

	def complaint_workflow(self):
		return frappe.get_doc("Workflow", get_workflow_name("Complaint"))

	def test_complaint_workflow_has_every_state_with_status_as_its_field(self):
		workflow = self.complaint_workflow()
		self.assertEqual(workflow.workflow_state_field, "status")
		self.assertEqual(workflow.states[0].state, states.NEW)
		self.assertEqual(
			{row.state for row in workflow.states},
			{state for state, *_rest in default_workflows.COMPLAINT_STATES},
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
		default_workflows.ensure_complaint_workflow()
		self.assertEqual(frappe.db.get_value("Workflow State", states.ROUTED, "style"), "Danger")

	def test_complaints_make_no_workflow_actions(self):
		"""Frappe's Workflow Actions are open to every holder of a role nationwide; a liaison officer's
		work list is their unit's assignments."""
		complaint = make_org_complaint(make_organisation())  # routed to a unit of its own
		self.assertEqual(complaint.status, states.ROUTED)
		self.assertEqual(workflow_actions(complaint.name), [])
		set_states_optional(0)
		try:
			complaint.save(ignore_permissions=True)
			self.assertEqual(
				len(workflow_actions(complaint.name)), 1, "Frappe makes them for non-optional states"
			)
		finally:
			set_states_optional(1)

	def test_the_patch_makes_the_default_workflows_states_optional_and_removes_the_actions(self):
		complaint = make_complaint()
		set_states_optional(0)
		complaint.save(ignore_permissions=True)
		self.assertTrue(workflow_actions(complaint.name))
		no_complaint_workflow_actions.execute()
		self.assertEqual(workflow_actions(complaint.name), [])
		self.assertFalse(
			frappe.db.exists(
				"Workflow Document State",
				{"parent": default_workflows.COMPLAINT_WORKFLOW, "is_optional_state": 0},
			)
		)

	def test_the_patch_leaves_an_administrators_choice_of_optional_states(self):
		set_states_optional(0)
		set_states_optional(1, states.CLOSED)
		try:
			no_complaint_workflow_actions.execute()
			self.assertTrue(
				frappe.db.exists(
					"Workflow Document State",
					{
						"parent": default_workflows.COMPLAINT_WORKFLOW,
						"state": states.ROUTED,
						"is_optional_state": 0,
					},
				)
			)
		finally:
			set_states_optional(1)

	def officer_rejections(self) -> list:
		return [
			t
			for t in self.complaint_workflow().transitions
			if (t.state, t.action, t.next_state, t.allowed)
			== (states.ROUTED, "Reject", states.REJECTED, "Liaison Officer")
		]

	def test_the_patch_lets_the_officer_reject_once_and_keeps_the_administrators_workflow(self):
		# a site whose workflow predates the transition (rows removed without saving the Workflow, whose
		# save would commit); undone at once, as a cached workflow would outlive the class's rollback
		frappe.db.savepoint("officer_rejects")
		self.addCleanup(frappe.clear_cache, doctype="Complaint")
		self.addCleanup(frappe.db.rollback, save_point="officer_rejects")
		frappe.db.delete("Workflow Transition", {"name": ("in", [t.name for t in self.officer_rejections()])})
		frappe.clear_cache(doctype="Complaint")
		others = {(t.state, t.action, t.allowed) for t in self.complaint_workflow().transitions}
		self.assertEqual(self.officer_rejections(), [])
		officer_rejects_outside_jurisdiction.execute()
		officer_rejects_outside_jurisdiction.execute()
		self.assertEqual(len(self.officer_rejections()), 1)
		after = {(t.state, t.action, t.allowed) for t in self.complaint_workflow().transitions}
		self.assertEqual(after - others, {(states.ROUTED, "Reject", "Liaison Officer")})
		self.assertLessEqual(others, after)


class TestStatesInUse(FrappeTestCase):
	"""An administrator edits the workflows, but the states the code moves records into stay in them."""

	def tearDown(self):
		frappe.db.rollback()
		frappe.clear_cache(doctype="Complaint")

	def test_a_complaint_workflow_without_a_state_in_use_is_refused(self):
		workflow = frappe.get_doc("Workflow", get_workflow_name("Complaint"))
		workflow.states = [row for row in workflow.states if row.state != states.ROUTED]
		workflow.transitions = [
			t for t in workflow.transitions if states.ROUTED not in (t.state, t.next_state)
		]
		with self.assertRaises(frappe.ValidationError) as refused:
			workflow.save()
		self.assertIn(states.ROUTED, str(refused.exception))
		self.assertIn(states.ROUTED, {row.state for row in frappe.get_doc("Workflow", workflow.name).states})

	def test_an_appeal_workflow_without_a_state_in_use_is_refused(self):
		workflow = frappe.get_doc("Workflow", get_workflow_name("Appeal"))
		workflow.states = [row for row in workflow.states if row.state != states.APPEAL_DECIDED]
		workflow.transitions = [t for t in workflow.transitions if t.next_state != states.APPEAL_DECIDED]
		with self.assertRaises(frappe.ValidationError) as refused:
			workflow.save()
		self.assertIn(states.APPEAL_DECIDED, str(refused.exception))

	def test_the_complaint_workflow_cannot_be_switched_off_or_deleted(self):
		for doctype in ("Complaint", "Appeal"):
			workflow = frappe.get_doc("Workflow", get_workflow_name(doctype))
			workflow.is_active = 0
			with self.assertRaises(frappe.ValidationError) as refused:
				workflow.save()
			self.assertIn("cannot be switched off", str(refused.exception))
			with self.assertRaises(frappe.ValidationError):
				frappe.delete_doc("Workflow", workflow.name)
			self.assertEqual(frappe.db.get_value("Workflow", workflow.name, "is_active"), 1)
			self.assertEqual(get_workflow_name(doctype), workflow.name)

	def test_an_added_state_and_transition_are_the_administrators(self):
		if not frappe.db.exists("Workflow State", "Waiting for Field Visit"):
			frappe.get_doc(
				{"doctype": "Workflow State", "workflow_state_name": "Waiting for Field Visit"}
			).insert()
		workflow = frappe.get_doc("Workflow", get_workflow_name("Complaint"))
		workflow.append(
			"states", {"state": "Waiting for Field Visit", "doc_status": "0", "allow_edit": "Liaison Officer"}
		)
		workflow.append(
			"transitions",
			{
				"state": states.ACCEPTED,
				"action": "Resume",
				"next_state": "Waiting for Field Visit",
				"allowed": "Liaison Officer",
			},
		)
		workflow.save()
		self.assertIn("Waiting for Field Visit", {row.state for row in workflow.states})

	def test_the_record_of_a_state_in_use_cannot_be_renamed_or_deleted(self):
		with self.assertRaises(frappe.ValidationError) as renaming:
			frappe.rename_doc("Workflow State", states.ROUTED, "Assigned to Unit")
		self.assertIn("used by the system", str(renaming.exception))
		with self.assertRaises(frappe.ValidationError) as deleting:
			frappe.delete_doc("Workflow State", states.CLOSED, force=True)
		self.assertIn("used by the system", str(deleting.exception))
		self.assertTrue(frappe.db.exists("Workflow State", states.ROUTED))
		self.assertTrue(frappe.db.exists("Workflow State", states.CLOSED))
