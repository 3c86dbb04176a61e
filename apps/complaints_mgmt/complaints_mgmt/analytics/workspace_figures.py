"""What a workspace page carries for its reader: the number cards' and charts' records they may read, the
reader's dashboard settings, and the figures each widget is about to ask for (the same whitelisted method
with the same arguments, computed as the reader: their permissions, nothing cached).

Frappe's workspace asks for the page, then for each number card and each chart a `getdoc` of its record,
then (for a chart of a custom source) the source's script, then the user's dashboard settings, then the
figures: about 35 requests for the twelve widgets of a manager's workspace (docs/PERFORMANCE.md).
api/workspace_page.py puts what this module computes in the page; public/js/desk.js hands it to the
widgets. A widget whose arguments the page cannot know in advance (a filter the reader saved on a chart, a
card's filter with an expression other than today's date or the time) asks Frappe as before.
"""

import datetime
import json
import re

import frappe
from frappe.desk.doctype.dashboard_chart_source.dashboard_chart_source import get_config
from frappe.utils import convert_utc_to_timezone, get_system_timezone

from complaints_mgmt.utils.messages import withdrawn_on_error

# What Frappe's own chart of a document type asks for its figures (chart_widget.js)
DOCUMENT_CHART_METHOD = "frappe.desk.doctype.dashboard_chart.dashboard_chart.get"
# What a number card of a document type asks (number_card_widget.js); keyed by the card's name, as the
# desk sends the whole card with it
DOCUMENT_CARD_METHOD = "frappe.desk.doctype.number_card.number_card.get_result"
# What a shortcut with a count asks (frappe.db.count)
COUNT_METHOD = "frappe.desk.reportview.get_count"

# A custom chart source's script names the method that computes its figures
SOURCE_METHOD = re.compile(r"""\bmethod\s*:\s*["']([\w.]+)["']""")


def readable_widgets(page: dict) -> tuple[list, list]:
	"""The page's number cards and charts: Frappe's page lists only those whose records the reader may
	read (Workspace.get_number_cards and get_charts ask frappe.has_permission for each)."""
	found = []
	for doctype, items, field in (
		("Number Card", (page.get("number_cards") or {}).get("items", []), "number_card_name"),
		("Dashboard Chart", (page.get("charts") or {}).get("items", []), "chart_name"),
	):
		docs = []
		for name in filter(None, (item.get(field) for item in items)):
			try:
				# Frappe's page has just read each of them (its permission check): from the document cache
				docs.append(frappe.get_cached_doc(doctype, name))
			except frappe.DoesNotExistError:
				frappe.clear_last_message()
		found.append(docs)
	return found[0], found[1]


def widget_record(doc) -> dict:
	record = doc.as_dict()
	record["__workspace_preloaded"] = 1
	if doc.doctype == "Dashboard Chart" and doc.chart_type == "Custom" and doc.source:
		record["__source_config"] = source_script(doc.source)
	return record


def source_script(source: str) -> str | None:
	"""A custom chart source's script (its record and file read once a request: the chart's record and
	its figures both need it)."""
	return frappe.local_cache("complaints_mgmt.chart_source_scripts", source, lambda: get_config(source))


def dashboard_settings() -> dict | None:
	"""The reader's dashboard settings as the desk reads them (dashboard_utils.get_dashboard_settings)."""
	settings = frappe.get_list("Dashboard Settings", filters={"name": frappe.session.user}, fields=["*"])
	return settings[0] if settings else None


def widget_figures(cards: list, charts: list, shortcuts: dict | None, settings: dict | None) -> list[dict]:
	"""Each widget's figures as its own request would answer them now, for this reader."""
	chart_config = frappe.parse_json((settings or {}).get("chart_config") or "{}") or {}
	requests = [card_request(card) for card in cards]
	requests += [chart_request(chart, chart_config.get(chart.name) or {}) for chart in charts]
	requests += [count_request(item) for item in (shortcuts or {}).get("items", [])]
	figures = []
	for method, args in filter(None, requests):
		answered, result = answer(method, args)
		if answered:
			key_args = {"doc": args["doc"]["name"]} if method == DOCUMENT_CARD_METHOD else args
			figures.append({"method": method, "args": key_args, "result": result})
	return figures


def card_request(card) -> tuple[str, dict] | None:
	filters = evaluated_filters(card)
	if filters is _UNKNOWN:
		return None
	if card.type == "Custom" and card.method:
		return card.method, {"filters": filters}
	if card.type in (None, "", "Document Type"):
		return DOCUMENT_CARD_METHOD, {"doc": card.as_dict(), "filters": filters}
	return None  # a report's card runs the report: as Frappe does


