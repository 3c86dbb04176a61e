"""The notices a new complaint sends (its Notification records on "New": the citizen's receipt, the
liaison officer's email, in-app alert and SMS), sent by a job once the complaint is committed.

Rendering them inside the registration was about half of an intake (Frappe loads each record, renders
its templates, writes a Communication, an Email Queue row, a Notification Log): the request now only
asks for the job, after commit, so a rolled-back complaint sends nothing. One job per site works through
every complaint not yet notified (queued_jobs.drain), oldest first: for each it evaluates the records
once, under a lock on the complaint row, stamps `registration_notified_on` and commits. A job lost on
the way (Redis down, a worker killed) is made up for by `send_missed`, which the scheduler runs every
few minutes over the complaints of the last days that were never stamped (index on the stamp and
creation).

The records themselves stay what administrators edit in the desk; this changes when they run, not what
they send.
"""

import frappe
from frappe import _
from frappe.utils import add_to_date, now_datetime

from complaints_mgmt.messaging.queued_jobs import drain_rows, handle_each, once_after_commit, request_drain

COMPLAINT = "Complaint"
SEND_JOB = "complaints_mgmt.messaging.registration_notices.send_pending"
JOB_ID = "registration-notices"
STAMP = "registration_notified_on"
LOST_AFTER_MINUTES = 5  # a job not done by then is queued again
LOOK_BACK_DAYS = 2  # how far back the sweep looks for complaints never stamped
MISSED_BATCH = 500
PENDING_BATCH = 100


def defer(doc) -> None:
	"""In place of the "New" notifications during the insert: one job after the commit. Where Frappe
	mutes notifications (an import with emails muted, a patch, an install) nothing is sent, ever."""
	if (frappe.flags.in_import and frappe.flags.mute_emails) or frappe.flags.in_patch or frappe.flags.in_install:
		frappe.db.set_value(COMPLAINT, doc.name, STAMP, now_datetime(), update_modified=False)
		return
	once_after_commit(request_send)


def request_send() -> None:
	# Redis unreachable: send_missed asks again once Redis is back.
	request_drain(SEND_JOB, JOB_ID, _("Complaint notices not queued"))


def send_pending() -> int:
	"""Background job: the notices of every complaint not yet notified, oldest first, each committed on
	its own. Returns how many complaints it looked at."""
	return drain_rows(JOB_ID, unstamped, send, PENDING_BATCH, _("Complaint notices not sent"), COMPLAINT)


def send_unstamped(leave_out: set[str], limit: int = PENDING_BATCH) -> int:
	"""One batch of the job, in the caller's transaction."""
	return handle_each(unstamped(limit, leave_out), send, leave_out, _("Complaint notices not sent"), COMPLAINT)


def unstamped(limit: int, leave_out=()) -> list[str]:
	return unstamped_query(now_datetime(), limit, leave_out).run(pluck=True)


def send(complaint: str) -> bool:
	"""Background job: the complaint's "New" Notification records, once. True when they ran now."""
	table = frappe.qb.DocType(COMPLAINT)
	rows = (
		frappe.qb.from_(table)
		.select(table[STAMP])
		.where(table.name == complaint)
		.for_update()
		.run(as_dict=True)
	)
	if not rows or rows[0][STAMP]:
		return False  # gone, or sent by another job
	doc = frappe.get_doc(COMPLAINT, complaint)
	doc.flags.send_registration_notices = True
	doc.run_notifications("after_insert")
	frappe.db.set_value(COMPLAINT, complaint, STAMP, now_datetime(), update_modified=False)
	return True


def missed(now=None, limit: int = MISSED_BATCH) -> list[str]:
	"""Complaints of the last days whose notices were never sent, and whose job should have run."""
	return missed_query(now or now_datetime(), limit).run(pluck=True)


def missed_query(now, limit: int):
	table = frappe.qb.DocType(COMPLAINT)
	return unstamped_query(now, limit).where(table.creation <= add_to_date(now, minutes=-LOST_AFTER_MINUTES))


def unstamped_query(now, limit: int, leave_out=()):
	"""Complaints of the last days never notified, oldest first."""
	table = frappe.qb.DocType(COMPLAINT)
	query = (
		frappe.qb.from_(table)
		.select(table.name)
		.where(table[STAMP].isnull() & (table.creation >= add_to_date(now, days=-LOOK_BACK_DAYS)))
		.orderby(table.creation)
		.limit(limit)
	)
	return query.where(table.name.notin(list(leave_out))) if leave_out else query


def send_missed(now=None) -> None:
	"""Scheduled: ask for the job again when some complaint's notices were lost on the way."""
	if missed(now, limit=1):
		request_send()
