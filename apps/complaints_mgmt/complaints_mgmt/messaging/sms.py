"""The app's one way to send an SMS: Frappe's SMS Settings gateway, in background jobs, with a log.

`queue_sms` writes one SMS Message per number in the caller's transaction and, once that transaction
commits, asks for the sending job: a rolled-back complaint sends nothing, and the request that saved it
never waits for the gateway. One job per site sends every message waiting (queued_jobs.drain), each
committed on its own. The job calls the gateway of SMS Settings (URL, message and receiver
parameters, static parameters and headers, GET or POST, JSON when a Content-Type header says so) with
the timeout Complaints Settings give. A gateway that is down, slow or answers with an error marks the
message Failed with the error and the time of its next attempt (the wait doubles from
`sms_retry_minutes`) until `sms_max_attempts`; a scheduled job asks for the sending job when messages are due again.
The sending job holds the message's row locked, so two jobs never both send it.

Notification records with the SMS channel come here too (notifications.py), instead of Frappe's own
sender, which calls the gateway inside the document's save with no timeout.
"""

import re
from functools import partial

import frappe
import requests
from frappe import _
from frappe.utils import add_to_date, cint, now_datetime

from complaints_mgmt.integration import delivery_attempts
from complaints_mgmt.integration.delivery_attempts import FAILED, QUEUED, SENT
from complaints_mgmt.messaging.queued_jobs import drain_rows, handle_each, once_after_commit, request_drain

LOG = "SMS Message"
SETTINGS = "Complaints Settings"
SEND_JOB = "complaints_mgmt.messaging.sms.send_pending"
JOB_ID = "sms"
SEND_BATCH = 100
MAX_LENGTH = 1000
# Characters people put in numbers that gateways do not want.
_SEPARATORS = re.compile(r"[\s\-().\u200e\u200f\u202a-\u202e]+")


def gateway_configured() -> bool:
	return bool(frappe.db.get_single_value("SMS Settings", "sms_gateway_url", cache=False))


def queue_sms(
	numbers,
	message: str,
	reference_doctype: str | None = None,
	reference_name: str | None = None,
	notification: str | None = None,
) -> list[str]:
	"""Queue `message` to each number; returns the SMS Message names. Nothing is queued without a
	gateway or a number. Never raises: a failure to queue is logged, the caller's work goes on."""
	numbers = clean_numbers([numbers] if isinstance(numbers, str) else numbers)
	message = (message or "").strip()
	if not (numbers and message and gateway_configured()):
		return []
	from complaints_mgmt.intake.submission import savepoint

	try:
		with savepoint():
			names = [
				_record(number, message, reference_doctype, reference_name, notification)
				for number in numbers
			]
	except Exception:
		frappe.log_error(
			title=_("SMS not queued"), reference_doctype=reference_doctype, reference_name=reference_name
		)
		return []
	once_after_commit(request_send)
	return names


def clean_numbers(numbers) -> list[str]:
	cleaned = []
	for value in numbers or []:
		for number in re.split(r"[,\n;]", value or ""):
			number = _SEPARATORS.sub("", number)
			if number and number not in cleaned:
				cleaned.append(number)
	return cleaned


def send(sms_message: str) -> None:
	"""Background job: deliver one SMS Message, holding its row locked."""
	log = delivery_attempts.row_to_send(LOG, sms_message)
	if not log:
		return
	settings = frappe.get_cached_doc(SETTINGS)
	code, error = deliver(log.mobile, log.message)
	delivery_attempts.record_attempt(
		log, code, error, cint(settings.sms_max_attempts) or 5, cint(settings.sms_retry_minutes) or 5
	)


def request_send() -> None:
	# Redis unreachable: the messages stay due, and the scheduled retry asks again later.
	request_drain(SEND_JOB, JOB_ID, _("SMS not queued"))


def send_pending() -> int:
	"""Background job: every message waiting to be sent, each attempt committed on its own. Returns how
	many messages it tried."""
	return drain_rows(JOB_ID, waiting_messages, send, SEND_BATCH, _("SMS not sent"), LOG)


def send_waiting(leave_out: set[str], limit: int = SEND_BATCH) -> int:
	"""One batch of the job, in the caller's transaction."""
	return handle_each(waiting_messages(limit, leave_out), send, leave_out, _("SMS not sent"), LOG)


# The messages to send now, never tried yet or due again: waiting_messages(limit, leave_out=())
waiting_messages = partial(delivery_attempts.waiting_rows, LOG)
# Messages to (re)send now, oldest first; a given-up one is never due: due_messages(limit=DUE_BATCH)
due_messages = partial(delivery_attempts.due_rows, LOG)


def retry_due() -> None:
	"""Scheduled: ask for the sending job when a message's next attempt is due."""
	delivery_attempts.request_when_due(LOG, request_send)


def deliver(mobile: str, message: str, timeout: float | None = None) -> tuple[int | None, str | None]:
	"""Call the SMS Settings gateway once: (HTTP status or None, error text or None). The timeout is
	the one Complaints Settings give unless `timeout` says otherwise."""
	from frappe.core.doctype.sms_settings.sms_settings import get_headers

	timeout = timeout or cint(frappe.get_cached_doc(SETTINGS).sms_timeout_seconds) or 10
	settings = frappe.get_doc("SMS Settings")
	if not settings.sms_gateway_url:
		return None, _("SMS Settings have no gateway URL.")
	headers = get_headers(settings)
	params = {settings.message_parameter: message, settings.receiver_parameter: mobile}
	for row in settings.parameters:
		if not row.header:
			params[row.parameter] = row.value
	kwargs = {"headers": headers, "timeout": timeout, "allow_redirects": False}
	if headers.get("Content-Type") == "application/json":
		kwargs["json"] = params
	elif settings.use_post:
		kwargs["data"] = params
	else:
		kwargs["params"] = params
	method = requests.post if settings.use_post else requests.get
	return delivery_attempts.http_outcome(lambda: method(settings.sms_gateway_url, **kwargs))


def _record(number, message, reference_doctype, reference_name, notification) -> str:
	settings = frappe.get_cached_doc(SETTINGS)
	log = frappe.get_doc(
		{
			"doctype": LOG,
			"mobile": number,
			"message": message[:MAX_LENGTH],
			"status": QUEUED,
			"attempts": 0,
			# Safety net: if the job queued at commit is lost, the scheduled retry sends it.
			"next_attempt": add_to_date(now_datetime(), minutes=cint(settings.sms_retry_minutes) or 5),
			"reference_doctype": reference_doctype,
			"reference_name": reference_name,
			"notification": notification,
		}
	)
	log.insert(ignore_permissions=True)
	return log.name
