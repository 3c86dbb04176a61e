"""The default Complaint and Appeal workflows: created when missing, never overwritten.

Administrators edit the workflows in the desk (states, transitions, the roles allowed to take them).
Frappe re-imports fixtures with force on every `bench migrate`, which would wipe those edits, so the
defaults are inserted by this module after install and after migrate, and only when the DocType has no
workflow at all. Workflow States and Workflow Actions are shared masters: missing ones are added, existing
ones are left as they are.
"""

import frappe

from complaints_mgmt.lifecycle import states

COMPLAINT_WORKFLOW = "Complaint Lifecycle"
APPEAL_WORKFLOW = "Appeal Review"

# Roles
ADMINISTRATOR = "Complaints Administrator"
MANAGER = "Complaints Manager"
OFFICER = "Liaison Officer"
REVIEWER = "Quality Reviewer"
CITIZEN = "Citizen"
APPEALS_BOARD = "Appeals Board Member"

# Actions
ROUTE = "Route"
ACCEPT = "Accept"
TRANSFER = "Transfer"
START_WORK = "Start Work"
REQUEST_INFORMATION = "Request Information"
REPLY = "Reply"  # the citizen answers a request for information (portal: citizen_actions.reply)
RESUME = "Resume"
RESPOND = "Respond"
START_REVIEW = "Start Review"
APPROVE = "Approve"
RETURN = "Return"
REOPEN = "Reopen"
REJECT = "Reject"
START_CONSIDERATION = "Start Consideration"
DECIDE = "Decide"

# (state, indicator style, role that may edit the form in that state); the first state is where
# every complaint starts.
COMPLAINT_STATES = [
	(states.NEW, "Info", MANAGER),
	(states.ROUTED, "Primary", OFFICER),
	(states.ACCEPTED, "Primary", OFFICER),
	(states.TRANSFERRED, "Warning", MANAGER),
	(states.IN_PROGRESS, "Primary", OFFICER),
	(states.AWAITING_CITIZEN, "Warning", OFFICER),
	(states.RESPONDED, "Info", REVIEWER),
	(states.UNDER_REVIEW, "Info", REVIEWER),
	(states.RETURNED, "Danger", OFFICER),
	(states.CLOSED, "Success", MANAGER),
	(states.REOPENED, "Warning", OFFICER),
	(states.REJECTED, "Inverse", MANAGER),
]

# (state, action, next state, roles)
COMPLAINT_TRANSITIONS = [
	(states.NEW, ROUTE, states.ROUTED, (MANAGER, ADMINISTRATOR)),
	(states.NEW, REJECT, states.REJECTED, (MANAGER, ADMINISTRATOR)),
	(states.ROUTED, ACCEPT, states.ACCEPTED, (OFFICER,)),
	(states.ROUTED, TRANSFER, states.TRANSFERRED, (OFFICER,)),
	# outside the unit's jurisdiction altogether (not another unit's: that is a transfer), with a reason
	(states.ROUTED, REJECT, states.REJECTED, (OFFICER,)),
	(states.TRANSFERRED, ROUTE, states.ROUTED, (MANAGER, ADMINISTRATOR)),
	(states.TRANSFERRED, REJECT, states.REJECTED, (MANAGER, ADMINISTRATOR)),
	(states.ACCEPTED, START_WORK, states.IN_PROGRESS, (OFFICER,)),
	(states.IN_PROGRESS, REQUEST_INFORMATION, states.AWAITING_CITIZEN, (OFFICER,)),
	(states.AWAITING_CITIZEN, RESUME, states.IN_PROGRESS, (OFFICER,)),
	(states.AWAITING_CITIZEN, REPLY, states.IN_PROGRESS, (CITIZEN,)),
	(states.IN_PROGRESS, RESPOND, states.RESPONDED, (OFFICER,)),
	(states.RESPONDED, START_REVIEW, states.UNDER_REVIEW, (REVIEWER,)),
	(states.UNDER_REVIEW, APPROVE, states.CLOSED, (REVIEWER,)),
	(states.UNDER_REVIEW, RETURN, states.RETURNED, (REVIEWER,)),
	(states.RETURNED, RESUME, states.IN_PROGRESS, (OFFICER,)),
	(states.CLOSED, REOPEN, states.REOPENED, (MANAGER, ADMINISTRATOR, CITIZEN)),
	(states.REOPENED, RESUME, states.IN_PROGRESS, (OFFICER,)),
]

APPEAL_STATES = [
	(states.APPEAL_SUBMITTED, "Info", APPEALS_BOARD),
	(states.APPEAL_UNDER_CONSIDERATION, "Primary", APPEALS_BOARD),
	(states.APPEAL_DECIDED, "Success", APPEALS_BOARD),
]

