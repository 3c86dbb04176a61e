"""Complaints administrators customise the app's DocTypes, and only those.

They add fields to Complaint (and the other DocTypes of the app) with Customize Form, to put them on the
citizen's form (citizen_form.py) or to keep more in the desk. Frappe's Customize Form reaches every
DocType of the site, users and permissions included: a user who is not a System Manager may change only
the app's own (its module), and is told so in their language.

A field labelled in Arabic gets a Latin field name (`custom_rqm_albtaqa`, not `custom_رقم_البطاقة`):
field names are what REST, reports, print formats and exports carry, and are typed in code and URLs.
"""

import re

import frappe
from frappe import _

APP_MODULE = "Complaints"
# Arabic letters in Latin, for field names (diacritics and tatweel are dropped)
_LATIN = str.maketrans(
	{
		**dict.fromkeys("اأإآٱءئؤ", "a"),
		"ب": "b",
		"ت": "t",
		"ث": "th",
		"ج": "g",
		"ح": "h",
		"خ": "kh",
		"د": "d",
		"ذ": "dh",
		"ر": "r",
		"ز": "z",
		"س": "s",
		"ش": "sh",
		"ص": "s",
		"ض": "d",
		"ط": "t",
		"ظ": "z",
		"ع": "a",
		"غ": "gh",
		"ف": "f",
		"ق": "q",
		"ك": "k",
		"ل": "l",
		"م": "m",
		"ن": "n",
		"ه": "h",
		"ة": "a",
		"و": "w",
		"ي": "y",
		"ى": "a",
		**{chr(0x0660 + d): str(d) for d in range(10)},
	}
)


class CustomizationOutsideAppError(frappe.PermissionError):
	pass


def keep_custom_field_to_app(doc, method=None) -> None:
	"""Custom Field validate."""
	_check(doc.dt)


def keep_property_setter_to_app(doc, method=None) -> None:
	"""Property Setter validate."""
	_check(doc.doc_type)


def _check(doctype: str | None) -> None:
	if not doctype or frappe.flags.in_install or frappe.flags.in_migrate or frappe.flags.in_patch:
		return
	if "System Manager" in frappe.get_roles() or frappe.session.user == "Administrator":
		return
	if frappe.db.get_value("DocType", doctype, "module") != APP_MODULE:
		frappe.throw(
			_("You may customise the complaints system's own forms only; {0} is not one of them.").format(
				_(doctype)
			),
			CustomizationOutsideAppError,
		)


def latin_fieldname(doc, method=None) -> None:
	"""Custom Field before_insert: a field name in Latin letters, digits and underscores."""
	if not doc.fieldname or doc.fieldname.isascii():
		return
	letters = re.sub(r"[\u064b-\u065f\u0670\u0640]", "", doc.fieldname)  # diacritics, tatweel
	name = re.sub(r"[^a-z0-9_]+", "_", letters.translate(_LATIN).lower()).strip("_")
	name = re.sub(r"_+", "_", name)
	if not name.startswith("custom_"):
		name = f"custom_{name}" if name and name != "custom" else "custom_field"
	taken = set(frappe.get_all("Custom Field", filters={"dt": doc.dt}, pluck="fieldname"))
	taken.update(df.fieldname for df in frappe.get_meta(doc.dt).fields)
	unique, n = name, 1
	while unique in taken:
		n += 1
		unique = f"{name}_{n}"
	doc.fieldname = unique
