"""The citizen portal's defaults: created when missing, never overwritten.

- Citizen Portal Settings: every setting the site has never stored gets the DocType's default (a
  Single keeps no defaults until it is first saved, and a setting added by an app update has none on a
  site that saved the form before), so limits and texts hold from the first request.
- Portal Settings: people who sign up on the website get the Citizen role, set once (setup/seeding.py):
  another default role the administrator chose, or none, stays.
"""

import frappe

from complaints_mgmt.setup.seeding import seed_once
from complaints_mgmt.setup.workflow import CITIZEN

PORTAL_SETTINGS = "Citizen Portal Settings"
DEFAULT_ROLE_KEY = "Portal Settings:default_role"


def ensure_portal_defaults() -> None:
	ensure_single_defaults(PORTAL_SETTINGS)
	seed_once(DEFAULT_ROLE_KEY, _citizens_sign_up_as_citizens)


def _citizens_sign_up_as_citizens() -> None:
	if not frappe.db.get_single_value("Portal Settings", "default_role"):
		frappe.db.set_single_value("Portal Settings", "default_role", CITIZEN)


def ensure_single_defaults(doctype: str) -> None:
	"""Store the default of each field of the Single `doctype` that has never been stored."""
	singles = frappe.qb.Table("tabSingles")
	stored = set(
		frappe.qb.from_(singles).select(singles.field).where(singles.doctype == doctype).run(pluck=True)
	)
	for df in frappe.get_meta(doctype).fields:
		if df.default is not None and df.default != "" and df.fieldname not in stored:
			frappe.db.set_single_value(doctype, df.fieldname, df.default)
