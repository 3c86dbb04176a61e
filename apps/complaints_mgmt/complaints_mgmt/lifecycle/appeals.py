"""Appeals against the outcome of a complaint, closed or rejected, decided by the appeals board.

The complainant (the complaint's citizen account) or staff on their behalf may appeal a closed or a
rejected complaint within the days Complaints Settings allows from its closure or rejection; one appeal
at a time per complaint, and no reopening while it waits. The board has the days the settings give to
decide, by the Appeal Review workflow. An appeal upheld, wholly or in part, reopens a closed complaint,
and sends a rejected one back to central triage to be routed again.
"""

import frappe
from frappe import _
from frappe.model.workflow import get_workflow, get_workflow_name
from frappe.utils import add_days, add_to_date, cint, get_datetime, getdate, now_datetime, today

from complaints_mgmt.lifecycle import states
from complaints_mgmt.lifecycle.transitions import is_staff, move_by_system
from complaints_mgmt.setup.workflow import APPEALS_BOARD
from complaints_mgmt.utils.bidi_text import isolate

REOPENING_DECISIONS = ("Upheld", "Partly Upheld")
# The outcomes a complainant may appeal, and where an upheld appeal sends the complaint
APPEALABLE_STATES = (states.CLOSED, states.REJECTED)
STATE_AFTER_UPHELD = {states.CLOSED: states.REOPENED, states.REJECTED: states.NEW}


class AppealError(frappe.ValidationError):
	pass


class AppealWindowClosedError(AppealError):
	pass


class AppealPendingError(AppealError):
	"""The complaint's appeal is still before the board: the complaint waits for its decision."""


class ComplaintNotAppealableError(AppealError):
	"""The complaint is no longer in the outcome the appeal was filed against."""


DECISION_FIELDS = ("decision", "decision_date", "decision_note")
# What the appellant files (the appellant's name follows the complaint, fetch_from); fixed once filed,
# but for those the workflow lets edit the appeal
FILING_FIELDS = ("grounds",)


def validate_appeal(doc) -> None:
	"""Validate hook of Appeal."""
	if doc.is_new():
		_validate_new_appeal(doc)
		return
	_guard_filing_fields(doc)
	_guard_decision_fields(doc)
	if doc.status == states.APPEAL_DECIDED:
		_validate_decision(doc)


def pending_appeal(complaint: str) -> str | None:
	"""The appeal of the complaint that the board has not decided yet, if any."""
	return frappe.db.exists("Appeal", {"complaint": complaint, "status": ("!=", states.APPEAL_DECIDED)})


def refuse_reopening_while_appealed(doc) -> None:
	"""A complaint under appeal is not reopened by anyone: the board's decision comes first (an upheld
	appeal reopens it)."""
	pending = pending_appeal(doc.name)
	if pending:
		frappe.throw(
			_(
				"This complaint cannot be reopened while its appeal {0} is before the appeals board. The board's decision comes first."
			).format(isolate(pending)),
			AppealPendingError,
		)


def apply_decision(doc) -> None:
	"""On-update hook of Appeal: a decision upholding the appeal reopens a closed complaint and sends a
	rejected one back to triage."""
	before = doc.get_doc_before_save()
	newly_decided = doc.status == states.APPEAL_DECIDED and (not before or before.status != doc.status)
	if not newly_decided or doc.decision not in REOPENING_DECISIONS:
		return
	complaint = frappe.get_doc("Complaint", doc.complaint)
	if complaint.status == states.CLOSED:
		move_by_system(
			complaint, states.REOPENED, _("Reopened by appeal {0} ({1})").format(doc.name, _(doc.decision))
		)
	elif complaint.status == states.REJECTED:
		move_by_system(
			complaint,
			STATE_AFTER_UPHELD[states.REJECTED],
			_("Sent back to central triage by appeal {0} ({1})").format(doc.name, _(doc.decision)),
			values={"closed_on": None},
		)


