"""Escalation: a late complaint climbs the hierarchy by itself.

The levels are rows of Complaints Settings (administrators edit them): each says when (working hours
before or after the deadline) and whom to notify: the liaison officer, the head of the complaint's
directorate, or headquarters (a role, a user, an email). The deadline is the one the complaint runs
against now (sla.py): accept-by until the unit accepts, resolve-by after. Nobody to notify at a level
(no officer yet, a directorate without a head): the next one up is notified instead.

A complaint carries `next_escalation_on`, the moment its next level falls due, kept by sla.py whenever
its deadlines or state change (empty when it is closed or awaiting the citizen). The scheduled job reads
due complaints through the index on that column, a batch at a time, so a run costs what is due, not
what is open.

Each escalation writes one Complaint Escalation record. Its key (complaint, round of reopening,
deadline, level) is UNIQUE, and the job locks the complaint row (FOR UPDATE) before deciding, so a
level is never sent twice, even by two runs at once. The escalation is written on the complaint's
timeline. When several levels are due at once (the job was down), only the highest is sent.

The Notification records (email, in-app, SMS) listen to a new Complaint Escalation. Rendering and
queueing an email costs Frappe about a fifth of a second, so they do not run inside the scheduled run:
when the run's transaction commits, it asks for the site's notifying job, which works through every
escalation not yet notified and evaluates them once for each (`notified_on`, under a row lock). A run
also asks again when escalations whose job was lost are waiting.
"""

from dataclasses import dataclass, field

import frappe
from frappe import _
from frappe.utils import add_to_date, cint, flt, format_datetime, get_datetime, now_datetime

from complaints_mgmt.intake.submission import savepoint
from complaints_mgmt.lifecycle import states
from complaints_mgmt.messaging.queued_jobs import drain, drain_rows, once_after_commit, request_drain
from complaints_mgmt.service_levels import working_time
from complaints_mgmt.service_levels.sla import BREACHED, ON_TRACK, current_due, phase_of

SETTINGS = "Complaints Settings"
LOG = "Complaint Escalation"
LIAISON_OFFICER, DIRECTORATE_HEAD, HEADQUARTERS = "Liaison Officer", "Directorate Head", "Headquarters"
TARGETS = (LIAISON_OFFICER, DIRECTORATE_HEAD, HEADQUARTERS)
BEFORE = "Before the Deadline"
HEADQUARTERS_ROLE = "Complaints Manager"
DEFAULT_BATCH = 500
RETRY_AFTER_ERROR_HOURS = 1
NOTIFY_JOB = "complaints_mgmt.service_levels.escalation.notify_waiting"
NOTIFY_JOB_ID = "escalation-notices"
LOST_NOTIFICATION_MINUTES = 10
RESCHEDULE_JOB = "complaints_mgmt.service_levels.escalation.reschedule_open_complaints"
RESCHEDULE_JOB_ID = "escalation-reschedule"
RESCHEDULE_BATCH = 2000
NOT_ESCALATED = (*states.FINAL_STATES, states.AWAITING_CITIZEN)
# What next_escalation_time and passed_level read of a complaint (received_on and creation: a level
# never falls due before the complaint arrived)
TIMING_FIELDS = ("name", "status", "accept_by", "resolve_by", "escalation_level", "received_on", "creation")
# What escalating reads besides: the SLA status it may mark Breached, whom it tells, what its log says
RECORD_FIELDS = ("subject", "reopen_count", "liaison_officer", "directorate", "unit", "sla_status")


@dataclass
class Recipients:
	target: str
	emails: list[str] = field(default_factory=list)
	mobiles: list[str] = field(default_factory=list)

	def __bool__(self) -> bool:
		return bool(self.emails or self.mobiles)


class EscalationLevelError(frappe.ValidationError):
	pass


