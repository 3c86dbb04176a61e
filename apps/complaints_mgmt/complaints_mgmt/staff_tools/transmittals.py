"""Transmittal sheets: the ministry's centre sends a batch of complaints to a central department (or a
directorate, or a unit) as an Excel sheet with an Arabic cover letter, and tracks the replies against it.

The `Transmittal` DocType holds the batch (its controller calls these rules); the cover letter is the print
format "Transmittal Cover Letter"; the sheet is built here. Each complaint's timeline records that it was
sent, and later that its reply arrived."""

import io
from typing import TYPE_CHECKING

import frappe
from frappe import _
from frappe.utils import format_date, format_datetime

from complaints_mgmt.utils.print_bidi import print_page_pdf
from complaints_mgmt.utils.record_names import record_title

if TYPE_CHECKING:
	from complaints_mgmt.complaints.doctype.transmittal.transmittal import Transmittal

COVER_LETTER = "Transmittal Cover Letter"
LETTER_PDF_OPTIONS = {
	"page-size": "A4",
	"margin-top": "20mm",
	"margin-bottom": "20mm",
	"margin-left": "20mm",
	"margin-right": "20mm",
	"dpi": "96",
	"zoom": "1",
}

# The sheet's columns: (heading, how a complaint's row gives it)
SHEET_COLUMNS = (
	("Tracking Number", lambda c: c.name),
	("Received On", lambda c: format_datetime(c.received_on) if c.received_on else ""),
	("Complainant", lambda c: c.complainant_name or ""),
	("National ID", lambda c: c.national_id or ""),  # stored masked (security/personal_data.py)
	("Category", lambda c: record_title("Complaint Category", c.category)),
	("Subject", lambda c: c.subject or ""),
	("Governorate", lambda c: record_title("Governorate", c.governorate)),
	("District or Village", lambda c: record_title("District", c.district)),
	("Status", lambda c: _(c.status) if c.status else ""),
	("Deadline", lambda c: format_date(c.deadline) if c.deadline else ""),
)
SHEET_FIELDS = (
	"name",
	"received_on",
	"complainant_name",
	"national_id",
	"category",
	"subject",
	"governorate",
	"district",
	"status",
	"deadline",
)


def check_complaints(doc: "Transmittal") -> None:
	"""A sheet sends each complaint once, and only complaints its author may read."""
	if not doc.items:
		frappe.throw(_("Add the complaints this transmittal sends."), title=_("No complaints"))
	seen = set()
	for row in doc.items:
		if row.complaint in seen:
			frappe.throw(
				_("Complaint {0} is listed twice in this transmittal.").format(row.complaint),
				title=_("Listed twice"),
			)
		seen.add(row.complaint)
		if doc.is_new() and not frappe.has_permission("Complaint", "read", row.complaint):
			frappe.throw(_("You may not send complaint {0}.").format(row.complaint), frappe.PermissionError)


def count_replies(doc: "Transmittal") -> None:
	doc.complaint_count = len(doc.items)
	doc.answered_count = sum(1 for row in doc.items if row.replied_on)
	if doc.answered_count == doc.complaint_count:
		doc.status = "Answered"
	else:
		doc.status = "Partly Answered" if doc.answered_count else "Awaiting Replies"


def note_sent_on_timelines(doc: "Transmittal") -> None:
	addressee = record_title(doc.addressed_to_type, doc.addressed_to)
	text = _("Sent to {0} in transmittal {1}").format(addressee, doc.name)
	_note(doc, [row.complaint for row in doc.items], text)


def note_replies_on_timelines(doc: "Transmittal") -> None:
	"""A reply date set on a row since the last save is recorded on that complaint's timeline."""
	before = doc.get_doc_before_save()
	if not before:
		return
	replied_before = {row.complaint for row in before.items if row.replied_on}
	newly = [row.complaint for row in doc.items if row.replied_on and row.complaint not in replied_before]
	addressee = record_title(doc.addressed_to_type, doc.addressed_to)
	_note(doc, newly, _("Reply from {0} received on transmittal {1}").format(addressee, doc.name))


def _note(doc: "Transmittal", complaints: list[str], text: str) -> None:
	for name in complaints:
		frappe.get_doc(
			{
				"doctype": "Comment",
				"comment_type": "Info",
				"reference_doctype": "Complaint",
				"reference_name": name,
				"content": text,
			}
		).insert(ignore_permissions=True)


def sheet_rows(doc: "Transmittal") -> list[list]:
	"""The sheet's heading row and one row per complaint, in the transmittal's order, numbered."""
	names = [row.complaint for row in doc.items]
	found = {
		c.name: c
		for c in frappe.get_all("Complaint", filters={"name": ("in", names)}, fields=list(SHEET_FIELDS))
	}
	rows = [["#", *(_(heading) for heading, _value in SHEET_COLUMNS)]]
	for number, name in enumerate(names, start=1):
		complaint = found.get(name)
		if complaint:
			rows.append([number, *(value(complaint) for _heading, value in SHEET_COLUMNS)])
	return rows


def sheet_xlsx(doc: "Transmittal") -> bytes:
	"""The Excel sheet, laid out right to left."""
	from openpyxl import Workbook
	from openpyxl.styles import Font

	book = Workbook()
	sheet = book.active
	sheet.title = doc.name[:31]
	sheet.sheet_view.rightToLeft = True
	for row in sheet_rows(doc):
		sheet.append(row)
	for cell in sheet[1]:
		cell.font = Font(bold=True)
	for letter, width in zip("ABCDEFGHIJK", (6, 18, 20, 24, 18, 20, 40, 16, 20, 18, 14), strict=True):
		sheet.column_dimensions[letter].width = width
	out = io.BytesIO()
	book.save(out)
	return out.getvalue()


def cover_letter_pdf(doc: "Transmittal") -> bytes:
	"""The cover letter on its own A4 page, in the reader's language (print_bidi.print_page_pdf)."""
	return print_page_pdf(doc, COVER_LETTER, LETTER_PDF_OPTIONS)


@frappe.whitelist()
def download_sheet(name: str) -> None:
	_send(name, sheet_xlsx, "xlsx", "binary")


@frappe.whitelist()
def download_cover_letter(name: str) -> None:
	_send(name, cover_letter_pdf, "pdf", "pdf")


def _send(name: str, make, extension: str, response_type: str) -> None:
	"""A transmittal's file, to who may read the transmittal."""
	doc = frappe.get_doc("Transmittal", name)
	doc.check_permission("read")
	frappe.response.filename = f"{doc.name}.{extension}"
	frappe.response.filecontent = make(doc)
	frappe.response.type = response_type
