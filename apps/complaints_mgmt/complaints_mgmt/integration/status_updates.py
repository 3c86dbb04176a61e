"""Telling the central government system about every status change of a complaint.

A status change writes one Outbound Status Update row, in the same transaction as the change, and
asks for the site's sending job once that transaction commits; that one job sends every update
waiting, oldest first (queued_jobs.drain). The job POSTs the row's JSON to the receiver
set in Integration Settings. A receiver that is down or answers with an error marks the row Failed,
with the error and the time of its next attempt (the wait doubles from `retry_after_minutes` up to
`max_retry_interval_minutes`); a scheduled job asks for the sending job when rows are due again, until
`max_attempts`. Writing the row is the only work done in the complaint's own transaction, and a
failure there is logged, never raised: the central system being unreachable never blocks a complaint.

Each update carries `sequence` (the complaint's update count) and an Idempotency-Key; when a retry
finds that a newer update of the same complaint was already delivered, it is marked Superseded
instead of being sent, so the receiver never goes back to an older status.
"""

import json
from functools import partial

import frappe
import requests
from frappe import _
from frappe.utils import add_to_date, cint, now_datetime

from complaints_mgmt.intake.submission import savepoint
from complaints_mgmt.integration import delivery_attempts
from complaints_mgmt.integration.delivery_attempts import QUEUED, SENT
from complaints_mgmt.lifecycle.states import FINAL_STATES
from complaints_mgmt.messaging.queued_jobs import drain_rows, once_after_commit, request_drain
from complaints_mgmt.utils.timestamps import to_w3c

LOG = "Outbound Status Update"
SETTINGS = "Integration Settings"
CENTRAL_CHANNEL = "Central Government System"
SEND_JOB = "complaints_mgmt.integration.status_updates.send_waiting"
SEND_JOB_ID = "status-updates"
SEND_BATCH = 100
EVENT = "complaint.status_changed"

SUPERSEDED = "Superseded"


def mark_registration(doc, method=None) -> None:
	"""Doc event (Complaint before_insert): the status moves made while the complaint is registered
	(routing in after_insert) are part of the answer its sender gets, not updates."""
	doc.flags.registering_status = True


def on_status_change(doc, method=None) -> None:
	"""Doc event (Complaint on_change): record and queue an update when the status changed.

	The status last seen is kept on the document object: after a `db_set`, Frappe keeps comparing with
	the document as it was before the first change, so `has_value_changed` would report a status
	change again on every later `db_set` of the same object."""
	previous = doc.flags.get("status_seen") or _status_before_save(doc)
	doc.flags.status_seen = doc.status
	if doc.flags.in_insert or doc.flags.registering_status:
		# registration (routing included): the sender already has our answer
		if doc.flags.in_insert:
			doc.flags.registering_status = False  # the insert's last step: later changes are updates
		return
	if not previous or previous == doc.status:
		return
	settings = frappe.get_cached_doc(SETTINGS)
	if not cint(settings.send_status_updates):
		return
	if not (
		cint(settings.send_all_complaints) or (doc.channel == CENTRAL_CHANNEL and doc.external_reference)
	):
		return
	try:
		with savepoint():
			_record(doc, settings)
	except Exception:
		frappe.log_error(
			title="Outbound status update not recorded",
			reference_doctype=doc.doctype,
			reference_name=doc.name,
		)
		return
	once_after_commit(request_send)


def _status_before_save(doc) -> str | None:
	before = doc.get_doc_before_save()
	return before.status if before else None


def send(update: str) -> None:
	"""Background job: deliver one update. Holds its row locked while sending, so two jobs for the
	same row never both send it."""
	log = delivery_attempts.row_to_send(LOG, update)
	if not log:
		return
	if _newer_update_sent(log):
		log.update({"status": SUPERSEDED, "next_attempt": None})
		log.save(ignore_permissions=True)
		return

	settings = frappe.get_cached_doc(SETTINGS)
	code, error = _post(log, settings)
	delivery_attempts.record_attempt(
		log,
		code,
		error,
		cint(settings.max_attempts) or 10,
		cint(settings.retry_after_minutes) or 1,
		cint(settings.max_retry_interval_minutes) or 360,
	)


def send_waiting() -> int:
	"""Background job: every update waiting to be sent (never tried, or due again), oldest first, each
	attempt committed on its own. Returns how many it tried."""
	return drain_rows(
		SEND_JOB_ID, waiting_updates, send, SEND_BATCH, _("Outbound status update not sent"), LOG
	)


# Updates never tried yet, then those due again: waiting_updates(limit, leave_out=())
waiting_updates = partial(delivery_attempts.waiting_rows, LOG)
# Updates to (re)send now, oldest first; a given-up one is never due: due_updates(limit=DUE_BATCH)
due_updates = partial(delivery_attempts.due_rows, LOG)


def retry_due() -> None:
	"""Scheduled: ask for the sending job when an update's next attempt is due."""
	delivery_attempts.request_when_due(LOG, request_send)


def payload(doc, sequence: int, changed_on) -> dict:
	return {
		"event": EVENT,
		"tracking_number": doc.name,
		"external_reference": doc.external_reference,
		"status": doc.status,
		"state": "closed" if doc.status in FINAL_STATES else "open",
		"response": doc.response or None,
		"changed_on": to_w3c(changed_on),
		"sequence": sequence,
	}


def _record(doc, settings) -> str:
	sequence = frappe.db.count(LOG, {"complaint": doc.name}) + 1
	changed_on = now_datetime()
	log = frappe.get_doc(
		{
			"doctype": LOG,
			"complaint": doc.name,
			"external_reference": doc.external_reference,
			"complaint_status": doc.status,
			"changed_on": changed_on,
			"sequence": sequence,
			"status": QUEUED,
			"attempts": 0,
			# Safety net: if the job queued at commit is lost, the scheduled retry sends it.
			"next_attempt": add_to_date(changed_on, minutes=cint(settings.retry_after_minutes) or 1),
			"payload": json.dumps(payload(doc, sequence, changed_on), ensure_ascii=False),
		}
	)
	log.insert(ignore_permissions=True)
	return log.name


def request_send() -> None:
	# Redis unreachable: the rows stay due, and the scheduled retry asks again later.
	request_drain(SEND_JOB, SEND_JOB_ID, _("Outbound status update not queued"))


def _post(log, settings) -> tuple[int | None, str | None]:
	"""POST the update; (HTTP status or None, error text or None)."""
	url = settings.status_update_url
	if not (cint(settings.send_status_updates) and url):
		return None, _("Status updates to the central system are not configured.")
	headers = {"Content-Type": "application/json; charset=utf-8", "Idempotency-Key": log.name}
	token = settings.get_password("status_update_token", raise_exception=False)
	if token:
		headers["Authorization"] = f"Bearer {token}"
	return delivery_attempts.http_outcome(
		lambda: requests.post(
			url,
			data=log.payload.encode(),
			headers=headers,
			timeout=cint(settings.request_timeout_seconds) or 10,
			allow_redirects=False,
		)
	)


def _newer_update_sent(log) -> bool:
	return bool(
		frappe.db.exists(LOG, {"complaint": log.complaint, "sequence": [">", log.sequence], "status": SENT})
	)
