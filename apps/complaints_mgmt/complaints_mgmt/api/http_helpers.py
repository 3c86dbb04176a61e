"""What our JSON endpoints share: the error body {ok: false, error: {code, field, message}}, and the
decorator that maps the intake's refusals to it."""

from collections.abc import Callable
from functools import wraps

import frappe

from complaints_mgmt.intake.submission import InvalidSubmissionError, PayloadTooLargeError, error_message


def error_response(status: int, code: str, message: str, field: str | None = None) -> dict:
	"""Set the HTTP status and return the error body; drops the messages Frappe collected, which
	would repeat the error in `_server_messages`."""
	frappe.local.response.http_status_code = status
	frappe.local.message_log = []
	return {"ok": False, "error": {"code": code, "field": field, "message": message}}


def json_errors(*, check: Callable[[], None] | None = None, rejected: bool = True):
	"""Decorator for a JSON endpoint: `check` first (a permission or role check, which raises and is
	not mapped), then the endpoint, with its refusals as error bodies: too large a request a 413
	"too_large", a bad submission a 400 with its code and field, and, with `rejected`, any other
	validation error a 400 "rejected"."""

	def decorator(fn):
		@wraps(fn)
		def wrapper(*args, **kwargs):
			if check:
				check()
			try:
				return fn(*args, **kwargs)
			except PayloadTooLargeError as e:
				return error_response(413, "too_large", str(e))
			except InvalidSubmissionError as e:
				return error_response(400, e.code, e.message, e.field)
			except frappe.ValidationError as e:
				if not rejected:
					raise
				return error_response(400, "rejected", error_message(e))

		return wrapper

	return decorator
