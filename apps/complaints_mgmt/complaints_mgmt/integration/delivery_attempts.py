"""One attempt to deliver a logged outgoing message (an SMS, a status update to the central system):
the log records its outcome, and a failure is tried again later, each wait twice the one before, until
the attempts run out. The log DocTypes share the fields status, attempts, response_code, sent_on,
next_attempt and last_error."""

from collections.abc import Callable

import frappe
import requests
from frappe.utils import add_to_date, cint, now_datetime

QUEUED, SENT, FAILED = "Queued", "Sent", "Failed"
DUE_BATCH = 500
MAX_ERROR_LENGTH = 1000


def waiting_rows(doctype: str, limit: int, leave_out=()) -> list[str]:
	"""The rows the sending job sends now: never tried yet, then those due again; not `leave_out`."""
	names = dict.fromkeys(
		new_rows(doctype, limit + len(leave_out)) + due_rows(doctype, limit + len(leave_out))
	)
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


def due_rows(doctype: str, limit: int = DUE_BATCH) -> list[str]:
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


def request_when_due(doctype: str, request_send: Callable[[], None]) -> None:
	"""Scheduled: ask for the sending job when a row's next attempt is due (Failed ones, and Queued ones
	whose job was lost)."""
	if due_rows(doctype, limit=1):
		request_send()


def row_to_send(doctype: str, name: str):
	"""The row, locked while it is sent so that two jobs never both send it; None when it is gone or no
	longer waiting (sent, given up, superseded)."""
	try:
		log = frappe.get_doc(doctype, name, for_update=True)
	except frappe.DoesNotExistError:
		return None
	return log if log.status in (QUEUED, FAILED) else None


def http_outcome(call: Callable[[], requests.Response]) -> tuple[int | None, str | None]:
	"""Make one HTTP call: (HTTP status or None, error text or None), as record_attempt takes them. A
	2xx answer is a delivery; anything else, or no answer, is an error."""
	try:
		response = call()
	except requests.RequestException as e:
		return None, f"{type(e).__name__}: {e}"[:MAX_ERROR_LENGTH]
	if 200 <= response.status_code < 300:
		return response.status_code, None
	return response.status_code, f"HTTP {response.status_code}: {response.text[:500]}"
