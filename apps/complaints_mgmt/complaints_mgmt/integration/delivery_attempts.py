"""One attempt to deliver a logged outgoing message (an SMS, a status update to the central system):
the log records its outcome, and a failure is tried again later, each wait twice the one before, until
the attempts run out. The log DocTypes share the fields status, attempts, response_code, sent_on,
next_attempt and last_error."""

import frappe
from frappe.utils import add_to_date, cint, now_datetime

QUEUED, SENT, FAILED = "Queued", "Sent", "Failed"


def waiting_rows(doctype: str, limit: int, leave_out=()) -> list[str]:
	"""The rows the sending job sends now: never tried yet, then those due again; not `leave_out`."""
	names = dict.fromkeys(new_rows(doctype, limit + len(leave_out)) + due_rows(doctype, limit + len(leave_out)))
	return [name for name in names if name not in leave_out][:limit]


def new_rows(doctype: str, limit: int) -> list[str]:
	"""Rows never tried yet, oldest first."""
	log = frappe.qb.DocType(doctype)
	return (
		frappe.qb.from_(log)
		.select(log.name)
		.where((log.status == QUEUED) & log.next_attempt.isnotnull() & (log.attempts == 0))
		.orderby(log.next_attempt)
		.limit(limit)
		.run(pluck=True)
	)


def due_rows(doctype: str, limit: int) -> list[str]:
	"""Rows to (re)send now, oldest first; a given-up one has no next attempt and is never due.
	(Not frappe.get_all: its "<=" on a datetime counts an empty value as the earliest date.)"""
	log = frappe.qb.DocType(doctype)
	return (
		frappe.qb.from_(log)
		.select(log.name)
		.where(log.status.isin([QUEUED, FAILED]) & log.next_attempt.isnotnull())
		.where(log.next_attempt <= now_datetime())
		.orderby(log.next_attempt)
		.limit(limit)
		.run(pluck=True)
	)


def record_attempt(
	log,
	code,
	error: str | None,
	max_attempts: int,
	first_wait_minutes: int,
	longest_wait_minutes: int | None = None,
) -> None:
	"""Save the outcome of one attempt on `log`: Sent, or Failed with the time of the next attempt
	(none once `max_attempts` were made: it stays Failed for an administrator to see)."""
	log.attempts = cint(log.attempts) + 1
	log.response_code = code
	if error is None:
		log.update({"status": SENT, "sent_on": now_datetime(), "next_attempt": None, "last_error": None})
	else:
		next_attempt = None
		if log.attempts < max_attempts:
			minutes = first_wait_minutes * 2 ** (log.attempts - 1)
			if longest_wait_minutes:
				minutes = min(minutes, longest_wait_minutes)
			next_attempt = add_to_date(now_datetime(), minutes=minutes)
		log.update({"status": FAILED, "last_error": error, "next_attempt": next_attempt})
	log.save(ignore_permissions=True)
