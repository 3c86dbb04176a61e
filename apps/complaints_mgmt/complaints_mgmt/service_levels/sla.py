"""Service levels: the deadlines a complaint runs against, on the working calendar.

- At registration the SLA policy gives the accept-by: `accept_hours` working hours after receipt.
- At acceptance it gives the resolve-by: `resolve_days` working days after acceptance. (The officer's
  own `deadline`, which the lifecycle bounds by the category's maximum, is what the citizen is told;
  the SLA's resolve-by is what escalation and "met or breached" measure.)
- In Awaiting Citizen the clock stops: on leaving it, both deadlines move by the working time spent.
- A transfer gives the next unit a fresh accept-by when it is routed again; a reopening a fresh
  resolve-by.
- On closure (or rejection) the SLA is recorded as Met or Breached: breached when acceptance came
  after the accept-by or closure after the resolve-by.

The policy that applies is the most specific one: category (or its nearest parent category) with
priority, category alone, priority alone, then the category's own "Hours to Accept" and "Maximum Working
Days to Resolve", then the policy with neither category nor priority.

Hooks: `apply_sla` (validate) for saves; `follow_system_move` (on_change) for the moves the lifecycle
makes with `db_set`, which skip validate. Both end by scheduling the next escalation (escalation.py).
"""

from dataclasses import dataclass

import frappe
from frappe import _
from frappe.utils import cint, flt, get_datetime, now_datetime

from complaints_mgmt.lifecycle import states
from complaints_mgmt.lifecycle.routing import category_lineage
from complaints_mgmt.service_levels import working_time

POLICY = "SLA Policy"
ON_TRACK, BREACHED, MET = "On Track", "Breached", "Met"
ACCEPTANCE, RESOLUTION = "Acceptance", "Resolution"
# States in which the competent unit has not accepted the complaint yet: the accept-by runs.
ACCEPTANCE_STATES = (states.NEW, states.ROUTED, states.TRANSFERRED)
# The fields this module sets; written with `db_set`-free updates after a system move.
SLA_FIELDS = (
	"sla_policy",
	"accept_by",
	"resolve_by",
	"deadline",
	"sla_paused_on",
	"sla_paused_hours",
	"sla_status",
	"escalation_level",
	"next_escalation_on",
)
_UNSEEN = object()


class SLAPolicyError(frappe.ValidationError):
	pass


@dataclass(frozen=True)
class Terms:
	policy: str | None
	accept_hours: float
	resolve_days: int


# Working-day arithmetic on the site's calendar (lifecycle.max_deadline uses add_working_days) ----------


def add_working_days(start, days: int, calendar=None):
	return working_time.add_working_days(start, days, calendar or working_time.load_calendar())


def add_working_hours(start, hours: float, calendar=None):
	return working_time.add_working_time(start, hours, calendar or working_time.load_calendar())


def working_hours_between(start, end) -> float:
	return working_time.working_hours_between(start, end, working_time.load_calendar())


# Hooks --------------------------------------------------------------------------------------------


def apply_sla(doc) -> None:
	"""Validate hook of Complaint."""
	if doc.is_new():
		_register(doc)
	else:
		before = doc.get_doc_before_save()
		_apply_state_change(doc, before.status if before else None, doc.status)
	_finish(doc)


def show_status_now(doc) -> None:
	"""Onload hook of Complaint: the SLA status as of now. The stored status turns Breached when a save
	or the escalation job sees the deadline passed; between the two, a complaint weeks late read "On
	Track" beside its overdue deadline."""
	if is_late(doc, now_datetime()):
		doc.sla_status = BREACHED


def is_late(doc, now) -> bool:
	"""Open and past the deadline it runs against (accept-by or resolve-by) or the deadline the citizen
	was given, as the Overdue Complaints report counts it."""
	if doc.status in states.FINAL_STATES or doc.get("sla_paused_on"):
		return False  # finished, or waiting for the citizen: the clock stands still
	return any(due and get_datetime(due) < now for due in (current_due(doc), doc.get("deadline")))


def follow_system_move(doc) -> None:
	"""On-change hook of Complaint: a state the lifecycle set with `db_set` (a merge, an upheld appeal)
	gets the same deadlines a save would have given it."""
	changed = follow_state(doc)
	if changed:
		frappe.db.set_value(doc.doctype, doc.name, changed, update_modified=False)


