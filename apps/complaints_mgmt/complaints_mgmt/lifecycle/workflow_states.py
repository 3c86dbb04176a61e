"""The workflow states the app relies on stay in the workflows administrators edit.

Administrators change transitions, roles and add states in the desk. A state the code names
(states.py) is another matter: a complaint is registered into Routed, the SLA reads Accepted and
Awaiting Citizen, closing and reopening move into Closed and Reopened. Without the state in the
workflow, new complaints are stored in a state the workflow no longer has and no action applies to
them. So an active Complaint or Appeal workflow must keep them, and their Workflow State records
cannot be renamed or deleted; a state is shown under another name with a Translation.
"""

import frappe
from frappe import _

from complaints_mgmt.lifecycle import states


def keep_states_in_use(doc, method=None) -> None:
	"""Workflow validate: refuse an active workflow of a complaint or an appeal without a state in use."""
	required = states.IN_USE.get(doc.document_type)
	if not required or not doc.is_active:
		return
	present = {row.state for row in doc.states}
	missing = [state for state in required if state not in present]
	if missing:
		frappe.throw(
			_(
				"The workflow of {0} must keep these states, which the system moves records into or reads: "
				"{1}. Add them back; to show a state under another name, translate it (Translation) "
				"instead of replacing it."
			).format(_(doc.document_type), ", ".join(_(state) for state in missing)),
			title=_("States in Use"),
		)


def keep_workflow_active(doc, method=None) -> None:
	"""Workflow validate and on_trash: the Complaint and Appeal workflows cannot be switched off or deleted.

	Without an active workflow, complaints filed meanwhile are stored with an empty status, and when it is
	switched on again they show its first state although they were routed and assigned. Another workflow
	for the same records replaces this one by being made active itself (Frappe then switches this one
	off); it has to keep the states in use too.
	"""
	if doc.document_type not in states.IN_USE:
		return
	if method == "on_trash":
		was_active = doc.is_active
	else:
		before = doc.get_doc_before_save()
		was_active = bool(before and before.is_active) and not doc.is_active
	if was_active:
		frappe.throw(
			_(
				"The workflow of {0} cannot be switched off or deleted: records filed meanwhile would have "
				"no state. To replace it, make another workflow of {0} active."
			).format(_(doc.document_type)),
			title=_("Workflow in Use"),
		)


def keep_state_record(doc, method=None, *args, **kwargs) -> None:
	"""Workflow State before_rename and on_trash: the records of the states in use stay as they are."""
	if any(doc.name in required for required in states.IN_USE.values()):
		frappe.throw(
			_(
				"The workflow state {0} is used by the system and cannot be renamed or deleted. To show it "
				"under another name, translate it (Translation)."
			).format(_(doc.name)),
			title=_("States in Use"),
		)
