"""The citizen portal's endpoints: file, track, receipt, and a logged-in citizen's actions.

Thin: each sets the portal's language, checks the client's limit where a guest may call it, and hands
over to the module that does the work. Guest endpoints take POST only, except the receipt, which is a
link the browser opens (its token is the permission).

Limits are per client (security/client_limits.py), not Frappe's `rate_limit`: that one keys on the first
address of X-Forwarded-For, which any client can write, and would let one client exhaust or escape a
limit meant for each. Filing counts in the Complaint's validation (portal/citizen_input.py), so the limit also
holds for Frappe's own web form endpoint and REST.

Guest calls to file, track and ask for a code carry a solved challenge (security/guest_challenge.py, asked for
with `challenge`): without one they get a 403 and nothing is done or counted.

Errors a citizen can correct come back as HTTP 4xx with
{"ok": false, "errors": [{"field": fieldname or null, "message": ...}]}.
"""

from functools import wraps

import frappe
from frappe import _

from complaints_mgmt.portal import citizen_actions, citizen_tracking, public_status, receipt
from complaints_mgmt.portal.attachments import AttachmentError, uploads_from_request
from complaints_mgmt.portal.citizen_filing import FilingError, filing_error
from complaints_mgmt.portal.citizen_filing import file_complaint as _file_complaint
from complaints_mgmt.portal.portal_page import use_portal_language
from complaints_mgmt.security import guest_challenge
from complaints_mgmt.security.client_limits import limit_per_client
from complaints_mgmt.utils import app_templates, settings_values

# the settings a guest call reads (the challenge, the limits, the language, the national ID format, the
# days to reopen and to appeal), each in one query
PORTAL_SETTINGS = ("Citizen Portal Settings", "Complaints Settings")


def challenge_required(fn):
	"""A guest's call must carry a solved challenge; checked before anything else runs or counts."""

	@wraps(fn)
	def wrapper(*args, **kwargs):
		settings_values.prefetch(*PORTAL_SETTINGS)
		try:
			guest_challenge.check_request()
		except guest_challenge.ChallengeError as e:
			use_portal_language()
			return _errors(FilingError([(None, guest_challenge.failed_message())], e.http_status_code))
		return fn(*args, **kwargs)

	return wrapper


@frappe.whitelist(allow_guest=True, methods=["POST"])
def challenge() -> dict:
	"""A challenge for the next guest call ({"required": false} when none is needed)."""
	settings_values.prefetch(guest_challenge.SETTINGS)
	use_portal_language()
	if not guest_challenge.is_required():
		return {"required": False}
	return {"required": True, **guest_challenge.issue()}


@frappe.whitelist(allow_guest=True, methods=["POST"])
@challenge_required
def file_complaint(data: str | dict, request_key: str | None = None) -> dict:
	"""multipart/form-data: `data` (the form's fields as JSON), `request_key`, files as `attachments`."""
	use_portal_language()
	try:
		values = frappe.parse_json(data) if isinstance(data, str) else data
	except ValueError:  # not JSON: answered below as a form that could not be read
		values = None
	try:
		if not isinstance(values, dict):
			raise FilingError([(None, _("The form could not be read. Please try again."))], 400)
		uploads = uploads_from_request()
		return {"ok": True, **_file_complaint(values, uploads, request_key)}
	except (FilingError, AttachmentError) as e:
		return _errors(filing_error(e))


@frappe.whitelist(allow_guest=True, methods=["POST"])
@challenge_required
@limit_per_client("track", "lookups_per_hour")
def track(tracking_number: str, national_id: str | None = None, code: str | None = None) -> dict:
	"""The complaint's status and answer, for its tracking number with the national ID or a code."""
	use_portal_language()
	try:
		if code:
			name = citizen_tracking.find_with_code(tracking_number, code)
		else:
			name = citizen_tracking.find_with_national_id(tracking_number, national_id or "")
	except citizen_tracking.TrackingNotFoundError as e:
		return _errors(FilingError([(None, str(e))], 404))
	claim_token = citizen_actions.proof_token(name) if citizen_actions.may_claim(name) else None
	return {"ok": True, "html": _status_html(name, receipt.receipt_token(name), claim_token)}


@frappe.whitelist(allow_guest=True, methods=["POST"])
@challenge_required
@limit_per_client("code", "codes_per_hour")
def send_tracking_code(tracking_number: str) -> dict:
	use_portal_language()
	return {"ok": True, "message": citizen_tracking.send_tracking_code(tracking_number)}


@frappe.whitelist(allow_guest=True, methods=["GET"])
def receipt_pdf(name: str, token: str | None = None) -> None:
	"""The printable receipt (PDF): with the link's token, or for the complaint's own citizen account."""
	use_portal_language()
	if not receipt.may_open(name, token):
		frappe.respond_as_web_page(
			_("Receipt not available"),
			_(
				"This receipt link is not valid or has expired. Follow your complaint on the tracking page to get a new one."
			),
			http_status_code=403,
			indicator_color="red",
		)
		return
	frappe.local.response.filename = f"complaint-receipt-{name}.pdf"  # ASCII: Frappe mangles others
	frappe.local.response.filecontent = receipt.render_receipt_pdf(name)
	frappe.local.response.type = "pdf"


@frappe.whitelist(methods=["POST"])
def claim(name: str, token: str) -> dict:
	"""Add a complaint found on the tracking page to the logged-in citizen's account."""
	use_portal_language()
	try:
		citizen_actions.claim(name, token)
	except frappe.DoesNotExistError:
		return _errors(FilingError([(None, _("Complaint not found."))], 404))
	except frappe.ValidationError as e:
		return _errors(filing_error(e))
	return {"ok": True, "url": f"/my-complaints/{name}"}


@frappe.whitelist(methods=["POST"])
def rate(name: str, stars: str | int | None = None, comment: str | None = None) -> dict:
	"""`stars` as the form sends it (missing, empty or not a whole number: the same answer as 0 or 9)."""
	use_portal_language()
	return _action(lambda: citizen_actions.rate(name, stars, comment), name)


@frappe.whitelist(methods=["POST"])
def reply(name: str, message: str) -> dict:
	"""The citizen's answer to a request for information about their complaint."""
	use_portal_language()
	return _action(lambda: citizen_actions.reply(name, message), name)


@frappe.whitelist(methods=["POST"])
def reopen(name: str, reason: str) -> dict:
	use_portal_language()
	return _action(lambda: citizen_actions.reopen(name, reason), name)


@frappe.whitelist(methods=["POST"])
def appeal(name: str, grounds: str) -> dict:
	use_portal_language()
	return _action(lambda: citizen_actions.appeal(name, grounds), name)


def _action(run, name: str) -> dict:
	try:
		run()
	except frappe.DoesNotExistError:
		return _errors(FilingError([(None, _("Complaint not found."))], 404))
	except frappe.ValidationError as e:
		frappe.db.rollback()
		return _errors(filing_error(e))
	return {"ok": True, "html": _status_html(name)}


def _status_html(name: str, token: str | None = None, claim_token: str | None = None) -> str:
	"""The complaint's status, history and answer, rendered for the page (server-side, translated)."""
	context = {
		"complaint": public_status.citizen_view(name),
		"receipt_url": receipt.receipt_url(name, token),
		"claim_token": claim_token,
	}
	return app_templates.render("complaints_mgmt/templates/includes/complaint_status.html", context)


def _errors(error: FilingError) -> dict:
	frappe.local.response.http_status_code = error.http_status_code
	frappe.local.message_log = []
	return {
		"ok": False,
		"errors": [{"field": field, "message": message} for field, message in error.errors],
	}
