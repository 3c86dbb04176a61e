"""What every page and endpoint of the citizen portal shares: its language and its direction.

Arabic first: a visitor who has not chosen a language gets the portal language of Citizen Portal
Settings (Arabic as shipped), whatever their browser's Accept-Language says; English stays one link
away. A choice made with the language links (`?_lang=en`) is kept in Frappe's own `preferred_language`
cookie, so the portal's endpoints answer in the same language. A logged-in citizen who set a language
on their account gets that one.

The same holds for Frappe's own website pages a citizen meets on the way (/login, /me, /statistics,
the error pages): `use_language_on_pages` (a `before_request` hook) sets the request's language before
Frappe renders any website page, where Frappe would follow the browser's Accept-Language.

Frappe 15's `templates/base.html` writes no `dir` on <html>: `website_context` (an
`update_website_context` hook) gives every website page a head script that sets `lang` and `dir` before
the body is drawn, with the few rules Frappe's right-to-left stylesheets miss; `page_context` gives the
portal's own pages the direction for their markup.
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
# Paths that are not website pages: the desk, REST and files keep Frappe's own choice of language.
NOT_PAGES = ("/api", "/app", "/assets", "/files", "/private", "/socket.io", "/desk", "/backups")
# Guest calls of Frappe's own that answer a website page (the login form's messages)
GUEST_PAGE_METHODS = ("/api/method/login",)


def use_portal_language() -> str:
	"""Set the request's language to the portal's choice for this visitor and return it."""
	lang = _chosen_language()
	frappe.local.lang = lang
	return lang


def use_language_on_pages() -> None:
	"""before_request hook: a website page (and the login form's call) in the portal's language for
	this visitor, the choice made with `?_lang=` kept in the cookie."""
	request = getattr(frappe.local, "request", None)
	if not request or not _is_page_request(request.path):
		return
	remember_language_asked()
	use_portal_language()


def remember_language_asked() -> None:
	asked = _language_asked()
	if asked and getattr(frappe.local, "cookie_manager", None):
		frappe.local.cookie_manager.set_cookie(LANGUAGE_COOKIE, asked, max_age=COOKIE_DAYS * 86400)


def website_context(context) -> None:
	"""update_website_context hook: every website page gets `lang` and `dir` on <html> before its body is
	drawn, and the rules for right-to-left that Frappe's own pages lack."""
	lang = frappe.local.lang
	direction = "rtl" if is_rtl() else "ltr"
	context.head_html = (context.get("head_html") or "") + (
		f'<script>document.documentElement.lang="{lang}";document.documentElement.dir="{direction}";</script>'
		f"<style>{_include('frappe_pages.css')}</style>"
	)
	if context.get("path") == "login":
		_login_page_context(context)
	if not context.get("footer_powered"):
		# Frappe's "Built on Frappe", with the product's name in the page's language too (a text the
		# administrator writes in Website Settings comes first)
		context.footer_powered = _("Built on {0}").format(
			'<a href="https://frappeframework.com" target="_blank" rel="noopener" class="text-muted">'
			f"{frappe.utils.escape_html(_('the Frappe Framework'))}</a>"
		)


def _login_page_context(context) -> None:
	"""Frappe's login form, for citizens: the portal's name, a placeholder that is no one's address, and a
	title in the page's language (Frappe's login.py sets the untranslated "Login")."""
	context.title = _("Log in")
	context.app_name = _("the citizen portal")
	context.login_name_placeholder = _("Your email address")


def page_context(context) -> None:
	"""Language, direction and the language links, for a portal page's context (call first)."""
	remember_language_asked()
	lang = use_portal_language()
	direction = "rtl" if is_rtl() else "ltr"
	context.page_lang = lang
	context.layout_direction = direction
	context.no_cache = 1
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


def _is_page_request(path: str) -> bool:
	if path in GUEST_PAGE_METHODS:
		return frappe.session.user == "Guest"
	return not any(path == prefix or path.startswith(prefix + "/") for prefix in NOT_PAGES)


def _language_asked() -> str | None:
	asked = (frappe.form_dict.get("_lang") or "").strip().lower()
	return asked if asked in PORTAL_LANGUAGES else None
