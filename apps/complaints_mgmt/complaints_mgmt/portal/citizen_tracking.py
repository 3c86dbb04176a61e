"""A complaint found by its tracking number and a proof that the finder filed it.

The proof is the complainant's national ID, or a one-time code sent by SMS to the mobile number on the
complaint. A wrong combination reveals nothing, not even whether the number exists:

- the answer is the same sentence whether the number is unknown, the ID is wrong, the complaint is
  anonymous (it has no ID to match) or the code is wrong;
- the work is the same: one primary-key read and one keyed hash of the ID given, compared in constant
  time against the stored hash or a dummy;
- and a failed attempt is answered no sooner than `FAILURE_FLOOR_SECONDS` after it arrived, which
  hides what remains of the difference (a cached row, a slower disk).

Asking for a code answers the same sentence whether a code was sent or not.
"""

import hmac
import time
from contextlib import contextmanager

import frappe
from frappe import _

from complaints_mgmt.intake.national_id import national_id_country, national_id_hash, validate_national_id
from complaints_mgmt.intake.tracking import normalize_tracking_number
from complaints_mgmt.portal.citizen_input import muted_messages
from complaints_mgmt.portal.citizen_sms import send_code
from complaints_mgmt.security import one_time_code
from complaints_mgmt.utils.plurals import counted

CODE_PURPOSE = "track"
FAILURE_FLOOR_SECONDS = 0.4
# Compared against when the tracking number is unknown, so that both paths hash and compare.
_NO_HASH = "0" * 64


class TrackingNotFoundError(frappe.ValidationError):
	http_status_code = 404


def not_found_message() -> str:
	return _(
		"No complaint matches these details. Check the tracking number and the national ID or code, and try again."
	)


def find_with_national_id(tracking_number: str, national_id: str) -> str:
	"""The complaint's name, or TrackingNotFoundError."""
	with _no_sooner_on_failure():
		name = normalize_tracking_number(tracking_number)
		stored = frappe.db.get_value("Complaint", name, "national_id_hash") if name else None
		given = national_id_hash(_normalized_national_id(national_id))
		if not (hmac.compare_digest(stored or _NO_HASH, given) and stored):
			raise TrackingNotFoundError(not_found_message())
		return name


def find_with_code(tracking_number: str, code: str) -> str:
	"""The complaint's name, or TrackingNotFoundError. A right code works once."""
	with _no_sooner_on_failure():
		name = normalize_tracking_number(tracking_number)
		if not (name and one_time_code.verify_code(CODE_PURPOSE, name, code)):
			raise TrackingNotFoundError(not_found_message())
		return name


def send_tracking_code(tracking_number: str) -> str:
	"""Send a one-time code to the complaint's mobile number, when there is one; the same answer
	either way."""
	minutes = one_time_code.code_valid_minutes()
	answer = _(
		"If this tracking number is registered with a mobile number, a code has been sent to it by SMS. It is valid for {0}."
	).format(counted(minutes, "{0} minute", "{0} minutes"))
	started = time.monotonic()
	name = normalize_tracking_number(tracking_number)
	mobile = frappe.db.get_value("Complaint", name, "mobile") if name else None
	if mobile and one_time_code.may_send(CODE_PURPOSE, name):
		code = one_time_code.issue_code(CODE_PURPOSE, name)
		send_code(name, mobile, code, minutes)
	_wait_until(started + FAILURE_FLOOR_SECONDS)
	return answer


def _normalized_national_id(value: str) -> str:
	"""The ID as the complaint stores it when it is a valid one (Arabic digits, spaces...), else as typed:
	an invalid ID matches nothing, and takes the same path as a wrong one."""
	try:
		with muted_messages():
			return validate_national_id(value, national_id_country())
	except frappe.ValidationError:
		return str(value or "")


@contextmanager
def _no_sooner_on_failure():
	started = time.monotonic()
	try:
		yield
	except TrackingNotFoundError:
		_wait_until(started + FAILURE_FLOOR_SECONDS)
		raise


def _wait_until(moment: float) -> None:
	remaining = moment - time.monotonic()
	if remaining > 0:
		time.sleep(remaining)
