"""The notices a new complaint sends (its Notification records on "New": the citizen's receipt, the
liaison officer's email, in-app alert and SMS), sent by a job once the complaint is committed.

Rendering them inside the registration was about half of an intake (Frappe loads each record, renders
its templates, writes a Communication, an Email Queue row, a Notification Log): the request now only
queues the job, after commit, so a rolled-back complaint sends nothing. The job evaluates the records
once, under a lock on the complaint row, and stamps `registration_notified_on`. A job lost on the way
(Redis down, a worker killed) is found by `send_missed`, which the scheduler runs every few minutes
over the complaints of the last days that were never stamped (index on the stamp and creation).

The records themselves stay what administrators edit in the desk; this changes when they run, not what
they send.
"""

from functools import partial

import frappe
from frappe import _
from frappe.utils import add_to_date, now_datetime

from complaints_mgmt.queued_jobs import enqueue_once

COMPLAINT = "Complaint"
SEND_JOB = "complaints_mgmt.registration_notices.send"
STAMP = "registration_notified_on"
LOST_AFTER_MINUTES = 5  # a job not done by then is queued again
LOOK_BACK_DAYS = 2  # how far back the sweep looks for complaints never stamped
MISSED_BATCH = 500


def defer(doc) -> None:
	"""In place of the "New" notifications during the insert: one job after the commit. Where Frappe
	mutes notifications (an import with emails muted, a patch, an install) nothing is sent, ever."""
	if (frappe.flags.in_import and frappe.flags.mute_emails) or frappe.flags.in_patch or frappe.flags.in_install:
		frappe.db.set_value(COMPLAINT, doc.name, STAMP, now_datetime(), update_modified=False)
		return
	frappe.db.after_commit.add(partial(_enqueue, doc.name))


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
	return (
		frappe.qb.from_(table)
		.select(table.name)
		.where(
			table[STAMP].isnull()
			& (table.creation >= add_to_date(now, days=-LOOK_BACK_DAYS))
			& (table.creation <= add_to_date(now, minutes=-LOST_AFTER_MINUTES))
		)
		.orderby(table.creation)
		.limit(limit)
	)


def send_missed(now=None) -> None:
	"""Scheduled: queue the job again for complaints whose notices were lost on the way."""
	for complaint in missed(now):
		_enqueue(complaint)


def _enqueue(complaint: str) -> None:
	# Redis unreachable: send_missed queues it again once Redis is back.
	enqueue_once(
		SEND_JOB,
		f"registration-notices-{complaint}",
		_("Complaint notices not queued"),
		reference_doctype=COMPLAINT,
		reference_name=complaint,
		complaint=complaint,
	)
