"""Reading a record of settings in one query, for requests that read many of its fields.

`frappe.db.get_single_value` reads one field per query and keeps it in `frappe.db.value_cache` for
the rest of the request. A portal look-up read nine fields of two settings records that way, nine
queries out of about twenty. `prefetch` fills the same cache with every field of a record in one query
and casts each value as `get_single_value` would, so callers keep calling `get_single_value` and get
the same values. Frappe drops the record's cache on each write of it (`set_single_value`, a save),
so nothing is served that a write in the request has changed.
"""

import frappe
from frappe.model import no_value_fields
from frappe.utils import cast

_WHOLE = "__complaints_mgmt_prefetched__"  # marks a record whose every field is in the cache


def prefetch(*doctypes: str) -> None:
	for doctype in doctypes:
		cached = frappe.db.value_cache.setdefault(doctype, {})
		if cached.get(_WHOLE):
			continue
		stored = dict(frappe.db.sql("select field, value from `tabSingles` where doctype=%s", doctype))
		for df in frappe.get_meta(doctype).fields:
			if df.fieldtype not in no_value_fields and df.fieldname not in cached:
				cached[df.fieldname] = cast(df.fieldtype, stored.get(df.fieldname))
		cached[_WHOLE] = True