def chart_request(chart, settings: dict) -> tuple[str, dict] | None:
	if chart.chart_type == "Report":
		return None
	if chart.chart_type == "Custom":
		found = SOURCE_METHOD.search(source_script(chart.source) or "") if chart.source else None
		if not found:
			return None
		method = found.group(1)
	else:
		method = DOCUMENT_CHART_METHOD
	filters = settings.get("filters") or evaluated_filters(chart)
	if filters is _UNKNOWN:
		return None
	# the arguments of ChartWidget.fetch_and_update_chart on its first draw
	return method, {
		"chart_name": chart.name,
		"filters": filters,
		"refresh": 1,
		"time_interval": settings.get("time_interval"),
		"timespan": settings.get("timespan"),
		"from_date": settings.get("from_date"),
		"to_date": settings.get("to_date"),
		"heatmap_year": settings.get("heatmap_year"),
	}


def count_request(shortcut: dict) -> tuple[str, dict] | None:
	if shortcut.get("type") != "DocType" or shortcut.get("doc_view") == "New":
		return None
	try:
		filters = json.loads(shortcut.get("stats_filter") or "null")
	except ValueError:
		return None  # an expression the desk evaluates: as Frappe does
	if not filters:
		return None
	doctype = shortcut.get("link_to")
	distinct = isinstance(filters, list) and any(f[0] != doctype for f in filters)
	return COUNT_METHOD, {"doctype": doctype, "filters": filters, "fields": [], "distinct": distinct}


_UNKNOWN = object()


def evaluated_filters(doc):
	"""A card's or chart's filters as frappe.dashboard_utils.get_all_filters makes them in the desk: its
	filters with its dynamic ones evaluated. _UNKNOWN when a dynamic filter is an expression other than
	today's date or the time."""
	filters = frappe.parse_json(doc.filters_json) if doc.filters_json else None
	dynamic = frappe.parse_json(doc.dynamic_filters_json) if doc.dynamic_filters_json else None
	if not dynamic:
		return filters
	if isinstance(dynamic, list):
		evaluated = [[*f[:3], desk_value(f[3]), *f[4:]] for f in dynamic]
		if any(f[3] is _UNKNOWN for f in evaluated):
			return _UNKNOWN
		return [*(filters or []), *evaluated]
	evaluated = {key: desk_value(value) for key, value in dynamic.items()}
	if _UNKNOWN in evaluated.values():
		return _UNKNOWN
	return {**(filters or {}), **evaluated}


def desk_value(expression: str):
	"""The value the desk gives a dynamic filter's expression, in the reader's time zone as
	frappe.datetime does; _UNKNOWN for any other expression."""
	expression = (expression or "").strip()
	if expression not in (
		"frappe.datetime.now_datetime()",
		"frappe.datetime.nowdate()",
		"frappe.datetime.get_today()",
	):
		return _UNKNOWN
	time_zone = frappe.get_cached_value("User", frappe.session.user, "time_zone") or get_system_timezone()
	now = convert_utc_to_timezone(datetime.datetime.now(datetime.timezone.utc), time_zone)
	if expression == "frappe.datetime.now_datetime()":
		return now.strftime("%Y-%m-%d %H:%M:%S")
	return now.strftime("%Y-%m-%d")


def answer(method: str, args: dict) -> tuple[bool, object]:
	"""What the desk's request for `method` with `args` would answer, as the reader (the method an app
	overrides it with, whitelisted); (False, None) when it fails or a server script answers it: the widget
	then asks itself, and sees the error it always did."""
	from frappe.core.doctype.server_script.server_script_utils import get_server_script_map
	from frappe.handler import get_attr

	for hook in reversed(frappe.get_hooks("override_whitelisted_methods", {}).get(method, [])):
		method = hook
		break
	if get_server_script_map().get("_api", {}).get(method):
		return False, None
	# the arguments as the request carries them (frappe.request.prepare, then a form): some methods read
	# them from frappe.form_dict
	form = frappe._dict({key: as_sent(value) for key, value in args.items()})
	page_form = frappe.local.form_dict
	frappe.local.form_dict = form
	try:
		with withdrawn_on_error():  # the widget's own request shows its error, not the page
			fn = get_attr(method)
			frappe.is_whitelisted(fn)
			return True, frappe.call(fn, **form)
	except Exception:
		return False, None
	finally:
		frappe.local.form_dict = page_form


def as_sent(value) -> str:
	if isinstance(value, dict | list):
		return frappe.as_json(value, indent=None, separators=(",", ":"))
	if isinstance(value, bool):
		return "true" if value else "false"
	return "" if value is None else str(value)
