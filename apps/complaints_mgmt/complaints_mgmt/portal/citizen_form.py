"""The citizen's form (/file-a-complaint): a Web Form the complaints administrators edit in the desk.

The Web Form record is an editable default (setup/citizen_form.py makes it when missing; an app update
never overwrites it), so an administrator adds a field made with Customize Form, orders the fields,
makes one required and removes one, without a developer. Labels are translated as every label is: the
field's label in one language, its Translation in the other.

The record decides what a citizen may fill in, and only within what a citizen may ever set:

- the complaint's own citizen fields (citizen_input.CITIZEN_FIELDS), and
- the custom fields of Complaint an administrator put on the form.

A field of the app's own that staff keep (status, routing, the central system's reference...) cannot be
put on the form, and one the form does not show is not taken from a citizen's request. The fields the
complaint cannot be filed without, and those the form's script works with, stay on the form.
"""

import frappe
from frappe import _
from frappe.model import no_value_fields

from complaints_mgmt.portal.citizen_input import CITIZEN_FIELDS, GUEST_IDENTITY_FIELDS, REQUIRED_FIELDS

CITIZEN_FORM = "file-a-complaint"
COMPLAINT = "Complaint"
ATTACHMENTS_FIELD = "attachments"
# On the form whatever the administrator does: the complaint needs them, or the form's script does.
KEPT_FIELDS = (*REQUIRED_FIELDS, "complainant_name", *GUEST_IDENTITY_FIELDS, "district", ATTACHMENTS_FIELD)
# Required on the form whatever the administrator does (national ID and mobile: for guests, by the script).
KEPT_REQUIRED = (*REQUIRED_FIELDS, "complainant_name")


class CitizenFormError(frappe.ValidationError):
	pass


def form_fields() -> tuple[str, ...]:
	"""The fields the citizen's form shows that a citizen may fill in, in the form's order."""
	rows = _form_rows()
	return tuple(row.fieldname for row in rows if _has_value(row) and may_fill(row.fieldname))


def added_fields() -> tuple[str, ...]:
	"""The custom fields of Complaint an administrator put on the citizen's form."""
	return tuple(fieldname for fieldname in form_fields() if fieldname not in CITIZEN_FIELDS)


def required_added_fields() -> tuple[str, ...]:
	return tuple(row.fieldname for row in _form_rows() if row.reqd and row.fieldname in added_fields())


def may_fill(fieldname: str) -> bool:
	"""A citizen may set the complaint's citizen fields and the custom fields of Complaint."""
	if fieldname in CITIZEN_FIELDS:
		return True
	df = frappe.get_meta(COMPLAINT).get_field(fieldname)
	return bool(df and df.get("is_custom_field") and df.fieldtype not in no_value_fields)


def check_citizen_form(doc, method=None) -> None:
	"""Web Form validate: the citizen's form files complaints, shows only fields a citizen may fill in,
	and keeps the fields a complaint needs."""
	if doc.name != CITIZEN_FORM:
		return
	if doc.doc_type != COMPLAINT:
		frappe.throw(_("The citizen's form files complaints: its DocType stays Complaint."), CitizenFormError)
	meta = frappe.get_meta(COMPLAINT)
	rows = {row.fieldname: row for row in doc.web_form_fields if row.fieldname}
	staff_only = [
		row
		for row in doc.web_form_fields
		if row.fieldname
		and _has_value(row)
		and row.fieldname != ATTACHMENTS_FIELD
		and not may_fill(row.fieldname)
	]
	if staff_only:
		frappe.throw(
			_(
				"{0} cannot be on the citizen's form: staff or the system set it. A citizen may fill in the complaint's own citizen fields and fields you add to Complaint with Customize Form."
			).format(", ".join(_(row.label or meta.get_label(row.fieldname)) for row in staff_only)),
			CitizenFormError,
		)
	missing = [fieldname for fieldname in KEPT_FIELDS if fieldname not in rows]
	not_required = [
		fieldname for fieldname in KEPT_REQUIRED if fieldname in rows and not rows[fieldname].reqd
	]
	if missing or not_required:
		frappe.throw(
			_("The citizen's form must keep {0}, and keep them required where they are.").format(
				", ".join(_label(meta, fieldname) for fieldname in (*missing, *not_required))
			),
			CitizenFormError,
		)


def _label(meta, fieldname: str) -> str:
	return _("Attachments") if fieldname == ATTACHMENTS_FIELD else _(meta.get_label(fieldname))


def _form_rows() -> list:
	if not frappe.db.exists("Web Form", CITIZEN_FORM):
		return []
	return frappe.get_cached_doc("Web Form", CITIZEN_FORM).web_form_fields


def _has_value(row) -> bool:
	return bool(row.fieldname) and row.fieldtype not in no_value_fields