def _validate_new_appeal(doc) -> None:
	complaint = frappe.db.get_value(
		"Complaint",
		doc.complaint,
		["name", "status", "closed_on", "citizen_user", "directorate", "complainant_name"],
		as_dict=True,
	)
	if not complaint:
		frappe.throw(_("Complaint {0} does not exist.").format(doc.complaint), AppealError)
	user = frappe.session.user
	if not (is_staff(user) or (complaint.citizen_user and complaint.citizen_user == user)):
		frappe.throw(_("Only the complainant or staff may appeal this complaint."), frappe.PermissionError)
	if complaint.status not in APPEALABLE_STATES:
		frappe.throw(_("Only a closed or rejected complaint can be appealed."), AppealError)
	days = cint(frappe.db.get_single_value("Complaints Settings", "appeal_days"))
	closed_on = get_datetime(complaint.closed_on) if complaint.closed_on else None
	if not closed_on or add_to_date(closed_on, days=days) < now_datetime():
		frappe.throw(
			_("A complaint can be appealed within {0} days of its closure or rejection.").format(days),
			AppealWindowClosedError,
		)
	pending = pending_appeal(complaint.name)
	if pending:
		frappe.throw(
			_("Appeal {0} of this complaint is still pending.").format(isolate(pending)), AppealError
		)
	doc.citizen_user = complaint.citizen_user
	doc.directorate = complaint.directorate
	doc.appellant_name = doc.appellant_name or complaint.complainant_name
	doc.submitted_on = now_datetime()
	doc.deadline = add_days(
		getdate(doc.submitted_on),
		cint(frappe.db.get_single_value("Complaints Settings", "appeal_decision_days")),
	)
	doc.decision = doc.decision_date = doc.decision_note = None


def _guard_filing_fields(doc) -> None:
	"""An appeal stays on its complaint (the checks of filing were made for it), and what was filed changes
	only by those the Appeal workflow lets edit the appeal in its state (the appeals board), as in the desk.
	Roles that file appeals for complainants (call center agents) need write to fill in the new form, not
	to rewrite appeals afterwards."""
	before = doc.get_doc_before_save()
	if not before:
		return
	if doc.complaint != before.complaint:
		frappe.throw(_("An appeal cannot be moved to another complaint."), AppealError)
	if all((doc.get(f) or None) == (before.get(f) or None) for f in FILING_FIELDS):
		return
	editors = {APPEALS_BOARD}
	if get_workflow_name("Appeal"):
		editors = {s.allow_edit for s in get_workflow("Appeal").states if s.state == before.status}
	if not editors & set(frappe.get_roles()):
		frappe.throw(_("Only the appeals board changes an appeal once it is filed."), frappe.PermissionError)


def _guard_decision_fields(doc) -> None:
	"""Only those the Appeal workflow lets decide (the appeals board) write the decision."""
	before = doc.get_doc_before_save()
	if not before or all((doc.get(f) or None) == (before.get(f) or None) for f in DECISION_FIELDS):
		return
	deciders = {APPEALS_BOARD}
	if get_workflow_name("Appeal"):
		transitions = get_workflow("Appeal").transitions
		deciders = {t.allowed for t in transitions if t.next_state == states.APPEAL_DECIDED}
	if not deciders & set(frappe.get_roles()):
		frappe.throw(_("Only the appeals board records the decision on an appeal."), frappe.PermissionError)


def _validate_decision(doc) -> None:
	status = frappe.db.get_value("Complaint", doc.complaint, "status")
	if status not in APPEALABLE_STATES:
		frappe.throw(
			_(
				"This appeal cannot be decided: its complaint is no longer closed or rejected (it is now {0})."
			).format(_(status)),
			ComplaintNotAppealableError,
		)
	for fieldname in ("decision", "decision_note"):
		if not (doc.get(fieldname) or "").strip():
			frappe.throw(
				_("{0} is required to decide the appeal.").format(_(doc.meta.get_label(fieldname))),
				AppealError,
			)
	doc.decision_date = doc.decision_date or today()