def validate_escalation_levels(settings) -> None:
	"""Validate hook of Complaints Settings: each level number once, and someone to notify at each."""
	seen = set()
	for row in settings.get("escalation_levels") or []:
		if _level(row) in seen:
			frappe.throw(_("Escalation level {0} is listed twice.").format(_level(row)), EscalationLevelError)
		seen.add(_level(row))
		if row.notify == HEADQUARTERS and not (row.notify_role or row.notify_user or row.notify_email):
			frappe.throw(
				_(
					"Escalation level {0} notifies headquarters but names no role, user or email: "
					"nobody would be told. Fill one of them."
				).format(_level(row)),
				EscalationLevelError,
				title=_("Invalid Setting"),
			)


# When ---------------------------------------------------------------------------------------------


def escalation_levels() -> list:
	settings = frappe.get_cached_doc(SETTINGS)
	if not cint(settings.get("escalation_enabled")):
		return []
	return sorted((row for row in settings.get("escalation_levels") or [] if cint(row.level) > 0), key=_level)


def level_time(due, level, calendar=None):
	"""When `level` falls due for a deadline `due`: working hours before or after it."""
	calendar = calendar or working_time.load_calendar()
	if level.timing == BEFORE:
		return working_time.subtract_working_time(due, flt(level.hours), calendar)
	return working_time.add_working_time(due, flt(level.hours), calendar)


def next_escalation_time(doc, calendar=None, levels=None):
	"""When the complaint's next level falls due; None when nothing more can happen."""
	if doc.get("status") in NOT_ESCALATED:
		return None
	due = current_due(doc)
	levels = escalation_levels() if levels is None else levels
	pending = [level for level in levels if _level(level) > cint(doc.get("escalation_level"))]
	if not (due and pending):
		return None
	calendar = calendar or working_time.load_calendar()
	return min(_not_before_arrival(doc, level_time(get_datetime(due), level, calendar)) for level in pending)


def _not_before_arrival(doc, when):
	"""A level whose hours reach back past the complaint's arrival (24 hours before a deadline 6 hours
	away) falls due when the complaint arrives, never before it existed."""
	arrived = doc.get("received_on") or doc.get("creation")
	return max(when, get_datetime(arrived)) if arrived else when


def passed_level(doc, now, calendar=None, levels=None) -> int:
	"""The highest level whose time has come for the complaint's current deadline (0: none)."""
	due = current_due(doc)
	if not due or doc.get("status") in NOT_ESCALATED:
		return 0
	calendar = calendar or working_time.load_calendar()
	levels = escalation_levels() if levels is None else levels
	return max(
		(
			_level(level)
			for level in levels
			if _level(level) > cint(doc.get("escalation_level"))
			and level_time(get_datetime(due), level, calendar) <= now
		),
		default=0,
	)


# The job ------------------------------------------------------------------------------------------


def run() -> None:
	"""Scheduled: escalate every due complaint, a batch per transaction."""
	if not escalation_levels():
		return
	size = cint(frappe.db.get_single_value(SETTINGS, "escalation_batch_size")) or DEFAULT_BATCH
	done = set()
	while True:
		batch = [name for name in due_complaints(now_datetime(), size) if name not in done]
		if not batch:
			break
		escalate_batch(batch)
		done.update(batch)
		# A scheduled job owns its transaction: committing per batch keeps row locks and undo short.
		frappe.db.commit()  # nosemgrep
	if unnotified(add_to_date(now_datetime(), minutes=-LOST_NOTIFICATION_MINUTES), limit=1):
		request_notify()


def escalate_due(limit: int = DEFAULT_BATCH) -> list[str]:
	"""One batch of due complaints, escalated in the current transaction. Returns the escalated ones."""
	return escalate_batch(due_complaints(now_datetime(), limit))


def escalate_batch(names: list[str]) -> list[str]:
	now = now_datetime()
	calendar, levels = working_time.load_calendar(), escalation_levels()  # once for the batch
	return [name for name in names if escalate(name, now, calendar, levels)]


def due_complaints(now, limit: int = DEFAULT_BATCH) -> list[str]:
	"""Complaints whose next level is due, earliest first (index on next_escalation_on)."""
	return due_complaints_query(now, limit).run(pluck=True)


