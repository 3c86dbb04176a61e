"""The desk's search of District and Village link fields (hooks.standard_queries): what an agent types
on the hotline, in Arabic or English and in any common spelling, finds the place."""

import frappe

from complaints_mgmt.places.matching import place_index
from complaints_mgmt.places.normalise import normalise

PARENT_FIELD = {"District": "governorate", "Village": "district"}


@frappe.whitelist()
@frappe.validate_and_sanitize_search_inputs
def search_places(doctype, txt, searchfield, start, page_len, filters, **kwargs):
	parent = PARENT_FIELD[doctype]
	filters = filters or {}
	key = normalise(txt)
	if not key:
		return frappe.get_list(
			doctype,
			filters=filters,
			fields=["name", parent],
			order_by="name asc",
			limit_start=start,
			limit_page_length=page_len,
			as_list=True,
		)
	ranked = _names_for(key, doctype)
	if not ranked:
		return []
	rows = frappe.get_list(
		doctype, filters=_with_names(doctype, filters, ranked), fields=["name", parent], as_list=True
	)
	rows = sorted(rows, key=lambda row: (ranked[row[0]], row[0]))
	return rows[start : start + page_len]


def _names_for(key: str, doctype: str) -> dict[str, int]:
	"""{place name: rank}: 0 for a name or alias that starts with the text, 1 for one that holds it."""
	ranked: dict[str, int] = {}
	for indexed, places in place_index().items():
		rank = 0 if indexed.startswith(key) else 1 if key in indexed else None
		if rank is None:
			continue
		for _governorate, district, village in places:
			name = village if doctype == "Village" else district
			if name and (doctype == "Village" or not village):
				ranked[name] = min(rank, ranked.get(name, rank))
	return ranked


def _with_names(doctype: str, filters, names) -> dict | list:
	if isinstance(filters, dict):
		return {**filters, "name": ("in", list(names))}
	return [*filters, [doctype, "name", "in", list(names)]]
