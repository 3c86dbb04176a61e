"""The one place the citizen portal sends SMS: the filing receipt and one-time codes.

Sending never blocks the request and never undoes it: the message goes to a background job after the
transaction commits (a rolled-back submission sends nothing). Until the app's SMS module (sms.py:
gateway, retries, log) exists, the job `deliver` sends through the gateway of Frappe's SMS Settings
(Frappe 15's own `send_sms` cannot be used: it logs to an SMS Log DocType this Frappe no longer has);
switch `_send_later` to sms.py when it comes.

The texts are in Citizen Portal Settings, where administrators edit them; the shipped text is sent in
the citizen's language (it is in the app's translations), an edited one as the administrator wrote it.
"""

import frappe
from frappe import _

SETTINGS = "Citizen Portal Settings"


def send_receipt(name: str, mobile: str | None) -> bool:
	"""The filing receipt: the tracking number, to the mobile number on the complaint."""
	return send_citizen_sms(mobile, _fill(_text("receipt_sms"), tracking_number=name))


def send_code(name: str, mobile: str | None, code: str, minutes: int) -> bool:
	"""A one-time code to follow complaint `name`."""
	message = _fill(_text("code_sms"), tracking_number=name, code=code, minutes=str(minutes))
	return send_citizen_sms(mobile, message)


def send_citizen_sms(mobile: str | None, message: str) -> bool:
	"""Queue `message` to `mobile`; False when there is no number or no SMS gateway to send it."""
	if not mobile or not _gateway_configured():
		return False
	_send_later(mobile, message)
	return True


def _send_later(mobile: str, message: str) -> None:
	frappe.enqueue(
		"complaints_mgmt.citizen_sms.deliver",
		queue="short",
		enqueue_after_commit=True,
		now=bool(frappe.flags.in_test),  # tests send through a real local gateway, at once
		mobile=mobile,
		message=message,
	)


def deliver(mobile: str, message: str) -> None:
	"""Background job: one message through the SMS Settings gateway (an HTTP error fails the job)."""
	from frappe.core.doctype.sms_settings.sms_settings import get_headers, send_request

	settings = frappe.get_single("SMS Settings")
	headers = get_headers(settings)
	params = {row.parameter: row.value for row in settings.parameters if not row.header}
	params[settings.message_parameter] = message
	params[settings.receiver_parameter] = mobile
	use_json = headers.get("Content-Type") == "application/json"
	send_request(settings.sms_gateway_url, params, headers, settings.use_post, use_json)


def _text(fieldname: str) -> str:
	text = (
		frappe.db.get_single_value(SETTINGS, fieldname)
		or frappe.get_meta(SETTINGS).get_field(fieldname).default
	)
	return _(text)


def _fill(text: str, **values: str) -> str:
	for key, value in values.items():
		text = text.replace("{" + key + "}", value)
	return text


def _gateway_configured() -> bool:
	return bool(frappe.db.get_single_value("SMS Settings", "sms_gateway_url"))