def due_complaints_query(now, limit: int = DEFAULT_BATCH):
	complaint = frappe.qb.DocType("Complaint")
	return (
		frappe.qb.from_(complaint)
		.select(complaint.name)
		.where(complaint.next_escalation_on <= now)
		.orderby(complaint.next_escalation_on)
		.limit(limit)
	)


def escalate(name: str, now=None, calendar=None, levels=None) -> bool:
	"""Send the complaint's due level, if it is still due; True when an escalation was recorded.

	An error is logged and the complaint is looked at again an hour later; the batch goes on."""
	now = now or now_datetime()
	try:
		with savepoint():
			return _escalate(name, now, calendar, levels)
	except Exception:
		frappe.log_error(title=_("Escalation failed"), reference_doctype="Complaint", reference_name=name)
		frappe.db.set_value(
			"Complaint",
			name,
			"next_escalation_on",
			add_to_date(now, hours=RETRY_AFTER_ERROR_HOURS),
			update_modified=False,
		)
		return False


def _escalate(name: str, now, calendar=None, levels=None) -> bool:
	complaint = _lock_if_due(name, now)
	if not complaint:
		return False  # another run escalated it meanwhile, or it changed
	calendar = calendar or working_time.load_calendar()
	levels = escalation_levels() if levels is None else levels
	reached = passed_level(complaint, now, calendar, levels)
	values = {}
	recorded = False
	if reached:
		level = next(level for level in levels if _level(level) == reached)
		due = get_datetime(current_due(complaint))
		recorded = _record(complaint, level, recipients_for(level, complaint), due, now)
		complaint.escalation_level = values["escalation_level"] = reached
		if now > due and complaint.sla_status in (ON_TRACK, None, ""):
			values["sla_status"] = BREACHED
	values["next_escalation_on"] = next_escalation_time(complaint, calendar, levels)
	frappe.db.set_value("Complaint", name, values, update_modified=False)
	return recorded


def _lock_if_due(name: str, now):
	"""The complaint, locked, if its next escalation is due. A locking read sees the latest committed
	row, so a run that waited for another's lock finds the complaint no longer due."""
	complaint = frappe.qb.DocType("Complaint")
	rows = (
		frappe.qb.from_(complaint)
		.select(*TIMING_FIELDS, *RECORD_FIELDS)
		.where((complaint.name == name) & (complaint.next_escalation_on <= now))
		.for_update()
		.run(as_dict=True)
	)
	return rows[0] if rows else None


def _record(complaint, level, recipients: Recipients, due, now) -> bool:
	phase = phase_of(complaint)
	key = f"{complaint.name}:{cint(complaint.reopen_count)}:{phase}:{_level(level)}"
	log = frappe.get_doc(
		{
			"doctype": LOG,
			"complaint": complaint.name,
			"subject": complaint.subject,
			"level": _level(level),
			"notify": recipients.target,
			"phase": phase,
			"due_on": due,
			"escalated_on": now,
			"directorate": complaint.directorate,
			"unit": complaint.unit,
			"liaison_officer": complaint.liaison_officer,
			"recipient_emails": ",".join(recipients.emails),
			"recipient_mobiles": "\n".join(recipients.mobiles),
			"escalation_key": key,
		}
	)
	log.flags.notifications = []  # they are sent by the `notify` job, outside the scheduled run
	try:
		with savepoint():
			log.insert(ignore_permissions=True)
	except (frappe.UniqueValidationError, frappe.DuplicateEntryError):
		return False  # this level of this deadline was sent already (UNIQUE escalation_key)
	once_after_commit(request_notify)
	# The job's note is in the site's language, whoever or whatever runs the job.
	lang = frappe.get_system_settings("language") or frappe.local.lang
	notified = ", ".join(recipients.emails or recipients.mobiles) or _("nobody to notify", lang=lang)
	frappe.get_doc(
		{
			"doctype": "Comment",
			"comment_type": "Info",
			"reference_doctype": "Complaint",
			"reference_name": complaint.name,
			"content": _("Escalation level {0}: {1} notified ({2}); deadline {3}.", lang=lang).format(
				_level(level), _(recipients.target, lang=lang), notified, format_datetime(due)
			),
		}
	).insert(ignore_permissions=True)
	return True


