"""Short numeric codes sent by SMS that prove the holder of a mobile number, for a few minutes.

A code is kept only as a keyed hash, in the cache, with its expiry as the entry's time to live and a
count of wrong entries: after the settings' number of wrong entries the code is void. A new code
replaces the previous one. Codes are per purpose and subject ("track", a tracking number), and a
subject gets at most the settings' codes per hour, from all clients together: nobody can flood a
citizen's phone by asking from many addresses.
"""

import hashlib
import hmac
import secrets

import frappe
from frappe.utils import cint
from frappe.utils.password import get_encryption_key

SETTINGS = "Citizen Portal Settings"
CODE_DIGITS = 6


def code_valid_minutes() -> int:
	return max(cint(frappe.db.get_single_value(SETTINGS, "code_valid_minutes")), 1)


def may_send(purpose: str, subject: str) -> bool:
	"""Count one code sent for `subject`; False once the subject has had its codes for this hour."""
	limit = cint(frappe.db.get_single_value(SETTINGS, "codes_per_hour"))
	if limit <= 0:
		return True
	key = frappe.cache.make_key(_key(purpose, subject) + ":sent")
	count = frappe.cache.incrby(key, 1)
	if count == 1:
		frappe.cache.expire(key, 3600)
	return count <= limit


def issue_code(purpose: str, subject: str) -> str:
	"""A new code for `subject`; the previous one stops working."""
	code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
	minutes = code_valid_minutes()
	key = _key(purpose, subject)
	frappe.cache.delete_value(key + ":wrong")
	frappe.cache.set_value(key, _hash(purpose, subject, code), expires_in_sec=minutes * 60)
	return code


def verify_code(purpose: str, subject: str, code: str) -> bool:
	"""True once for the right code within its validity; each wrong entry counts against it, atomically,
	so parallel guesses get no more tries than sequential ones."""
	key = _key(purpose, subject)
	expected = frappe.cache.get_value(key)
	if not expected:
		return False
	code = "".join(ch for ch in str(code or "") if not ch.isspace())
	wrong_key = frappe.cache.make_key(key + ":wrong")
	max_attempts = max(cint(frappe.db.get_single_value(SETTINGS, "code_max_attempts")), 1)
	if cint(frappe.cache.get(wrong_key)) >= max_attempts:
		return False
	if hmac.compare_digest(expected, _hash(purpose, subject, code)):
		frappe.cache.delete_value([key, key + ":wrong"])
		return True
	wrong = frappe.cache.incrby(wrong_key, 1)
	if wrong == 1:
		frappe.cache.expire(wrong_key, max(frappe.cache.ttl(frappe.cache.make_key(key)), 1))
	if wrong >= max_attempts:
		frappe.cache.delete_value(key)
	return False


def _key(purpose: str, subject: str) -> str:
	return f"complaints_one_time_code:{purpose}:{subject}"


def _hash(purpose: str, subject: str, code: str) -> str:
	# Keyed with the site's secret: a six-digit code hashed without a key would be found by trying all
	# million codes against a copy of the cache.
	message = f"{purpose}\x1f{subject}\x1f{code}".encode()
	return hmac.new(get_encryption_key().encode(), message, hashlib.sha256).hexdigest()
