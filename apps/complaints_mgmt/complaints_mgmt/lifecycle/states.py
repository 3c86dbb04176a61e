"""Workflow states whose meaning the code relies on.

Labels, transitions and the roles allowed to take them live in the Complaint Workflow record, which
administrators edit in the desk; the code names a state only where its meaning is fixed.
"""

NEW = "New"
ROUTED = "Routed"
ACCEPTED = "Accepted"
TRANSFERRED = "Transferred"
IN_PROGRESS = "In Progress"
AWAITING_CITIZEN = "Awaiting Citizen"
RESPONDED = "Responded"
UNDER_REVIEW = "Under Review"
RETURNED = "Returned"
CLOSED = "Closed"
REOPENED = "Reopened"
REJECTED = "Rejected"

# A complaint in one of these states is no longer open: no deadline runs, nothing escalates.
FINAL_STATES = (CLOSED, REJECTED)

# Appeal states
APPEAL_SUBMITTED = "Submitted"
APPEAL_UNDER_CONSIDERATION = "Under Consideration"
APPEAL_DECIDED = "Decided"

# Every state above, by the DocType whose workflow must keep it: the code moves records into these or
# reads them, so a workflow without one of them strands records (workflow_states.py).
IN_USE = {
	"Complaint": (
		NEW,
		ROUTED,
		ACCEPTED,
		TRANSFERRED,
		IN_PROGRESS,
		AWAITING_CITIZEN,
		RESPONDED,
		UNDER_REVIEW,
		RETURNED,
		CLOSED,
		REOPENED,
		REJECTED,
	),
	"Appeal": (APPEAL_SUBMITTED, APPEAL_UNDER_CONSIDERATION, APPEAL_DECIDED),
}