def follow_state(doc) -> dict:
	"""The deadlines of a state the lifecycle set without a save, on the document; returns the fields
	that changed. Before the first write (routing at registration) nothing more is needed."""
	seen = doc.flags.get("sla_status_seen", _UNSEEN)
	if seen is _UNSEEN:
		before = doc.get_doc_before_save()
		seen = before.status if before else None
	if seen == doc.status:
		return {}
	old_values = {field: doc.get(field) for field in SLA_FIELDS}
	_apply_state_change(doc, seen, doc.status)
	_finish(doc)
	return {field: doc.get(field) for field in SLA_FIELDS if doc.get(field) != old_values[field]}


def _finish(doc) -> None:
	from complaints_mgmt.service_levels.escalation import next_escalation_time

	doc.flags.sla_status_seen = doc.status
	if doc.sla_status == ON_TRACK and is_late(doc, now_datetime()):
		doc.sla_status = BREACHED
	doc.next_escalation_on = next_escalation_time(doc)


# What each state change does ------------------------------------------------------------------------


def _register(doc) -> None:
	if not doc.language:
		doc.language = frappe.local.lang if frappe.local.lang in ("ar", "en") else "ar"
	doc.sla_status = ON_TRACK
	terms = terms_for(doc)
	if terms:
		doc.sla_policy = terms.policy
		doc.accept_by = add_working_hours(doc.received_on or now_datetime(), terms.accept_hours)
	doc.escalation_level = 0


def _apply_state_change(doc, old: str | None, new: str) -> None:
	if old == new:
		return
	now = now_datetime()
	if old == states.AWAITING_CITIZEN:
		_resume(doc, now)
	if new == states.AWAITING_CITIZEN:
		doc.sla_paused_on = now
	elif new == states.ACCEPTED:
		_start_resolution(doc, get_datetime(doc.accepted_on or now))
		if doc.accept_by and get_datetime(doc.accepted_on or now) > get_datetime(doc.accept_by):
			doc.sla_status = BREACHED
	elif new == states.ROUTED and old == states.TRANSFERRED:
		terms = terms_for(doc)
		if terms:
			doc.accept_by = add_working_hours(now, terms.accept_hours)
		doc.escalation_level = 0
	elif new == states.REOPENED:
		_start_resolution(doc, now)
		doc.sla_status = ON_TRACK
	elif new in states.FINAL_STATES:
		doc.sla_status = _outcome(doc, get_datetime(doc.closed_on or now))


def _start_resolution(doc, start) -> None:
	terms = terms_for(doc)
	if terms:
		doc.sla_policy = terms.policy
		doc.resolve_by = add_working_days(start, terms.resolve_days)
	doc.escalation_level = 0


def _resume(doc, now) -> None:
	"""Leaving Awaiting Citizen: the deadlines move by the working time the complaint waited."""
	if not doc.sla_paused_on:
		return
	paused = working_hours_between(doc.sla_paused_on, now)
	for field in ("accept_by", "resolve_by", "deadline"):
		if doc.get(field) and paused:
			doc.set(field, add_working_hours(doc.get(field), paused))
	doc.sla_paused_hours = flt(doc.sla_paused_hours) + paused
	doc.sla_paused_on = None


def _outcome(doc, closed_on) -> str:
	if doc.sla_status == BREACHED:
		return BREACHED
	due = current_due(doc, phase=RESOLUTION if doc.resolve_by else ACCEPTANCE)
	return MET if not due or closed_on <= get_datetime(due) else BREACHED


def phase_of(doc) -> str:
	return ACCEPTANCE if doc.status in ACCEPTANCE_STATES or not doc.status else RESOLUTION


def current_due(doc, phase: str | None = None):
	"""The deadline the complaint runs against now: accept-by until accepted, resolve-by after."""
	phase = phase or phase_of(doc)
	return doc.get("accept_by") if phase == ACCEPTANCE else doc.get("resolve_by")


# Complaints written without the hooks -------------------------------------------------------------


