"""What a step of the complaint's workflow does besides changing its state.

The Complaint Workflow (a record administrators edit) says which states exist, which transitions lead
between them and which roles may take each. This module adds what the meaning of a state requires:
the reason a transfer, a rejection or a return must carry, the deadline an officer sets on acceptance,
the dates of acceptance, response and closure, the count of reopenings and the citizen's window to
reopen. It keys on the state entered, named once in `states.py`.

Moves the system makes on its own (a merge, an upheld appeal) go through `move_by_system`: they are not
a user's workflow action, so they are written directly, with the same timeline entry a workflow action
leaves, a note of why, and a version of the change. Routing at registration is stored with the complaint
itself (`enter_routed_state`), with the same timeline entries.
"""

import frappe
from frappe import _
from frappe.utils import add_to_date, cint, get_datetime, getdate, now_datetime

from complaints_mgmt.lifecycle import routing, states
from complaints_mgmt.lifecycle.assignment import choose_liaison_officer, sync_assignment_with_state
from complaints_mgmt.service_levels import sla
from complaints_mgmt.utils.record_names import record_title

# States in which a complaint waits in central triage for staff to route it.
TRIAGE_STATES = (states.NEW, states.TRANSFERRED)
# The fields that say which unit is competent; they change only by routing and transfer.
ROUTING_FIELDS = ("routing_level", "unit_doctype", "unit", "directorate", "social_unit", "hq_sector")


class TransitionError(frappe.ValidationError):
	pass


class MissingInformationError(TransitionError):
	pass


class DeadlineError(TransitionError):
	pass


class ReopenWindowClosedError(TransitionError):
	pass


class RoutingChangeError(TransitionError):
	pass


def previous_state(doc) -> str | None:
	before = doc.get_doc_before_save()
	return before.status if before else None


# What the later steps of the workflow write (the deadline on acceptance, the answer, the reasons, the
# review, the citizen's rating): a new complaint does not bring them, whoever files it. An agent's form
# saved a complaint "Approved" while it was only Routed.
LATER_STEP_FIELDS = (
	"deadline",
	"response",
	"transfer_reason",
	"rejection_reason",
	"information_request",
	"review_outcome",
	"review_note",
	"satisfaction_rating",
	"satisfaction_comment",
)


# What a user writes to move a complaint into a state. The desk asks for it with the action, whatever the
# role (complaint.js): the state's "Only Allow Edit For" may not let the role an administrator gave the
# action type it in the form.
WRITTEN_ON_ENTRY = {
	states.TRANSFERRED: "transfer_reason",
	states.REJECTED: "rejection_reason",
	states.RETURNED: "review_note",
	states.RESPONDED: "response",
	states.AWAITING_CITIZEN: "information_request",
}


def act_with_text(doc, action: str, text: str):
	"""Take a workflow action the user's roles allow, writing the text its next state needs (a reason, the
	answer) with it: Frappe's action reloads the complaint and would drop a text the form held unsaved,
	and the state's "Only Allow Edit For" may not let the user save it first. Nothing is kept if the
	action fails."""
	from frappe.model.workflow import WorkflowTransitionError, apply_workflow, get_transitions

	transition = next((t for t in get_transitions(doc) if t.action == action), None)
	if not transition:
		frappe.throw(_("Not a valid Workflow Action"), WorkflowTransitionError)
	fieldname = WRITTEN_ON_ENTRY.get(transition.next_state)
	if fieldname:
		if not (text or "").strip():
			frappe.throw(
				_("{0} is required to move the complaint to {1}.").format(
					_(doc.meta.get_label(fieldname)), _(transition.next_state)
				),
				MissingInformationError,
			)
		doc.db_set(fieldname, text.strip(), update_modified=False)
	return apply_workflow(doc.as_dict(), action)


def start_at_intake(doc) -> None:
	"""Validate hook: a new complaint starts with none of what later steps write."""
	if not doc.is_new():
		return
	for fieldname in LATER_STEP_FIELDS:
		doc.set(fieldname, 0 if doc.meta.get_field(fieldname).fieldtype == "Rating" else None)


def apply_transition_rules(doc) -> None:
	"""Validate hook: check and complete a state change a user makes."""
	if doc.is_new():
		return
	old, new = previous_state(doc), doc.status
	if old != new:
		check = _CHECKS.get(new)
		if check:
			check(doc, old)
		stamp_state_entry(doc, old, new)
	accepting = old != new and new == states.ACCEPTED  # checked with the acceptance above
	if not accepting and doc.has_value_changed("deadline"):
		_check_changed_deadline(doc)
	if not (old in TRIAGE_STATES or new == states.TRANSFERRED):
		_guard_routing_fields(doc)