# When the levels change --------------------------------------------------------------------------


def reschedule_when_levels_change(settings, method=None) -> None:
	"""Complaints Settings on_update: escalation switched on or off, a level added, removed or moved, or
	another working calendar: every open complaint's next escalation is worked out again, in the
	background after the commit. A complaint registered while escalation was off has none, and one past
	its last level would never reach a level added after it."""
	before = settings.get_doc_before_save()
	if before is not None and _escalation_terms(before) == _escalation_terms(settings):
		return
	once_after_commit(_request_reschedule)


def _request_reschedule() -> None:
	request_drain(RESCHEDULE_JOB, RESCHEDULE_JOB_ID, _("Rescheduling escalations failed"))


def _escalation_terms(settings) -> tuple:
	levels = sorted(
		(_level(row), row.timing, flt(row.hours)) for row in settings.get("escalation_levels") or []
	)
	return cint(settings.get("escalation_enabled")), tuple(levels), settings.get("working_calendar")


def reschedule_open_complaints(batch_size: int = RESCHEDULE_BATCH) -> int:
	"""The job: each open complaint's next escalation from the levels as they are now, a batch at a
	time by name, each batch committed. Levels already sent stay sent; when several are now due at once,
	the next run sends the highest (as after a stop). Asked again while it runs (the settings changed
	again), it starts over. Returns how many complaints it changed."""
	scan = {"after": "", "changed": 0}

	def batch() -> int:
		frappe.db.commit()  # nosemgrep: the job owns its transaction; each batch sees the settings anew
		read, changed, scan["after"] = _reschedule_batch(scan["after"], batch_size)
		scan["changed"] += changed
		if not read:
			scan["after"] = ""  # the scan is over: a new request starts it again
		return read

	drain(RESCHEDULE_JOB_ID, batch)
	frappe.db.commit()  # nosemgrep
	return scan["changed"]


def _reschedule_batch(after: str, batch_size: int) -> tuple[int, int, str]:
	"""(complaints read, complaints changed, the last name read) for the open complaints after `after`."""
	complaint = frappe.qb.DocType("Complaint")
	rows = (
		frappe.qb.from_(complaint)
		.select(*TIMING_FIELDS, "next_escalation_on")
		.where((complaint.name > after) & complaint.status.notin(states.FINAL_STATES))
		.orderby(complaint.name)
		.limit(batch_size)
		.run(as_dict=True)
	)
	if not rows:
		return 0, 0, after
	calendar, levels = working_time.load_calendar(), escalation_levels()
	changed = 0
	for row in rows:
		next_on = next_escalation_time(row, calendar, levels)
		if (get_datetime(next_on) if next_on else None) != (
			get_datetime(row.next_escalation_on) if row.next_escalation_on else None
		):
			frappe.db.set_value("Complaint", row.name, "next_escalation_on", next_on, update_modified=False)
			changed += 1
	return len(rows), changed, rows[-1].name


# Notifications ------------------------------------------------------------------------------------


def notify(escalation: str) -> None:
	"""Background job: the Notification records of one escalation (email, in-app alert, SMS), once."""
	try:
		log = frappe.get_doc(LOG, escalation, for_update=True)
	except frappe.DoesNotExistError:
		return
	if log.notified_on:
		return
	log.run_notifications("after_insert")  # the records listening to a new Complaint Escalation
	log.db_set("notified_on", now_datetime(), update_modified=False)


