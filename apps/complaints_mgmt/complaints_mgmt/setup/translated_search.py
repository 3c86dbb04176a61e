"""Workflow actions and states are found by the words the reader sees.

An administrator adding a transition in the Workflow form types "رفض" in its Action field and finds
nothing: link fields search record names, in English. Frappe searches a DocType marked "Translated
DocType" by its translated names; Workflow Action Master and Workflow State are marked so, once per
site, with Customize Form's own setting (an administrator may untick it).
"""

from frappe.custom.doctype.property_setter.property_setter import make_property_setter

from complaints_mgmt.setup.seeding import seed_once

TRANSLATED_SEARCH = ("Workflow Action Master", "Workflow State")
SEED_KEY = "translated_search_of_workflow_names"


def ensure_translated_search() -> None:
	"""after_install and after_migrate (once)."""
	seed_once(SEED_KEY, _mark_translated)


def _mark_translated() -> None:
	for doctype in TRANSLATED_SEARCH:
		make_property_setter(
			doctype,
			None,
			"translated_doctype",
			1,
			"Check",
			for_doctype=True,
			validate_fields_for_doctype=False,
		)