def stamp_state_entry(doc, old: str | None, new: str) -> None:
	"""Dates and counters that entering a state sets, for user and system moves alike."""
	now = now_datetime()
	if new == states.ACCEPTED:
		doc.accepted_on = now
	elif new == states.RESPONDED:
		doc.responded_on = now
		if doc.review_outcome == "Returned":
			# the new answer replies to the return note: it stays on the timeline, not on the complaint,
			# so an approved answer does not show a note that asked for something already done
			doc.review_note = None
	elif new == states.RETURNED:
		doc.review_outcome = "Returned"
	elif new in states.FINAL_STATES:
		doc.closed_on = now
		if old == states.UNDER_REVIEW and new == states.CLOSED:
			doc.review_outcome = "Approved"
	elif new == states.REOPENED:
		doc.reopen_count = cint(doc.reopen_count) + 1
		doc.closed_on = None
		doc.review_outcome = None
	if old == states.AWAITING_CITIZEN:
		# the question is answered: it stays on the timeline, and a later request asks its own
		doc.information_request = None


def record_transition(doc) -> None:
	"""On-update hook: the reason a user gave for a transfer, return or rejection, on the timeline.

	The transition itself is on the timeline already (the workflow action's entry and the version).
	At registration the routing move says itself why (`note_routing`)."""
	old, new = previous_state(doc), doc.status
	if not old or old == new or doc.flags.in_insert:
		return
	note = None
	if new == states.TRANSFERRED:
		note = _("Transferred to central triage: {0}").format(doc.transfer_reason)
	elif new == states.REJECTED:
		note = _("Rejected: {0}").format(doc.rejection_reason)
	elif new == states.RETURNED:
		note = _("Returned by the quality reviewer: {0}").format(doc.review_note)
	elif new == states.AWAITING_CITIZEN:
		note = _("Information requested from the citizen: {0}").format(doc.information_request)
	elif new == states.ROUTED:
		note = _("Routed to {0}").format(record_title(doc.unit_doctype, doc.unit))
	elif new == states.REOPENED:
		note = _("Reopened (time {0})").format(doc.reopen_count)
	if note:
		doc.add_comment("Info", note)


def enter_routed_state(doc) -> None:
	"""Just before the first write, after Frappe's workflow check of the new complaint (which must start
	in New): a complaint that routing sent to a unit is stored Routed, with the deadlines of that state,
	in the same INSERT. Moving it after the insert cost an UPDATE, a second pass of the notifications
	and of the SLA, about a third of an intake (docs/PERFORMANCE.md)."""
	if doc.status == states.NEW and doc.unit and doc.routing_level != routing.CENTRAL_TRIAGE:
		doc.status = states.ROUTED
		stamp_state_entry(doc, states.NEW, states.ROUTED)
		sla.follow_state(doc)
		doc.flags.routed_on_insert = True


def note_routing(doc) -> None:
	"""After insert: the routing move on the timeline, as a workflow action would leave it."""
	if doc.flags.routed_on_insert:
		doc.add_comment("Workflow", _(states.ROUTED))
		doc.add_comment(
			"Info", _("Routed to {0}: {1}").format(record_title(doc.unit_doctype, doc.unit), doc.routing_note)
		)


def move_by_system(doc, state: str, note: str | None = None, values: dict | None = None) -> None:
	"""Put the complaint in `state` without a user's workflow action, and say so on its timeline.

	For the system's own moves only: a merge, an upheld appeal (routing at registration happens in the
	first write: `enter_routed_state`)."""
	old = doc.status
	before = frappe.get_doc(doc.as_dict()) if not doc.is_new() else None
	doc.update(values or {})
	doc.status = state
	stamp_state_entry(doc, old, state)
	if not doc.is_new():
		choose_liaison_officer(doc)  # a reopened complaint whose officer is gone gets another
	changed = {
		field: doc.get(field) for field in (*(values or {}), "status", "liaison_officer", *_STAMPED_FIELDS)
	}
	doc.db_set(changed)
	doc.add_comment("Workflow", _(state))
	if note:
		doc.add_comment("Info", note)
	if before:
		version = frappe.new_doc("Version")
		if version.update_version_info(before, doc):
			version.insert(ignore_permissions=True)
	sync_assignment_with_state(doc, old)


def is_staff(user: str | None = None) -> bool:
	"""Desk users work on complaints; website users (citizens) only on their own."""
	user = user or frappe.session.user
	return user == "Administrator" or frappe.get_cached_value("User", user, "user_type") == "System User"


