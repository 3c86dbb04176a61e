"""The host names the site answers to (a `before_request` hook): Host-header poisoning.

Frappe builds absolute links (password resets, emails, redirects, the website's cached pages) from
the request's Host header when site_config.json has no `host_name`. A request sent with another host
name would make the site write links to that host. With *Refuse Requests for Unknown Host Names* on in
Citizen Portal Settings (as shipped), a request whose Host is none of these gets a 400 before anything
runs: the site's name, the host of `host_name` (or `hostname`) in site_config.json, the loopback names
(`localhost`, 127.0.0.1, ::1: a link to the visitor's own machine leads nobody elsewhere, and
`bench serve` and local tools use them) and the settings' *Other Allowed Host Names*, one per line.
"""

import re
from urllib.parse import urlsplit

import frappe
from frappe import _
from frappe.utils import cint
from werkzeug.exceptions import BadRequest

SETTINGS = "Citizen Portal Settings"
LOOPBACK = frozenset({"localhost", "127.0.0.1", "::1"})
# A Host header: a name or an IPv4 address, or an IPv6 address in brackets, and an optional port.
HOST_HEADER = re.compile(r"^(?:\[(?P<ip6>[0-9a-f:.]+)\]|(?P<name>[a-z0-9._-]+))(?::[0-9]{1,5})?$")


class UnknownHostError(BadRequest):
	pass


def check_host() -> None:
	"""before_request hook."""
	request = getattr(frappe.local, "request", None)
	if not request or not checking_enabled():
		return
	host = request_host(request.host)
	if host not in allowed_hosts():
		raise UnknownHostError(_("This site does not answer to the host name {0}.").format(host[:100]))


def checking_enabled() -> bool:
	value = frappe.get_cached_doc(SETTINGS).get("check_host_name")
	return value is None or bool(cint(value))


def allowed_hosts() -> set[str]:
	hosts = set(LOOPBACK)
	hosts.add(host_of(frappe.local.site))
	for key in ("host_name", "hostname"):
		if frappe.conf.get(key):
			hosts.add(host_of(frappe.conf.get(key)))
	listed = frappe.get_cached_doc(SETTINGS).get("allowed_host_names") or ""
	hosts.update(host_of(line) for line in listed.replace(",", "\n").splitlines() if line.strip())
	hosts.discard("")
	return hosts


def request_host(header: str | None) -> str:
	"""The host name a Host header names; the header itself, which no allowed name equals, when it is
	not a plain host name (user information, paths, spaces...)."""
	header = str(header or "").strip().lower()
	match = HOST_HEADER.match(header)
	if not match:
		return header or "?"
	return (match.group("ip6") or match.group("name")).rstrip(".")


def host_of(value: str | None) -> str:
	"""The host name alone, lower case: no scheme, port, path or trailing dot."""
	value = str(value or "").strip()
	if not value:
		return ""
	if "//" not in value:
		value = "//" + value
	try:
		host = urlsplit(value).hostname or ""
	except ValueError:
		return ""
	return host.rstrip(".").lower()
