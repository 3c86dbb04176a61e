"""A liaison officer rejects a complaint outside the unit's jurisdiction: the transition is added
to a site's Complaint workflow when it does not have it; the rest of the workflow stays the administrator's."""

from complaints_mgmt.lifecycle import states
from complaints_mgmt.setup.workflow import OFFICER, REJECT, add_transitions_when_missing


def execute():
	add_transitions_when_missing("Complaint", [(states.ROUTED, REJECT, states.REJECTED, (OFFICER,))])