def schedule_open_complaints(batch_size: int = 1000, names: list[str] | None = None) -> int:
	"""Open complaints that never went through `apply_sla` (written before this module, or loaded in
	bulk) get their accept-by, resolve-by and next escalation. Returns how many were updated.

	Levels whose time has already passed count as sent: a backlog of late complaints is marked
	Breached and escalates from its next level on, instead of flooding every head at the first run.
	Each batch is read by primary key after the last one, so the scan never restarts. `names` limits
	it to those complaints."""
	from complaints_mgmt.service_levels.escalation import (
		escalation_levels,
		next_escalation_time,
		passed_level,
	)

	complaint = frappe.qb.DocType("Complaint")
	fields = ["name", "status", "category", "priority", "received_on", "creation", "accepted_on"]
	fields += ["accept_by", "resolve_by", "escalation_level", "sla_paused_on", "sla_status"]
	terms_cache = {}
	calendar, levels = working_time.load_calendar(), escalation_levels()
	updated, last = 0, ""
	while True:
		rows = (
			frappe.qb.from_(complaint)
			.select(*(complaint[field] for field in fields))
			.where(complaint.name > last)
			.where(complaint.status.notin(states.FINAL_STATES) & complaint.next_escalation_on.isnull())
			.where(complaint.name.isin(names) if names else complaint.name.isnotnull())
			.orderby(complaint.name)
			.limit(batch_size)
			.run(as_dict=True)
		)
		if not rows:
			return updated
		for row in rows:
			key = (row.category, row.priority)
			if key not in terms_cache:
				terms_cache[key] = terms_for(row)
			values = _missing_deadlines(row, terms_cache[key], calendar)
			row.update(values)
			due, now = current_due(row), now_datetime()
			if due and get_datetime(due) < now:
				values["sla_status"] = row.sla_status = BREACHED
			passed = passed_level(row, now, calendar, levels)
			if passed:
				values["escalation_level"] = row.escalation_level = passed
			values["next_escalation_on"] = next_escalation_time(row, calendar, levels)
			if any(value is not None for value in values.values()):
				frappe.db.set_value("Complaint", row.name, values, update_modified=False)
				updated += 1
		last = rows[-1].name


def _missing_deadlines(row, terms: Terms | None, calendar) -> dict:
	values = {}
	if not terms:
		return values
	if not row.accept_by:
		values["accept_by"] = add_working_hours(row.received_on or row.creation, terms.accept_hours, calendar)
	if not row.resolve_by and row.accepted_on and row.status not in ACCEPTANCE_STATES:
		values["resolve_by"] = add_working_days(row.accepted_on, terms.resolve_days, calendar)
		values["sla_policy"] = terms.policy
	return values


# Policies -----------------------------------------------------------------------------------------


def terms_for(doc) -> Terms | None:
	"""The hours to accept and working days to resolve that apply to the complaint, if any."""
	policies = frappe.get_all(
		POLICY,
		filters={"enabled": 1},
		fields=["name", "complaint_type", "category", "priority", "accept_hours", "resolve_days"],
	)
	lineage = list(category_lineage(doc.category)) if any(p.category for p in policies) else [doc.category]
	ranked = []
	for policy in policies:
		if policy.priority and policy.priority != doc.priority:
			continue
		if policy.complaint_type and policy.complaint_type != doc.get("complaint_type"):
			continue
		if policy.category:
			if policy.category not in lineage:
				continue
			rank = (0, lineage.index(policy.category), 0 if policy.priority else 1)
		else:
			rank = (1,) if policy.priority else (3,)
		# a policy for the complaint's type (a distress appeal's short one) comes before all the others
		ranked.append(((0 if policy.complaint_type else 1, *rank), policy))
	category = (
		frappe.get_cached_value(
			"Complaint Category", doc.category, ["acceptance_hours", "resolution_days"], as_dict=True
		)
		if doc.category
		else None
	)
	if category and cint(category.acceptance_hours) > 0 and cint(category.resolution_days) > 0:
		ranked.append(((1, 2), frappe._dict(name=None, **category)))
	if not ranked:
		return None  # no policy at all: the complaint is registered without SLA deadlines
	best = min(ranked, key=lambda item: item[0])[1]
	if best.name is None:
		return Terms(None, flt(best.acceptance_hours), cint(best.resolution_days))
	return Terms(best.name, flt(best.accept_hours), cint(best.resolve_days))


def validate_policy(doc) -> None:
	"""Validate hook of SLA Policy: one enabled policy per type, category and priority; deadlines that
	exist."""
	if flt(doc.accept_hours) <= 0 or cint(doc.resolve_days) <= 0:
		frappe.throw(_("Hours to accept and working days to resolve must be more than zero."), SLAPolicyError)
	if not doc.enabled:
		return
	clash = next(
		(
			policy.name
			for policy in frappe.get_all(
				POLICY, filters={"enabled": 1}, fields=["name", "complaint_type", "category", "priority"]
			)
			if policy.name != doc.name
			and (policy.complaint_type or None) == (doc.get("complaint_type") or None)
			and (policy.category or None) == (doc.category or None)
			and (policy.priority or None) == (doc.priority or None)
		),
		None,
	)
	if clash:
		frappe.throw(
			_("The SLA policy {0} already covers this type, category and priority.").format(clash),
			SLAPolicyError,
		)
