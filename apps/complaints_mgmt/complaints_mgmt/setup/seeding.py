"""Editable defaults are made once.

Install and migrate make the defaults that administrators then own: the notifications, the SLA
policies, the escalation levels, the portal's default role. Each is made the first time only. A
default the administrator renamed, deleted or emptied stays that way after every migrate (recreated by
name, a renamed notification would send its message twice), and a default an update of the app adds is
made by the next migrate. Which defaults a site has had is kept in Frappe's DefaultValue table under a
parent of its own, apart from the site's and the users' defaults.
"""

from collections.abc import Callable

import frappe

SEEDED = "__complaints_mgmt_seeded"


def seed_once(key: str, create: Callable[[], object]) -> bool:
	"""Call `create` (which makes the default unless it finds it there) unless the default `key` was
	made on this site before; True when it was called."""
	if was_seeded(key):
		return False
	create()
	mark_seeded(key)
	return True


def was_seeded(key: str) -> bool:
	return bool(frappe.db.get_default(key, parent=SEEDED))


def mark_seeded(*keys: str) -> None:
	for key in keys:
		frappe.db.set_default(key, "1", parent=SEEDED)


def forget_seeded(*keys: str) -> None:
	"""Make the defaults `keys` again on the next migrate (when an administrator asks for them back)."""
	for key in keys:
		frappe.defaults.clear_default(key, parent=SEEDED)
