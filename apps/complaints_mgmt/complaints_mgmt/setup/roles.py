"""Roles a complaints system does not use are not offered on the user form.

Frappe makes sales, purchase and accounts roles for the permissions of its contacts, addresses and
currencies; the user form lists them beside the app's roles, and an administrator giving an officer
their roles reads "Sales User" and "Purchase Manager". They are disabled once per site, when no user
but Administrator (who is given every role) holds them: the user form lists enabled roles only. An administrator may enable one again (Role form).
"""

import frappe

from complaints_mgmt.setup.seeding import seed_once

UNUSED_FRAPPE_ROLES = (
	"Sales User",
	"Sales Manager",
	"Sales Master Manager",
	"Purchase User",
	"Purchase Manager",
	"Purchase Master Manager",
	"Accounts User",
	"Accounts Manager",
	"Maintenance User",
	"Maintenance Manager",
	"Stock User",
	"Stock Manager",
)
SEED_KEY = "unused_frappe_roles_disabled"


def hide_unused_frappe_roles() -> None:
	"""after_install and after_migrate (once)."""
	seed_once(SEED_KEY, _disable_unheld_roles)


def _disable_unheld_roles() -> None:
	for role in frappe.get_all("Role", {"name": ("in", UNUSED_FRAPPE_ROLES), "disabled": 0}, pluck="name"):
		holders = {"role": role, "parenttype": "User", "parent": ("not in", ("Administrator", "Guest"))}
		if not frappe.db.exists("Has Role", holders):
			frappe.db.set_value("Role", role, "disabled", 1)
