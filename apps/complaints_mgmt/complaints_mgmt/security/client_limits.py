"""Per-client limits on the portal's guest endpoints, keyed on the client's real address.

Frappe's own `rate_limit` keys on `frappe.local.request_ip`, which is the first address of any
X-Forwarded-For header: a client that talks to the application directly, or through a proxy that
appends to the header instead of replacing it, chooses that address itself and escapes its limit.
Here the header is believed only when the peer that sent the request is a trusted proxy (site config
`trusted_proxies`, addresses or networks; loopback by default, where nginx runs on the same host), and
then the client is the last address in the chain that is not itself a trusted proxy.

Behind nginx set `proxy_set_header X-Forwarded-For $remote_addr;` (see the README, Deployment).
"""

import ipaddress
from contextlib import contextmanager
from functools import lru_cache, wraps

import frappe
from frappe import _
from frappe.utils import cint

SETTINGS = "Citizen Portal Settings"
DEFAULT_TRUSTED_PROXIES = ("127.0.0.1/32", "::1/128")
WINDOW_SECONDS = 3600
# Set on frappe.local.flags by an endpoint that limits its clients itself (use `own_limit()`).
OWN_LIMIT_FLAG = "client_limited_by_endpoint"


class ClientLimitExceededError(frappe.RateLimitExceededError):
	pass


def client_address() -> str:
	"""The address of the client that made this request, as far as trusted proxies tell it."""
	request = getattr(frappe.local, "request", None)
	if not request:
		return "127.0.0.1"
	peer = request.remote_addr or ""
	if not _is_trusted(peer):
		return peer or "unknown"
	forwarded = request.headers.get("X-Forwarded-For", "")
	chain = [part.strip() for part in forwarded.split(",") if part.strip()]
	for address in reversed(chain):
		if not _valid_address(address):
			break  # garbage in the header: trust nothing before it
		if not _is_trusted(address):
			return address
	return peer


def over_hourly_limit(key: str, limit: int) -> bool:
	"""Count one more use under `key` in its hour (Redis, the window starting at the first use); whether the
	count is now past `limit`."""
	key = frappe.cache.make_key(key)
	count = frappe.cache.incrby(key, 1)
	if count == 1:
		frappe.cache.expire(key, WINDOW_SECONDS)
	return count > limit


def check_client_limit(action: str, settings_field: str) -> None:
	"""Count one request of `action` for this client; refuse it above the hourly limit the settings give.
	Requests an endpoint limits by its own rule (Open311, per API key) are not counted here."""
	if frappe.local.flags.get(OWN_LIMIT_FLAG):
		return
	refuse_above_hourly_limit(
		f"complaints_portal:{action}:{client_address()}",
		(SETTINGS, settings_field),
		_("Too many attempts from your connection. Please try again in an hour."),
		ClientLimitExceededError,
	)


def refuse_above_hourly_limit(key: str, limit_setting: tuple[str, str], message: str, error: type) -> None:
	"""Count one use under `key`; above the hourly limit the single DocType's field `limit_setting`
	(doctype, fieldname) gives, refuse it with `message`. A limit of 0 or less counts nothing."""
	limit = cint(frappe.db.get_single_value(*limit_setting))
	if limit > 0 and over_hourly_limit(key, limit):
		frappe.throw(message, error)


@contextmanager
def own_limit():
	"""For an endpoint that has counted its client by its own rule: the portal's per-address limits
	do not count what runs inside."""
	previous = frappe.local.flags.get(OWN_LIMIT_FLAG)
	frappe.local.flags[OWN_LIMIT_FLAG] = True
	try:
		yield
	finally:
		frappe.local.flags[OWN_LIMIT_FLAG] = previous


def limit_per_client(action: str, settings_field: str):
	"""Decorator for a whitelisted endpoint: `check_client_limit` before it runs."""

	def decorator(fn):
		@wraps(fn)
		def wrapper(*args, **kwargs):
			check_client_limit(action, settings_field)
			return fn(*args, **kwargs)

		return wrapper

	return decorator


def _is_trusted(address: str) -> bool:
	ip = _valid_address(address)
	return bool(ip) and any(ip in network for network in _trusted_networks(_trusted_config()))


def _trusted_config() -> tuple[str, ...]:
	configured = frappe.conf.get("trusted_proxies")
	if configured is None:
		return DEFAULT_TRUSTED_PROXIES
	if isinstance(configured, str):
		configured = configured.split(",")
	return tuple(str(value).strip() for value in configured if str(value).strip())


@lru_cache(maxsize=8)
def _trusted_networks(config: tuple[str, ...]) -> tuple:
	networks = []
	for value in config:
		try:
			networks.append(ipaddress.ip_network(value, strict=False))
		except ValueError:
			continue
	return tuple(networks)


def _valid_address(address: str):
	try:
		return ipaddress.ip_address((address or "").strip())
	except ValueError:
		return None
