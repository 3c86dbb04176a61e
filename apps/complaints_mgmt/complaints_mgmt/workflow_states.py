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

from complaints_mgmt import states


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
