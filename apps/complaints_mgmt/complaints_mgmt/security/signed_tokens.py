"""Short-lived tokens that prove a right over one complaint without an account.

A token is an expiry and an HMAC of (purpose, complaint, expiry) keyed with the site's secret: it
cannot be forged or moved to another complaint or purpose, and it stops working when it expires.
Purposes: the printable receipt a guest gets on filing (receipt.py), and the proof a citizen gave on
the tracking page, which lets a logged-in citizen add the complaint to their account (citizen_actions).
"""

import hashlib
import hmac
import time

from frappe.utils.password import get_encryption_key


def make_token(purpose: str, name: str, minutes: int, now: float | None = None) -> str:
	expires = int((now or time.time()) + max(minutes, 1) * 60)
	return f"{expires}.{_signature(purpose, name, expires)}"


def token_is_valid(purpose: str, name: str, token: str | None, now: float | None = None) -> bool:
	expires, _dot, signature = str(token or "").partition(".")
	if not expires.isdigit() or int(expires) < (now or time.time()):
		return False
	return hmac.compare_digest(signature, _signature(purpose, name, int(expires)))


def _signature(purpose: str, name: str, expires: int) -> str:
	message = f"{purpose}\x1f{name}\x1f{expires}".encode()
	return hmac.new(get_encryption_key().encode(), message, hashlib.sha256).hexdigest()
