"""The SMS the citizen portal sends: the filing receipt and one-time codes.

Sending never blocks the request and never undoes it; a rolled-back submission sends nothing. The
receipt goes through sms.py like every other SMS: logged, sent by the site's sending job after the
commit, retried while the gateway is down. A one-time code is a credential, so it is not kept in the
SMS log: one job after the commit sends it once through the same gateway call (sms.deliver); a code
that does not arrive is asked for again.

The texts are in Citizen Portal Settings, where administrators edit them; the shipped text is sent in
the citizen's language (it is in the app's translations), an edited one as the administrator wrote it.
"""

import frappe
from frappe import _

from complaints_mgmt.messaging import sms
from complaints_mgmt.utils.bidi_text import ltr_marked
from complaints_mgmt.utils.hijri_dates import citizen_dated
from complaints_mgmt.utils.plurals import counted

SETTINGS = "Citizen Portal Settings"
COMPLAINT = "Complaint"


def send_receipt(name: str, mobile: str | None) -> bool:
	"""The filing receipt: the tracking number, to the mobile number on the complaint."""
	return bool(
		sms.queue_sms(mobile, receipt_message(name), reference_doctype=COMPLAINT, reference_name=name)
	)


def receipt_message(name: str) -> str:
	"""The filing receipt SMS; {date}, where an administrator's text has it, is the date received with
	its Hijri date where Complaints Settings show it to citizens (utils/hijri_dates.py)."""
	text = _fill(_text("receipt_sms"), tracking_number=name)
	if "{date}" in text:
		text = text.replace("{date}", citizen_dated(frappe.db.get_value(COMPLAINT, name, "received_on")))
	return text


def send_code(name: str, mobile: str | None, code: str, minutes: int) -> bool:
	"""A one-time code to follow complaint `name`; False when there is no number or no gateway."""
	if not mobile or not sms.gateway_configured():
		return False
	message = code_message(name, code, minutes)
	frappe.enqueue(
		"complaints_mgmt.portal.citizen_sms.deliver_code",
		queue="short",
		enqueue_after_commit=True,
		now=bool(frappe.flags.in_test),  # tests send through a real local gateway, at once
		mobile=mobile,
		message=message,
		complaint=name,
	)
	return True


def code_message(name: str, code: str, minutes: int) -> str:
	"""The one-time code SMS: {validity} is the minutes with the word that agrees with their number
	("10 دقائق", "15 دقيقة"), {minutes} the number alone (for an administrator's own text)."""
	text = _fill(_text("code_sms"), tracking_number=name, code=code, minutes=str(minutes))
	validity = counted(minutes, "{0} minute", "{0} minutes", shown=ltr_marked(minutes))
	return text.replace("{validity}", validity)


def deliver_code(mobile: str, message: str, complaint: str | None = None) -> None:
	"""Background job: a one-time code, once. A failure is logged without the message (the code)."""
	_code, error = sms.deliver(mobile, message)
	if error:
		frappe.log_error(
			title=_("One-time code not sent"),
			message=error.replace(message, "…"),
			reference_doctype=COMPLAINT,
			reference_name=complaint,
		)


def _text(fieldname: str) -> str:
	text = (
		frappe.db.get_single_value(SETTINGS, fieldname)
		or frappe.get_meta(SETTINGS).get_field(fieldname).default
	)
	return _(text)


def _fill(text: str, **values: str) -> str:
	"""The text with its placeholders filled; each value (a tracking number, a code, a number of
	minutes) marked left to right, so that it keeps its order inside an Arabic sentence."""
	for key, value in values.items():
		text = text.replace("{" + key + "}", ltr_marked(value))
	return text
