"""REST intake with a request key, for clients that retry.

    POST /api/method/complaints_mgmt.api.intake.submit_complaint
    Idempotency-Key: <any string up to 200 characters>      (or "client_request_key" in the body)
    {"complaint": {"category": ..., "subject": ..., ...}}

The same key from the same user returns the same complaint: 201 when created now, 200 after. The
generated resource POST /api/resource/Complaint takes the same key (header or field) and answers a
retry with the complaint too, always 200 (intake.take_retried_request).
"""

import frappe
from frappe import _

from complaints_mgmt.api.http_helpers import json_errors
from complaints_mgmt.intake import submission as intake
from complaints_mgmt.intake.submission import MAX_REQUEST_BYTES, InvalidSubmissionError, request_header


def _may_create() -> None:
	frappe.has_permission("Complaint", "create", throw=True)


@frappe.whitelist(methods=["POST"])
@json_errors(check=_may_create)
def submit_complaint(complaint: dict | None = None, client_request_key: str | None = None) -> dict:
	intake.check_payload_size(MAX_REQUEST_BYTES)
	if complaint is None:
		raise InvalidSubmissionError(
			_("Missing required field: {0}").format("complaint"), "complaint", "missing"
		)
	key = request_header("Idempotency-Key") or client_request_key
	request_key = intake.scoped_request_key(f"user:{frappe.session.user}", key) if key else None
	values = _settable_values(complaint)
	result = intake.retry_on_deadlock(lambda: intake.submit(values, request_key=request_key))
	frappe.local.response.http_status_code = 201 if result.created else 200
	status = intake.current_values(result.name, ("status",)).status
	return {"ok": True, "name": result.name, "status": status}


def _settable_values(complaint: dict) -> dict:
	"""The fields a client may set on a new complaint: the editable ones of the form."""
	meta = frappe.get_meta("Complaint")
	settable = {
		df.fieldname
		for df in meta.fields
		if df.fieldtype not in frappe.model.no_value_fields and not (df.read_only or df.hidden)
	}
	settable.discard("external_reference")
	return {field: value for field, value in complaint.items() if field in settable}
