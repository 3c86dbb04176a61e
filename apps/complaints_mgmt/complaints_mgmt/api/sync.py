"""Endpoints the central government system calls through the government integration hub.

The caller is a dedicated integration user holding the role "Central System Integration" (a system
user: the role has desk access, so the user is staff and not a citizen whose input the portal's rules
reset), authenticated with its API key and secret (`Authorization: token <key>:<secret>`). Bodies
are JSON.

    POST /api/method/complaints_mgmt.api.sync.receive_complaint   {"complaint": {...}}
    POST /api/method/complaints_mgmt.api.sync.receive_complaints  {"complaints": [{...}, ...]}

A complaint is answered with our tracking number: 201 when it was created now, 200 when its external
reference was already known (the body is the same). Bad input is a 400 with {ok: false, error: {code,
field, message}}, an oversized request a 413; in both cases nothing is written.
"""

import frappe
from frappe import _

from complaints_mgmt.api.http_helpers import json_errors
from complaints_mgmt.intake.submission import InvalidSubmissionError
from complaints_mgmt.integration import central_intake

INTEGRATION_ROLE = "Central System Integration"


def _check_caller() -> None:
	# Not frappe.only_for: it lets everyone through in tests, so tests could not show this check works.
	if set(frappe.get_roles()).isdisjoint({INTEGRATION_ROLE, "System Manager"}):
		frappe.throw(
			_("Only the central system's integration user may send complaints here."), frappe.PermissionError
		)


@frappe.whitelist(methods=["POST"])
@json_errors(check=_check_caller)
def receive_complaint(complaint: dict | None = None) -> dict:
	central_intake.check_request_size()
	if complaint is None:
		raise InvalidSubmissionError(
			_("Missing required field: {0}").format("complaint"), "complaint", "missing"
		)
	item, created = central_intake.receive(complaint)
	frappe.local.response.http_status_code = 201 if created else 200
	return {"ok": True, **item}


@frappe.whitelist(methods=["POST"])
@json_errors(check=_check_caller, rejected=False)
def receive_complaints(complaints: list | None = None) -> dict:
	central_intake.check_request_size()
	if complaints is None:
		raise InvalidSubmissionError(
			_("Missing required field: {0}").format("complaints"), "complaints", "missing"
		)
	return {"results": central_intake.receive_batch(complaints)}