APPEAL_TRANSITIONS = [
	(states.APPEAL_SUBMITTED, START_CONSIDERATION, states.APPEAL_UNDER_CONSIDERATION, (APPEALS_BOARD,)),
	(states.APPEAL_UNDER_CONSIDERATION, DECIDE, states.APPEAL_DECIDED, (APPEALS_BOARD,)),
]


def ensure_complaint_workflow() -> None:
	# No Workflow Actions for complaints: Frappe makes one per state change, open to every holder of the
	# next transition's role nationwide, while a liaison officer's work list is their unit's assignments
	# (ToDo). Frappe makes none for a transition into an "optional" state.
	_ensure_workflow(
		COMPLAINT_WORKFLOW, "Complaint", COMPLAINT_STATES, COMPLAINT_TRANSITIONS, workflow_actions=False
	)


def ensure_appeal_workflow() -> None:
	_ensure_workflow(APPEAL_WORKFLOW, "Appeal", APPEAL_STATES, APPEAL_TRANSITIONS, workflow_actions=True)


def _ensure_workflow(
	name: str, doctype: str, state_rows: list, transition_rows: list, workflow_actions: bool
) -> None:
	_ensure_masters(state_rows, transition_rows)
	if frappe.db.exists("Workflow", {"document_type": doctype}) or frappe.db.exists("Workflow", name):
		return  # the administrator's workflow, whatever it now says
	frappe.get_doc(
		{
			"doctype": "Workflow",
			"workflow_name": name,
			"document_type": doctype,
			"workflow_state_field": "status",
			"is_active": 1,
			"override_status": 0,
			"send_email_alert": 0,
			"states": [
				{
					"state": state,
					"doc_status": "0",
					"allow_edit": role,
					"is_optional_state": int(not workflow_actions),
				}
				for state, _style, role in state_rows
			],
			"transitions": [
				{
					"state": state,
					"action": action,
					"next_state": next_state,
					"allowed": role,
					"allow_self_approval": 1,
				}
				for state, action, next_state, roles in transition_rows
				for role in roles
			],
		}
	).insert(ignore_permissions=True)


def _ensure_masters(state_rows: list, transition_rows: list) -> None:
	for state, style, _role in state_rows:
		if not frappe.db.exists("Workflow State", state):
			frappe.get_doc(
				{"doctype": "Workflow State", "workflow_state_name": state, "style": style}
			).insert(ignore_permissions=True)
	for action in dict.fromkeys(action for _s, action, _n, _r in transition_rows):
		if not frappe.db.exists("Workflow Action Master", action):
			frappe.get_doc({"doctype": "Workflow Action Master", "workflow_action_name": action}).insert(
				ignore_permissions=True
			)


def add_citizen_reply_transition() -> None:
	"""Sites made before the citizen could answer a request for information: the Reply transition is
	added to the Complaint workflow, once, when it still has both states and no way out of Awaiting
	Citizen for the citizen (an administrator's own choice is left alone)."""
	name = frappe.db.get_value("Workflow", {"document_type": "Complaint"})
	if not name:
		return
	workflow = frappe.get_doc("Workflow", name)
	workflow_states = {row.state for row in workflow.states}
	if not {states.AWAITING_CITIZEN, states.IN_PROGRESS} <= workflow_states:
		return
	if any(t.state == states.AWAITING_CITIZEN and t.allowed == CITIZEN for t in workflow.transitions):
		return
	_ensure_masters([], [(states.AWAITING_CITIZEN, REPLY, states.IN_PROGRESS, (CITIZEN,))])
	workflow.append(
		"transitions",
		{
			"state": states.AWAITING_CITIZEN,
			"action": REPLY,
			"next_state": states.IN_PROGRESS,
			"allowed": CITIZEN,
			"allow_self_approval": 1,
		},
	)
	workflow.save(ignore_permissions=True)


def add_transitions_when_missing(doctype: str, transition_rows: list) -> None:
	"""For a site whose workflow predates a default transition (patches): each transition of
	`transition_rows`, for each of its roles, is added to the DocType's workflow unless it has it already.
	A workflow the administrator changed keeps the rest as it is; a transition between states it no
	longer has is not added."""
	name = frappe.db.get_value("Workflow", {"document_type": doctype, "is_active": 1})
	if not name:
		return
	workflow = frappe.get_doc("Workflow", name)
	_ensure_masters([], transition_rows)
	present = {(t.state, t.action, t.next_state, t.allowed) for t in workflow.transitions}
	kept_states = {row.state for row in workflow.states}
	missing = [
		(state, action, next_state, role)
		for state, action, next_state, roles in transition_rows
		for role in roles
		if (state, action, next_state, role) not in present and {state, next_state} <= kept_states
	]
	for state, action, next_state, role in missing:
		workflow.append(
			"transitions",
			{
				"state": state,
				"action": action,
				"next_state": next_state,
				"allowed": role,
				"allow_self_approval": 1,
			},
		)
	if missing:
		workflow.save(ignore_permissions=True)
