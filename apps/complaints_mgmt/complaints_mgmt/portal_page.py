"""What every page and endpoint of the citizen portal shares: its language and its direction.

Arabic first: a visitor who has not chosen a language gets the portal language of Citizen Portal
Settings (Arabic as shipped), whatever their browser's Accept-Language says; English stays one link
away. A choice made with the language links (`?_lang=en`) is kept in Frappe's own `preferred_language`
cookie, so the portal's endpoints answer in the same language. A logged-in citizen who set a language
on their account gets that one.

Frappe 15's `templates/base.html` writes no `dir` on <html>: `page_context` gives the page a head
script that sets `lang` and `dir` before the body is drawn, and the direction for the page's own markup.
"""

from urllib.parse import urlencode

import frappe
from frappe import _
from frappe.utils.jinja_globals import is_rtl

SETTINGS = "Citizen Portal Settings"
# The portal's texts exist in these languages (the app's source strings and its ar.po).
PORTAL_LANGUAGES = ("ar", "en")
LANGUAGE_COOKIE = "preferred_language"
COOKIE_DAYS = 365


def use_portal_language() -> str:
	"""Set the request's language to the portal's choice for this visitor and return it."""
	lang = _chosen_language()
	frappe.local.lang = lang
	return lang


def page_context(context) -> None:
	"""Language, direction and the language links, for a portal page's context (call first)."""
	asked = _language_asked()
	if asked and getattr(frappe.local, "cookie_manager", None):
		frappe.local.cookie_manager.set_cookie(LANGUAGE_COOKIE, asked, max_age=COOKIE_DAYS * 86400)
	lang = use_portal_language()
	direction = "rtl" if is_rtl() else "ltr"
	context.page_lang = lang
	context.layout_direction = direction
	context.no_cache = 1
	context.head_include = (context.get("head_include") or "") + (
		f'<script>document.documentElement.lang="{lang}";document.documentElement.dir="{direction}";</script>'
	)
	context.language_links = [
		frappe._dict(code=code, label=label, current=code == lang)
		for code, label in (("ar", "العربية"), ("en", "English"))
	]
	context.portal_messages = {
		"network": _("The server could not be reached. Check your connection and try again."),
		"failed": _("Something went wrong. Please try again."),
		"too_large": _("The files are too large to send together. Attach fewer or smaller files."),
		"too_many": _("Too many attempts from your connection. Please try again in an hour."),
		"required": _("{0} is required."),
		"sending": _("Sending…"),
	}
	context.portal_css = _include("portal.css")
	context.portal_js = _include("portal.js") + "\n" + _include("guest_challenge.js")


def require_login() -> None:
	"""Send a guest to the login page, and back here afterwards."""
	if frappe.session.user == "Guest":
		frappe.local.flags.redirect_location = "/login?" + urlencode({"redirect-to": frappe.request.path})
		raise frappe.Redirect


def _include(file_name: str) -> str:
	with open(
		frappe.get_app_path("complaints_mgmt", "templates", "includes", file_name), encoding="utf-8"
	) as f:
		return f.read()


def _chosen_language() -> str:
	asked = _language_asked()
	if asked:
		return asked
	request = getattr(frappe.local, "request", None)
	cookie = request.cookies.get(LANGUAGE_COOKIE) if request else None
	if cookie in PORTAL_LANGUAGES:
		return cookie
	if frappe.session.user != "Guest":
		own = frappe.db.get_value("User", frappe.session.user, "language")
		if own in PORTAL_LANGUAGES:
			return own
	default = frappe.db.get_single_value(SETTINGS, "portal_language")
	return default if default in PORTAL_LANGUAGES else PORTAL_LANGUAGES[0]


def _language_asked() -> str | None:
	asked = (frappe.form_dict.get("_lang") or "").strip().lower()
	return asked if asked in PORTAL_LANGUAGES else None
