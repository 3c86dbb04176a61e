"""A citizen files a complaint, request or inquiry from the portal's web form.

The form sends its fields (only those the citizen's form shows are taken: citizen_form.py), the files attached and a request key it made when the page opened. The
complaint goes through the model's own validation (the Complaint controller, citizen_input.py), the
files through attachments.py (type read from the content, size limits), all in one transaction: an
error anywhere leaves nothing behind. A retry with the same request key (a double click, a resend
after a lost answer) gets the complaint the first request made, without a second receipt.

What comes back is what the citizen keeps: the tracking number, a time-limited link to the printable
receipt, and whether the receipt went out by SMS.
"""

import frappe
from frappe import _
from frappe.utils import cstr

from complaints_mgmt.intake.national_id import InvalidNationalIDError
from complaints_mgmt.intake.phone import InvalidMobileError
from complaints_mgmt.intake.submission import InvalidSubmissionError, savepoint
from complaints_mgmt.portal import citizen_sms, receipt
from complaints_mgmt.portal.attachments import AttachmentError, Upload, attach_uploads
from complaints_mgmt.portal.citizen_form import ATTACHMENTS_FIELD, form_fields
from complaints_mgmt.portal.citizen_input import PORTAL_CHANNEL, CitizenInputError
from complaints_mgmt.security.client_limits import ClientLimitExceededError

# Errors of the desk's own checks, by the field they concern.
_FIELD_OF_ERROR = ((InvalidNationalIDError, "national_id"), (InvalidMobileError, "mobile"))


class FilingError(frappe.ValidationError):
	"""The complaint was not filed: `errors` are (fieldname or None, message) pairs."""

	def __init__(self, errors: list[tuple[str | None, str]], http_status_code: int = 422):
		super().__init__("\n".join(message for _field, message in errors))
		self.errors = errors
		self.http_status_code = http_status_code


def file_complaint(values: dict, uploads: list[Upload], request_key: str | None = None) -> dict:
	"""File the complaint; FilingError naming the fields when it cannot be."""
	doc = frappe.get_doc(
		{
			**own_details(),
			**{field: values.get(field) for field in form_fields() if values.get(field) not in (None, "")},
			"doctype": "Complaint",
			"channel": PORTAL_CHANNEL,
			"client_request_key": cstr(request_key).strip() or None,
		}
	)
	try:
		with savepoint():
			doc.insert(ignore_permissions=True)
			retried = bool(doc.flags.retried_request)
			if not retried:
				attach_uploads("Complaint", doc.name, uploads)
	except frappe.ValidationError as e:
		raise filing_error(e)
	sms_sent = False if retried else citizen_sms.send_receipt(doc.name, doc.mobile)
	token = receipt.receipt_token(doc.name) if frappe.session.user == "Guest" else None
	return {
		"name": doc.name,
		"created": not retried,
		"receipt_url": receipt.receipt_url(doc.name, token),
		"sms_sent": sms_sent,
	}


def filing_error(error: Exception) -> FilingError:
	"""The validation error as field-by-field messages for the form."""
	if isinstance(error, FilingError):
		return error
	if isinstance(error, CitizenInputError):
		return FilingError(error.errors)
	if isinstance(error, AttachmentError):
		return FilingError([(ATTACHMENTS_FIELD, _message(error))])
	if isinstance(error, ClientLimitExceededError):
		return FilingError([(None, _message(error))], http_status_code=429)
	if isinstance(error, InvalidSubmissionError):  # a required field: on the form, or named by label
		return FilingError([(error.field if error.field in form_fields() else None, error.message)])
	for error_class, fieldname in _FIELD_OF_ERROR:
		if isinstance(error, error_class):
			return FilingError([(fieldname, _message(error))])
	return FilingError([(None, _message(error))])


def own_details() -> dict:
	"""A logged-in citizen's name, email and mobile from their account, unless the form says otherwise."""
	if frappe.session.user == "Guest":
		return {}
	user = frappe.db.get_value("User", frappe.session.user, ["full_name", "email", "mobile_no"], as_dict=True)
	details = {"complainant_name": user.full_name, "email": user.email, "mobile": user.mobile_no}
	return {field: value for field, value in details.items() if value}


def _message(error: Exception) -> str:
	return frappe.utils.strip_html(str(error)).strip() or _("The complaint could not be saved.")