def notify_waiting() -> int:
	"""Background job: the notifications of every escalation not yet notified, each committed on its
	own. Returns how many escalations it looked at."""
	return drain_rows(
		NOTIFY_JOB_ID,
		lambda limit, leave_out: unnotified(now_datetime(), limit, leave_out),
		notify,
		DEFAULT_BATCH,
		_("Escalation notification not sent"),
		LOG,
	)


def unnotified(before, limit: int = DEFAULT_BATCH, leave_out=()) -> list[str]:
	"""Escalations made by `before` whose notifications were never sent, oldest first."""
	log = frappe.qb.DocType(LOG)
	query = (
		frappe.qb.from_(log)
		.select(log.name)
		.where(log.notified_on.isnull() & (log.escalated_on <= before))
		.orderby(log.escalated_on)
		.limit(limit)
	)
	if leave_out:
		query = query.where(log.name.notin(list(leave_out)))
	return query.run(pluck=True)


def request_notify() -> None:
	# Redis unreachable: the next run finds the escalations unnotified and asks again.
	request_drain(NOTIFY_JOB, NOTIFY_JOB_ID, _("Escalation notification not queued"))


# Whom ---------------------------------------------------------------------------------------------


def recipients_for(level, complaint) -> Recipients:
	"""Whom the level notifies; the next one up when nobody can be reached at its own."""
	start = TARGETS.index(level.notify) if level.notify in TARGETS else 0
	for target in TARGETS[start:]:
		recipients = _recipients(target, level, complaint)
		if recipients:
			return recipients
	return Recipients(level.notify)


def _recipients(target: str, level, complaint) -> Recipients:
	found = Recipients(target)
	if target == LIAISON_OFFICER and complaint.liaison_officer:
		officer = frappe.db.get_value(
			"Liaison Officer", complaint.liaison_officer, ["user", "mobile", "is_active"], as_dict=True
		)
		if officer and cint(officer.is_active):
			_add_user(found, officer.user, officer.mobile)
	elif target == DIRECTORATE_HEAD and complaint.directorate:
		directorate = frappe.db.get_value(
			"Directorate", complaint.directorate, ["head", "email", "phone"], as_dict=True
		)
		if directorate:
			_add_user(found, directorate.head)
			if not found:
				_add(found.emails, directorate.email)
				_add(found.mobiles, directorate.phone)
	elif target == HEADQUARTERS:
		role, user, email = _headquarters(level)
		if role:
			for holder in _enabled_users_with_role(role):
				_add_user(found, holder)
		_add_user(found, user)
		_add(found.emails, email)
	return found


def _headquarters(level) -> tuple:
	"""The level's headquarters contacts; for a level that only reaches headquarters by falling back,
	those of the matrix's headquarters level, else the Complaints Manager role."""
	rows = [level] + [row for row in escalation_levels() if row.notify == HEADQUARTERS]
	for row in rows:
		if row.get("notify_role") or row.get("notify_user") or row.get("notify_email"):
			return row.get("notify_role"), row.get("notify_user"), row.get("notify_email")
	return HEADQUARTERS_ROLE, None, None


def _enabled_users_with_role(role: str) -> list[str]:
	has_role = frappe.qb.DocType("Has Role")
	user = frappe.qb.DocType("User")
	return (
		frappe.qb.from_(has_role)
		.join(user)
		.on(user.name == has_role.parent)
		.select(user.name)
		.where((has_role.role == role) & (has_role.parenttype == "User") & (user.enabled == 1))
		.where(user.name.notin(("Administrator", "Guest")))
		.distinct()
		.run(pluck=True)
	)


def _add_user(found: Recipients, user: str | None, mobile: str | None = None) -> None:
	if not user:
		return
	values = frappe.db.get_value("User", user, ["email", "mobile_no", "enabled"], as_dict=True)
	if not values or not cint(values.enabled):
		return
	_add(found.emails, values.email)
	_add(found.mobiles, mobile or values.mobile_no)


def _add(values: list[str], value: str | None) -> None:
	value = (value or "").strip()
	if value and value not in values:
		values.append(value)


def _level(level) -> int:
	return cint(level.level)
