"""A proof of work asked of guests before they file, look a complaint up or ask for a code.

Frappe 15 has no CAPTCHA, and a third-party one would send citizens' visits elsewhere. Instead the
server hands out a challenge: a random nonce, the difficulty in bits, and an expiry, signed with the
site's secret (signed_tokens.py), so that it costs the server nothing to keep. The browser
(templates/includes/guest_challenge.js) counts until sha256(nonce + counter) starts with that many zero
bits, about 2^bits hashes: a fraction of a second for one citizen, hours for someone sending thousands
of requests. The server checks the signature, the expiry and the hash, and accepts each challenge once
(a cache entry that lives until the challenge expires).

Citizen Portal Settings: `challenge_enabled` (on as shipped) and `challenge_bits` (15 as shipped).
Logged-in users are not asked: their account already answers for them.
"""

import hashlib
import secrets
import time

import frappe
from frappe import _
from frappe.utils import cint

from complaints_mgmt.security.signed_tokens import make_token, token_is_valid

SETTINGS = "Citizen Portal Settings"
PURPOSE = "guest-challenge"
VALID_MINUTES = 10
DEFAULT_BITS = 15
MIN_BITS, MAX_BITS = 1, 24
MAX_SOLUTION_LENGTH = 16


class ChallengeError(frappe.ValidationError):
	http_status_code = 403


def is_required() -> bool:
	"""True when this request must carry a solved challenge: a guest, with the check switched on."""
	if frappe.session.user != "Guest":
		return False
	enabled = frappe.db.get_single_value(SETTINGS, "challenge_enabled")
	return enabled is None or bool(cint(enabled))


def difficulty() -> int:
	bits = cint(frappe.db.get_single_value(SETTINGS, "challenge_bits")) or DEFAULT_BITS
	return min(max(bits, MIN_BITS), MAX_BITS)


def issue(now: float | None = None) -> dict:
	"""A new challenge: {"challenge": "<nonce>:<bits>:<expiry>.<signature>", "bits": bits}."""
	nonce = secrets.token_hex(12)
	bits = difficulty()
	token = make_token(PURPOSE, f"{nonce}:{bits}", VALID_MINUTES, now=now)
	return {"challenge": f"{nonce}:{bits}:{token}", "nonce": nonce, "bits": bits}


def verify(challenge: str | None, solution: str | None, now: float | None = None) -> None:
	"""Accept a solved challenge once, or raise ChallengeError (nothing else is done)."""
	nonce, bits, token = _parts(challenge)
	solution = str(solution or "")
	if not (
		nonce
		and token_is_valid(PURPOSE, f"{nonce}:{bits}", token, now=now)
		and bits >= difficulty()
		and solution.isascii()
		and solution.isdigit()
		and len(solution) <= MAX_SOLUTION_LENGTH
		and leading_zero_bits(hashlib.sha256(f"{nonce}{solution}".encode()).digest()) >= bits
	):
		raise ChallengeError(failed_message())
	expires = int(token.partition(".")[0])
	ttl = max(int(expires - (now or time.time())), 1) + 60
	if not frappe.cache.set(frappe.cache.make_key(f"complaints_challenge_used:{nonce}"), 1, ex=ttl, nx=True):
		raise ChallengeError(failed_message())


def solve(challenge: str) -> str:
	"""The counter a browser would find (for tests and scripts; the portal solves in the browser)."""
	nonce, bits, _token = _parts(challenge)
	return solution(nonce, bits)


def solution(nonce: str, bits: int) -> str:
	"""The first counter whose hash with `nonce` begins with `bits` zero bits: what the portal's page
	computes, and what a client over HTTP (the suites under tests/) sends with a guest call."""
	counter = 0
	while leading_zero_bits(hashlib.sha256(f"{nonce}{counter}".encode()).digest()) < bits:
		counter += 1
	return str(counter)


def leading_zero_bits(digest: bytes) -> int:
	bits = 0
	for byte in digest:
		if byte:
			return bits + 8 - byte.bit_length()
		bits += 8
	return bits


def failed_message() -> str:
	return _("The security check of this page failed or has expired. Please try again.")


def check_request() -> None:
	"""The request's `challenge` and `solution` (form fields), when this request must carry them."""
	if is_required():
		verify(frappe.form_dict.get("challenge"), frappe.form_dict.get("solution"))


def _parts(challenge: str | None) -> tuple[str, int, str]:
	nonce, _sep, rest = str(challenge or "").partition(":")
	bits, _sep, token = rest.partition(":")
	if not (nonce and bits.isdigit() and token and len(nonce) <= 64):
		return "", 0, ""
	if any(c not in "0123456789abcdef" for c in nonce):
		return "", 0, ""
	return nonce, int(bits), token
