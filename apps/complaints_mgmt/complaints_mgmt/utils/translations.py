"""A translation an administrator saves shows at once, for everyone.

The desk reads its translations from the boot it gets at page load, and Frappe keeps each user's boot
in the cache until they log in again: a Translation saved in the desk (a state's Arabic label, a field's
English label) showed only after the next login. Saving or deleting one drops every user's cached boot,
so the next page anyone loads has it.
"""

import frappe


def refresh_boots(doc=None, method=None) -> None:
	"""Translation on_update and on_trash."""
	frappe.cache.delete_key("bootinfo")
