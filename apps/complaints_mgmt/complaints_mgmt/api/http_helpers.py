"""What our JSON endpoints share: the error body {ok: false, error: {code, field, message}}."""

import frappe


def error_response(status: int, code: str, message: str, field: str | None = None) -> dict:
	"""Set the HTTP status and return the error body; drops the messages Frappe collected, which
	would repeat the error in `_server_messages`."""
	frappe.local.response.http_status_code = status
	frappe.local.message_log = []
	return {"ok": False, "error": {"code": code, "field": field, "message": message}}
