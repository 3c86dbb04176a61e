"""Mandatory fields of a complaint: one clear error naming them, and none a channel cannot fill.

Complaints arrive from the desk, REST, the citizen portal, the central-system sync and Open311. The
portal's web form and the sync send the fields they know; a field an administrator makes mandatory
without a default value would make every complaint from them fail. So such a field is refused when it
is made mandatory (Customize Form, Custom Field, Property Setter), with what to do instead: give it a
default value, or make it mandatory only where staff fill it in (Mandatory Depends On).

Frappe's own check of mandatory fields names them by fieldname in its exception, which REST, the portal
and the sync would pass on as it is; `require_filled_fields` runs first and names them by label.
"""

import frappe
from frappe import _
from frappe.utils import cint

from complaints_mgmt.intake.submission import InvalidSubmissionError

COMPLAINT = "Complaint"


class MissingFieldsError(InvalidSubmissionError):
	"""Mandatory fields without a value; over /api/resource the status of Frappe's own (417)."""

	http_status_code = frappe.MandatoryError.http_status_code


def require_filled_fields(doc, method=None) -> None:
	"""Complaint before_save: every mandatory field has a value, or an error naming all that have none."""
	if doc.flags.ignore_mandatory:
		return
	missing = [fieldname for fieldname, _message in doc._get_missing_mandatory_fields()]
	if missing:
		labels = ", ".join(_(doc.meta.get_label(fieldname)) for fieldname in missing)
		raise MissingFieldsError(
			_("Please fill in the required fields: {0}").format(labels), missing[0], "missing"
		)


def check_custom_field(doc, method=None) -> None:
	"""Custom Field validate: a mandatory field added to Complaint needs a default or a condition."""
	if doc.dt == COMPLAINT and doc.reqd and not _fillable(doc.default, doc.mandatory_depends_on):
		_refuse(doc.label or doc.fieldname)


def check_property_setter(doc, method=None) -> None:
	"""Property Setter validate: the same for a field of Complaint made mandatory in Customize Form."""
	if doc.doc_type != COMPLAINT or doc.property != "reqd" or not cint(doc.value) or not doc.field_name:
		return
	if frappe.db.get_value("DocField", {"parent": COMPLAINT, "fieldname": doc.field_name}, "reqd"):
		return  # mandatory in the app itself: every channel fills it
	df = frappe.get_meta(COMPLAINT).get_field(doc.field_name)
	if df and not _fillable(df.default, df.mandatory_depends_on):
		_refuse(df.label or doc.field_name)


def _fillable(default, condition) -> bool:
	return bool(str(default or "").strip() or str(condition or "").strip())


def _refuse(label: str) -> None:
	frappe.throw(
		_(
			"{0} cannot be mandatory without a default value: complaints also arrive from the citizen "
			"portal, the central-system sync and Open311, which do not send it, and every one of them "
			"would be refused. Give it a default value, or make it mandatory only where staff fill it in "
			"(Mandatory Depends On)."
		).format(_(label)),
		title=_("A Field Every Channel Must Fill"),
	)
