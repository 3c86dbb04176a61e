"""Complaints the same citizen made twice: found at registration, linked, or merged into one.

Two complaints are possible duplicates when they share the complainant's national ID (compared by its
keyed hash, which is indexed with the category) and the category, and the other one is still open.
Staff may link a complaint to the one it repeats (both stay open), or merge it into the one kept: the
merged complaint is closed and points to the kept one, and both timelines say so.
"""

import frappe
from frappe import _
from frappe.utils import now_datetime

from complaints_mgmt.lifecycle import states
from complaints_mgmt.lifecycle.transitions import is_staff, move_by_system

COMPLAINT = "Complaint"


class DuplicateError(frappe.ValidationError):
	pass


@frappe.whitelist()
def get_possible_duplicates(name: str) -> list[dict]:
	"""Open complaints of the same national ID in the same category that the user may see."""
	doc = frappe.get_doc(COMPLAINT, name)
	doc.check_permission("read")
	if not doc.national_id_hash:
		return []
	return frappe.get_list(
		COMPLAINT,
		filters={
			"national_id_hash": doc.national_id_hash,
			"category": doc.category,
			"name": ("!=", doc.name),
			"status": ("not in", states.FINAL_STATES),
			"merged_into": ("is", "not set"),
		},
		fields=["name", "subject", "status", "received_on", "unit"],
		order_by="received_on asc",
		limit=20,
	)


@frappe.whitelist()
def link_duplicate(name: str, duplicate_of: str) -> None:
	"""Mark `name` as repeating `duplicate_of`; both stay open."""
	doc, original = _pair(name, duplicate_of)
	doc.duplicate_of = original.name
	doc.save()
	doc.add_comment("Info", _("Linked as a duplicate of {0}").format(original.name))
	original.add_comment("Info", _("Complaint {0} was linked as a duplicate of this one").format(doc.name))


@frappe.whitelist()
def merge_into(name: str, target: str) -> None:
	"""Close `name` as merged into `target`, the complaint that is kept."""
	doc, kept = _pair(name, target)
	if doc.status in states.FINAL_STATES:
		frappe.throw(_("Complaint {0} is already closed.").format(doc.name), DuplicateError)
	move_by_system(
		doc,
		states.CLOSED,
		_("Merged into {0}").format(kept.name),
		{"merged_into": kept.name, "duplicate_of": kept.name, "closed_on": now_datetime()},
	)
	kept.add_comment("Info", _("Complaint {0} was merged into this one").format(doc.name))


def _pair(name: str, other: str):
	if not is_staff():
		frappe.throw(_("Only staff link and merge complaints."), frappe.PermissionError)
	if name == other:
		frappe.throw(_("A complaint cannot duplicate itself."), DuplicateError)
	doc = frappe.get_doc(COMPLAINT, name)
	doc.check_permission("write")
	kept = frappe.get_doc(COMPLAINT, other)
	kept.check_permission("read")
	if kept.merged_into:
		frappe.throw(
			_("Complaint {0} was merged into {1}: use that one.").format(kept.name, kept.merged_into),
			DuplicateError,
		)
	return doc, kept