def max_deadline(doc):
	"""The latest processing deadline the category allows, counted from registration.

	Working days when `complaints_mgmt.service_levels.sla.add_working_days(start, days)` exists, calendar days until then.
	"""
	days = cint(frappe.get_cached_value("Complaint Category", doc.category, "resolution_days"))
	if days <= 0:
		return None
	start = get_datetime(doc.received_on or doc.creation or now_datetime())
	add_working_days = _add_working_days()
	if add_working_days:
		return get_datetime(add_working_days(start, days))
	return add_to_date(start, days=days)


def _add_working_days():
	try:
		from complaints_mgmt.service_levels import sla
	except ImportError:
		return None
	return getattr(sla, "add_working_days", None)


_STAMPED_FIELDS = ("accepted_on", "responded_on", "closed_on", "review_outcome", "reopen_count")


def _require(doc, fieldname: str) -> None:
	value = doc.get(fieldname)
	if isinstance(value, str):
		value = value.strip()
	if not value:
		label = _(doc.meta.get_label(fieldname))
		frappe.throw(
			_("{0} is required to move the complaint to {1}.").format(label, _(doc.status)),
			MissingInformationError,
		)


def _check_routed(doc, old: str | None) -> None:
	if old in TRIAGE_STATES:
		routing.apply_route(doc, routing.chosen_route(doc))


def _check_accepted(doc, old: str | None) -> None:
	_require(doc, "deadline")
	_check_deadline(doc)


def _check_changed_deadline(doc) -> None:
	"""A deadline changed after acceptance holds to the rules of acceptance: in the future and within
	the category's maximum (or the deadline it had, when a pause for the citizen moved it past that)."""
	if doc.accepted_on:
		_require(doc, "deadline")
	if doc.deadline:
		_check_deadline(doc, allowed_until=doc.get_doc_before_save().deadline)


def _check_deadline(doc, allowed_until=None) -> None:
	deadline = get_datetime(doc.deadline)
	if deadline <= now_datetime():
		frappe.throw(_("The processing deadline must be in the future."), DeadlineError)
	latest = max_deadline(doc)
	if latest and allowed_until and get_datetime(allowed_until) > latest:
		latest = get_datetime(allowed_until)
	if latest and getdate(deadline) > getdate(latest):
		frappe.throw(
			_("The processing deadline cannot be later than {0}, the maximum for this category.").format(
				frappe.format(getdate(latest), "Date")
			),
			DeadlineError,
		)


def _check_transferred(doc, old: str | None) -> None:
	_require(doc, WRITTEN_ON_ENTRY[states.TRANSFERRED])
	previous_unit = record_title(doc.unit_doctype, doc.unit)
	routing.apply_route(
		doc, routing.triage_route(_("Transferred by {0}: {1}").format(previous_unit, doc.transfer_reason))
	)
	doc.liaison_officer = None


def _check_responded(doc, old: str | None) -> None:
	_require(doc, WRITTEN_ON_ENTRY[states.RESPONDED])


def _check_returned(doc, old: str | None) -> None:
	_require(doc, WRITTEN_ON_ENTRY[states.RETURNED])


def _check_rejected(doc, old: str | None) -> None:
	_require(doc, WRITTEN_ON_ENTRY[states.REJECTED])


def _check_awaiting_citizen(doc, old: str | None) -> None:
	_require(doc, WRITTEN_ON_ENTRY[states.AWAITING_CITIZEN])


def _check_reopened(doc, old: str | None) -> None:
	from complaints_mgmt.lifecycle.appeals import refuse_reopening_while_appealed

	refuse_reopening_while_appealed(doc)
	if doc.citizen_user and frappe.session.user == doc.citizen_user:
		days = cint(frappe.db.get_single_value("Complaints Settings", "citizen_reopen_days"))
		closed_on = get_datetime(doc.closed_on or doc.modified)
		if add_to_date(closed_on, days=days) < now_datetime():
			frappe.throw(
				_("A complaint can be reopened by its complainant within {0} days of closure.").format(days),
				ReopenWindowClosedError,
			)


_CHECKS = {
	states.ROUTED: _check_routed,
	states.ACCEPTED: _check_accepted,
	states.TRANSFERRED: _check_transferred,
	states.RESPONDED: _check_responded,
	states.RETURNED: _check_returned,
	states.REJECTED: _check_rejected,
	states.AWAITING_CITIZEN: _check_awaiting_citizen,
	states.REOPENED: _check_reopened,
}


def _guard_routing_fields(doc) -> None:
	"""Outside triage, the competent unit changes only by a transfer and routing."""
	before = doc.get_doc_before_save()
	if before and any((doc.get(field) or None) != (before.get(field) or None) for field in ROUTING_FIELDS):
		frappe.throw(
			_("The competent unit changes only by transferring the complaint to central triage."),
			RoutingChangeError,
		)
