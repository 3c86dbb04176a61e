"""Master data is loaded in bulk with Frappe's Data Import, by the complaints administrators.

A ministry with 2,600 social units, their officers, places, categories and routing rules loads them from
spreadsheets. The master-data DocTypes allow import, and their import permission is given to the
Complaints Administrator (in their DocType files); Frappe's Data Import itself is for system managers
only, so the role gets it once per site, as an editable default: an administrator who takes it away
in the Role Permission Manager keeps it that way.
"""

import frappe
from frappe.permissions import add_permission, update_permission_property

from complaints_mgmt.setup.seeding import seed_once

ROLE = "Complaints Administrator"
DATA_IMPORT = "Data Import"
SEED_KEY = "data_import_for_complaints_administrators"


def allow_data_import() -> None:
	"""after_install and after_migrate: the Complaints Administrator may use Data Import (once)."""
	seed_once(SEED_KEY, _grant)


def _grant() -> None:
	if frappe.db.exists("Custom DocPerm", {"parent": DATA_IMPORT, "role": ROLE}):
		return
	add_permission(DATA_IMPORT, ROLE)  # read
	for ptype in ("write", "create", "delete"):
		update_permission_property(DATA_IMPORT, ROLE, 0, ptype, 1, validate=False)
	frappe.clear_cache(doctype=DATA_IMPORT)
