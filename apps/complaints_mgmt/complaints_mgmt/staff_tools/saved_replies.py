"""Saved replies: answers and notes written once by administrators, chosen in the complaint's form.

A reply is offered for one of the complaint's free-text fields (its `step`), for complaints of its
category or any sub-category (no category: every complaint), and is filled from the complaint in the
language the complainant filed in: its placeholders take the complainant's name, the tracking number,
the deadline and the competent unit. The officer edits the text before saving: a reply fills the field,
it sends nothing by itself. Each use is counted on the reply (administrators see which replies serve).
"""

import string

import frappe
from frappe import _
from frappe.utils import format_datetime, now_datetime

from complaints_mgmt.lifecycle.routing import category_lineage
from complaints_mgmt.utils.bidi_text import isolate
from complaints_mgmt.utils.record_names import record_title

# The complaint's field each kind of reply fills
STEP_FIELDS = {
	"Answer": "response",
	"Transfer Reason": "transfer_reason",
	"Reviewer's Note": "review_note",
	"Rejection Reason": "rejection_reason",
}
PLACEHOLDERS = ("citizen_name", "tracking_number", "deadline", "unit")


class UnknownPlaceholder(frappe.ValidationError):
	pass


def check_placeholders(reply) -> None:
	"""Refuse a text with a placeholder the complaint cannot fill, or with a brace left open."""
	for fieldname in ("text_ar", "text_en"):
		text = reply.get(fieldname) or ""
		try:
			names = [
				name for _literal, name, _spec, _conv in string.Formatter().parse(text) if name is not None
			]
		except ValueError:
			names = [None]
		for name in names:
			if name not in PLACEHOLDERS:
				frappe.throw(
					_("{0}: unknown placeholder {1}. Use only {2}, each between braces.").format(
						_(reply.meta.get_label(fieldname)),
						isolate("{" + (name or "") + "}"),
						"، ".join(isolate("{" + known + "}") for known in PLACEHOLDERS),
					),
					UnknownPlaceholder,
				)


@frappe.whitelist()
def replies_for(complaint: str, fieldname: str) -> list[dict]:
	"""The active replies offered for `fieldname` of the complaint, most used first."""
	doc = frappe.get_doc("Complaint", complaint)
	doc.check_permission("read")
	step = _step_of(fieldname)
	categories = list(category_lineage(doc.category))
	return frappe.get_list(
		"Saved Reply",
		filters=[["is_active", "=", 1], ["step", "=", step]],
		or_filters=[["category", "is", "not set"], *([["category", "in", categories]] if categories else [])],
		fields=["name", "title", "category", "usage_count"],
		order_by="usage_count desc, title asc",
		limit_page_length=50,
	)


@frappe.whitelist(methods=["POST"])
def use_reply(reply: str | int, complaint: str) -> str:
	"""The reply's text filled from the complaint, in its complainant's language; the use is counted."""
	doc = frappe.get_doc("Complaint", complaint)
	doc.check_permission("read")
	saved = frappe.get_doc("Saved Reply", reply)
	saved.check_permission("read")
	if not saved.is_active:
		frappe.throw(_("This saved reply is no longer in use."))
	text = filled(saved, doc)
	count_uses(saved.name)
	return text


def count_uses(reply: str | int, uses: int = 1) -> None:
	"""In one statement: two officers using the same reply at once both count."""
	table = frappe.qb.DocType("Saved Reply")
	frappe.qb.update(table).set(table.usage_count, table.usage_count + uses).set(
		table.last_used_on, now_datetime()
	).where(table.name == reply).run()


def filled(saved, complaint) -> str:
	language = "en" if complaint.get("language") == "en" and saved.text_en else "ar"
	text = saved.text_en if language == "en" else saved.text_ar
	values = {
		"citizen_name": complaint.complainant_name or _("Citizen", lang=language),
		"tracking_number": isolate(complaint.name) if language == "ar" else complaint.name,
		"deadline": _deadline(complaint, language),
		"unit": record_title(complaint.unit_doctype, complaint.unit, language),
	}
	return text.format_map(values)


def _deadline(complaint, language: str) -> str:
	if not complaint.deadline:
		return ""
	value = format_datetime(complaint.deadline, "dd-MM-yyyy")
	return isolate(value) if language == "ar" else value


def _step_of(fieldname: str) -> str:
	for step, field in STEP_FIELDS.items():
		if field == fieldname:
			return step
	frappe.throw(_("No saved replies are kept for this field."))
