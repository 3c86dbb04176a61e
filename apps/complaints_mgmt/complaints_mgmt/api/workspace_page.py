"""A workspace page with its cards' and charts' records (hook `override_whitelisted_methods`).

Frappe's workspace asks for the page, then for each number card and each chart a `getdoc` of its record,
then (for a chart of a custom source) the source's script, then the figures: about 35 requests for the
twelve widgets of a manager's workspace, which took 4 to 6 s to show on a busy machine
(docs/PERFORMANCE.md). The page now carries the records the reader may see, each with its source's
script, and public/js/desk.js hands them to the widgets: the requests left are the figures'.
"""

import frappe
from frappe.desk import desktop
from frappe.desk.doctype.dashboard_chart_source.dashboard_chart_source import get_config


@frappe.whitelist()
def get_desktop_page(page):
	result = desktop.get_desktop_page(page)
	docs = []
	for doctype, items, field in (
		("Number Card", (result.get("number_cards") or {}).get("items", []), "number_card_name"),
		("Dashboard Chart", (result.get("charts") or {}).get("items", []), "chart_name"),
	):
		for item in items:
			name = item.get(field)
			if not name or not frappe.db.exists(doctype, name):
				continue
			doc = frappe.get_doc(doctype, name)
			if not doc.has_permission("read"):
				continue
			record = doc.as_dict()
			record["__workspace_preloaded"] = 1
			if doctype == "Dashboard Chart" and doc.chart_type == "Custom" and doc.source:
				record["__source_config"] = get_config(doc.source)
			docs.append(record)
	if docs:
		frappe.response.docs = docs
	return result
