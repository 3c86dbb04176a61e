"""The citizen's form as an editable default (portal/citizen_form.py), and its editors.

The Web Form is made from defaults/file_a_complaint.json when the site has none; an app update never
overwrites the administrator's form. The Complaints Administrator may edit Web Forms, and add fields to
the app's DocTypes with Customize Form (complaints/customization.py keeps them to the app's DocTypes). Given once
per site: an administrator who takes a permission away in the Role Permission Manager keeps it that way.
"""

import json
import os

import frappe
from frappe.permissions import add_permission, update_permission_property

from complaints_mgmt.portal.citizen_form import CITIZEN_FORM
from complaints_mgmt.setup.seeding import seed_once

ROLE = "Complaints Administrator"
WEB_FORM = "Web Form"
SEED_KEY = "web_form_for_complaints_administrators"
# What the role may do, by DocType (read is given with the permission)
EDITOR_RIGHTS = {
	WEB_FORM: ("write",),
	"Customize Form": ("write", "create"),
	"Custom Field": ("write", "create", "delete"),
	"Property Setter": ("write", "create", "delete"),
}
DEFAULT_FORM = os.path.join(os.path.dirname(__file__), "defaults", "file_a_complaint.json")


def ensure_citizen_form() -> None:
	"""after_install and after_migrate: the citizen's form when missing, and who may edit it."""
	if not frappe.db.exists(WEB_FORM, CITIZEN_FORM):
		with open(DEFAULT_FORM, encoding="utf-8") as f:
			form = json.load(f)
		for key in ("creation", "modified", "modified_by", "owner"):
			form.pop(key, None)
		frappe.get_doc({**form, "is_standard": 0}).insert(ignore_permissions=True)
	seed_once(SEED_KEY, _grant)


def make_citizen_form_editable() -> None:
	"""Sites made before: the standard record becomes the administrator's, as it is."""
	frappe.db.set_value(WEB_FORM, CITIZEN_FORM, "is_standard", 0, update_modified=False)
	frappe.clear_document_cache(WEB_FORM, CITIZEN_FORM)


def _grant() -> None:
	for doctype, rights in EDITOR_RIGHTS.items():
		if frappe.db.exists("Custom DocPerm", {"parent": doctype, "role": ROLE}):
			continue
		add_permission(doctype, ROLE)  # read
		for ptype in rights:
			update_permission_property(doctype, ROLE, 0, ptype, 1, validate=False)
		frappe.clear_cache(doctype=doctype)
