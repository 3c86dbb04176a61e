"""The default complaint workflow makes no Workflow Actions any more (setup/workflow.py): its states
become "optional", unless an administrator has already marked some state optional (then the workflow is
theirs to decide), and the complaints' Workflow Actions made so far are removed. They listed every
complaint waiting for a liaison officer to every liaison officer; the work lists are the assignments."""

import frappe

from complaints_mgmt.setup.workflow import COMPLAINT_WORKFLOW

CHUNK = 10_000


def execute():
	workflow = frappe.db.get_value("Workflow", {"document_type": "Complaint"})
	if workflow != COMPLAINT_WORKFLOW:
		return  # an administrator's own workflow
	state = frappe.qb.DocType("Workflow Document State")
	if frappe.db.exists("Workflow Document State", {"parent": workflow, "is_optional_state": 1}):
		return
	frappe.qb.update(state).set(state.is_optional_state, 1).where(state.parent == workflow).run()
	frappe.clear_cache(doctype="Complaint")
	_remove_complaint_workflow_actions()


def _remove_complaint_workflow_actions():
	action = frappe.qb.DocType("Workflow Action")
	role = frappe.qb.DocType("Workflow Action Permitted Role")
	while names := (
		frappe.qb.from_(action)
		.select(action.name)
		.where(action.reference_doctype == "Complaint")
		.limit(CHUNK)
	).run(pluck=True):
		frappe.qb.from_(role).delete().where(role.parent.isin(names)).run()
		frappe.qb.from_(action).delete().where(action.name.isin(names)).run()
		frappe.db.commit()
