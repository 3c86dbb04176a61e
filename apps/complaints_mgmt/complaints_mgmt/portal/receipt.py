"""The printable receipt of a filed complaint: the "Complaint Receipt" print format, as a PDF.

The PDF is one A4 page of the print format alone, in the citizen's language and direction: the body of
the print format (Frappe's `get_rendered_template`, which the desk's print view uses too) with its
style, in a page of our own (templates/receipt_page.html). Frappe's print view page is not used: it
carries a toolbar ("Print", "Get PDF") for the screen, a gutter and a fixed width, and it is written
left to right.

A guest has no account to prove the complaint is theirs, so the receipt link they get on filing
carries a signed token: the tracking number and an expiry, signed with the site's secret, valid for
the minutes Citizen Portal Settings give. A logged-in citizen opens the receipts of their own
complaints. Only this print format is rendered, never another one of the same complaint.
"""

from urllib.parse import urlencode

import frappe
from frappe.utils import cint
from frappe.utils.pdf import get_pdf

from complaints_mgmt.security import signed_tokens
from complaints_mgmt.utils.print_bidi import print_page_html

PRINT_FORMAT = "Complaint Receipt"
SETTINGS = "Citizen Portal Settings"
RECEIPT_METHOD = "/api/method/complaints_mgmt.api.portal.receipt_pdf"
TOKEN_PURPOSE = "complaint-receipt"
# wkhtmltopdf's page: A4 with margins wide enough for any printer, at the print's own scale
PDF_OPTIONS = {
	"page-size": "A4",
	"margin-top": "15mm",
	"margin-bottom": "15mm",
	"margin-left": "15mm",
	"margin-right": "15mm",
	"dpi": "96",
	"zoom": "1",
}


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
	return get_pdf(receipt_html(name), options=dict(PDF_OPTIONS))


def receipt_html(name: str) -> str:
	"""The receipt's page: the print format's body and style, in the request's language and direction."""
	return print_page_html(frappe.get_doc("Complaint", name), PRINT_FORMAT)


def may_open_receipt(name: str, token: str | None) -> bool:
	if token:
		return token_is_valid(name, token)
	user = frappe.session.user
	return user != "Guest" and frappe.db.get_value("Complaint", name, "citizen_user") == user


def may_open(name: str | None, token: str | None) -> bool:
	return bool(name and frappe.db.exists("Complaint", name) and may_open_receipt(name, token))
