"""Security headers on the citizen portal's pages and answers (an `after_request` hook).

- Content-Security-Policy: the policy of Citizen Portal Settings (empty: none). As shipped it lets
  pages load scripts, styles, fonts, images and connections from the site itself only, forbids plugins,
  `<base>` and forms posting elsewhere, and framing by other sites. It allows inline scripts and `eval`:
  Frappe 15's own page templates write inline scripts whose content changes with every request (the CSRF
  token, the boot data), and its web form renders templates with `new Function`, so neither a hash nor
  a nonce can cover them without changing Frappe.
- X-Content-Type-Options: nosniff, Referrer-Policy: same-origin (a tracking number in a link never
  leaves the site), X-Frame-Options: SAMEORIGIN for browsers without frame-ancestors.
"""

import frappe

SETTINGS = "Citizen Portal Settings"
# The app's pages (and what is below them) and its portal endpoints.
PORTAL_PATHS = ("/track", "/my-complaints", "/my-complaint", "/statistics", "/file-a-complaint")
PORTAL_METHODS = "/api/method/complaints_mgmt.api.portal."
FIXED_HEADERS = {
	"X-Content-Type-Options": "nosniff",
	"Referrer-Policy": "same-origin",
	"X-Frame-Options": "SAMEORIGIN",
}


def is_portal_path(path: str) -> bool:
	path = (path or "/").rstrip("/") or "/"
	if path.startswith(PORTAL_METHODS):
		return True
	return any(path == prefix or path.startswith(prefix + "/") for prefix in PORTAL_PATHS)


def add_security_headers(response=None, request=None) -> None:
	"""after_request hook: the headers above, on the portal's paths."""
	if response is None or request is None or not is_portal_path(request.path):
		return
	for name, value in FIXED_HEADERS.items():
		response.headers[name] = value
	policy = content_security_policy()
	if policy:
		response.headers["Content-Security-Policy"] = policy


def content_security_policy() -> str:
	policy = frappe.get_cached_doc(SETTINGS).get("content_security_policy")
	# one header line: an administrator may have written the policy over several lines
	return " ".join(str(policy or "").split())
