"""The printable receipt of a filed complaint: the "Complaint Receipt" print format, as a PDF.

A guest has no account to prove the complaint is theirs, so the receipt link they get on filing
carries a signed token: the tracking number and an expiry, signed with the site's secret, valid for
the minutes Citizen Portal Settings give. A logged-in citizen opens the receipts of their own
complaints. Only this print format is rendered, never another one of the same complaint.
"""

import os
import re
from urllib.parse import urlencode

import frappe
from frappe.utils import cint
from frappe.utils.pdf import get_pdf

from complaints_mgmt import signed_tokens

PRINT_FORMAT = "Complaint Receipt"
SETTINGS = "Citizen Portal Settings"
RECEIPT_METHOD = "/api/method/complaints_mgmt.api.portal.receipt_pdf"
TOKEN_PURPOSE = "complaint-receipt"
_STYLESHEET_LINK = re.compile(r"<link\b[^>]*\bhref=\"(?:https?://[^/\"]+)?/assets/([^\"?#]+)[^\"]*\"[^>]*>")


def receipt_token(name: str, now: float | None = None) -> str:
	minutes = cint(frappe.db.get_single_value(SETTINGS, "receipt_link_minutes"))
	return signed_tokens.make_token(TOKEN_PURPOSE, name, minutes, now)


def token_is_valid(name: str, token: str | None, now: float | None = None) -> bool:
	return signed_tokens.token_is_valid(TOKEN_PURPOSE, name, token, now)


def receipt_url(name: str, token: str | None = None) -> str:
	query = {"name": name, **({"token": token} if token else {}), "_lang": frappe.local.lang}
	return f"{RECEIPT_METHOD}?{urlencode(query)}"


def render_receipt_pdf(name: str) -> bytes:
	"""The receipt as a PDF. The caller has checked the right to see it."""
	doc = frappe.get_doc("Complaint", name)
	previous = frappe.flags.ignore_print_permissions
	frappe.flags.ignore_print_permissions = True
	try:
		html = frappe.get_print("Complaint", name, PRINT_FORMAT, doc=doc, no_letterhead=1)
	finally:
		frappe.flags.ignore_print_permissions = previous
	return get_pdf(inline_local_stylesheets(html))


def inline_local_stylesheets(html: str) -> str:
	"""The page's stylesheets from /assets written into it: wkhtmltopdf then fetches nothing over the
	network (it would ask this very server, which may be busy answering this request, or a host name
	that does not resolve where it runs)."""
	assets = os.path.realpath(os.path.join(frappe.local.sites_path, "assets"))

	def inline(match) -> str:
		path = os.path.realpath(os.path.join(assets, match.group(1)))
		if not (path.startswith(assets + os.sep) and path.endswith(".css") and os.path.isfile(path)):
			return ""
		with open(path, encoding="utf-8") as f:
			return f"<style>{f.read()}</style>"

	return _STYLESHEET_LINK.sub(inline, html)


def may_open_receipt(name: str, token: str | None) -> bool:
	if token:
		return token_is_valid(name, token)
	user = frappe.session.user
	return user != "Guest" and frappe.db.get_value("Complaint", name, "citizen_user") == user


def may_open(name: str | None, token: str | None) -> bool:
	return bool(name and frappe.db.exists("Complaint", name) and may_open_receipt(name, token))
