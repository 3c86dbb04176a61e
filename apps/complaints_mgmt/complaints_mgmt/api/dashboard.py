"""Figures for the Complaints workspace: custom number cards and custom dashboard chart sources.

Each figure is computed in the database for the viewer's own scope (analytics.ComplaintQuery), on every
load: nothing is cached between users. Counts with filters are plain Document Type number cards, which
apply the same permission conditions through frappe.get_list. Charts are all custom sources: Frappe 15's
Group By charts keep their last result under the chart's name for every user (utils/dashboard.py
cache_source) and show the stored values untranslated.

Who sees the figures: those who may run the complaint reports (their Report roles: Complaints Manager and
Administrator, Quality Reviewer, Directorate Head and Liaison Officer, each in their own scope), as the
workspace's charts (their roles). A call center agent or an appeals board member reads complaints but gets
no statistics: the custom cards answer them `not_permitted` (desk.js hides such a card), the charts
nothing, and neither raises, so a workspace load logs no error.
"""

import frappe
from frappe import _
from frappe.utils import add_days, cint, format_date, getdate, now_datetime

from complaints_mgmt.analytics.queries import ComplaintQuery, not_set, processing_time_label

# The window the workspace's duration figures look back over, in days.
RECENT_DAYS = 30
TREND_DAYS = 30
DISTRIBUTION_DAYS = 90

# Keys a card or chart filter may narrow by (those a report filter takes).
_FILTER_KEYS = ("governorate", "directorate", "social_unit", "category", "channel")

# What the Complaint Counts chart source may group by, and how many groups it shows before "Other".
COUNT_GROUPS = ("status", "governorate", "directorate", "category", "channel")
SHOWN_GROUPS = 30  # every governorate (27) and category


def _filters(filters: str | dict | list | None) -> frappe._dict:
	"""Filters as a dict. A list ([doctype, field, operator, value]) is what a desk user may have saved
	for a chart before it was a custom one: its equality conditions are kept, the rest dropped."""
	given = frappe.parse_json(filters) if filters else {}
	if isinstance(given, list):
		given = {f[1]: f[3] for f in given if isinstance(f, list) and len(f) >= 4 and f[2] == "="}
	return frappe._dict(given if isinstance(given, dict) else {})


# The report whose roles are those of the workspace's figures (all complaint reports have the same roles).
STATISTICS_REPORT = "Complaints Analysis"

# A custom card's answer to a viewer without statistics; desk.js hides the card.
NOT_PERMITTED = {"value": None, "not_permitted": 1}


def may_see_statistics() -> bool:
	"""Whether the session user may see complaint figures (in their own scope, ComplaintQuery)."""
	if not frappe.has_permission("Complaint", "report"):
		return False
	return frappe.get_cached_doc("Report", STATISTICS_REPORT).is_permitted()


def _empty_chart() -> dict:
	return _chart([])


def _chart(labels: list, *datasets: tuple[str, list]) -> dict:
	"""A chart source's answer: its labels, and a dataset for each (name, values)."""
	return {"labels": labels, "datasets": [{"name": name, "values": values} for name, values in datasets]}


def _closed_recently(filters: str | dict | list | None, measures: tuple[str, ...]) -> frappe._dict:
	"""The totals of `measures` over the complaints finished in the last RECENT_DAYS days."""
	since = add_days(getdate(now_datetime()), -RECENT_DAYS)
	return _query(filters, closed_from_date=since).totals(measures)


def _recent_card(
	filters: str | dict | list | None, measures: tuple[str, ...], figure: str, report: str, **shown
) -> dict:
	"""A custom number card's answer: `figure` of the totals of `measures` over the complaints finished
	in the last RECENT_DAYS days, shown as `shown` says (fieldtype, precision), opening `report`. The
	value is None when nothing was measured: desk.js shows "—", not 0."""
	if not may_see_statistics():
		return NOT_PERMITTED
	totals = _closed_recently(filters, measures)
	return {"value": totals.get(figure), **shown, "route": ["query-report", report]}


def _query(filters: str | dict | list | None, **period) -> ComplaintQuery:
	frappe.has_permission("Complaint", "report", throw=True)  # callers check may_see_statistics first
	given = _filters(filters)
	narrowed = {key: given[key] for key in _FILTER_KEYS if given.get(key)}
	return ComplaintQuery({**narrowed, **period})


@frappe.whitelist()
def sla_compliance(filters: str | dict | list | None = None) -> dict:
	"""Share of the complaints finished in the last 30 days that finished by their deadline."""
	measures = ("sla_measured", "sla_met")
	return _recent_card(filters, measures, "sla_compliance", "SLA Compliance", fieldtype="Percent")


@frappe.whitelist()
def average_days_to_close(filters: str | dict | list | None = None) -> dict:
	"""Average days from receipt to closing, over the complaints closed in the last 30 days."""
	measures = ("close_count", "close_seconds")
	return _recent_card(
		filters, measures, "avg_days_to_close", "Complaints Analysis", fieldtype="Float", precision=1
	)


@frappe.whitelist()
def daily_trend(filters: str | dict | list | None = None) -> dict:
	"""Complaints received and finished on each of the last 30 days."""
	if not may_see_statistics():
		return _empty_chart()
	trend = _query(filters).daily(TREND_DAYS)
	return _chart(
		[format_date(day) for day in trend["dates"]],
		(_("Received"), trend["received"]),
		(_("Closed or Rejected"), trend["finished"]),
	)


@frappe.whitelist()
def processing_time_distribution(filters: str | dict | list | None = None) -> dict:
	"""Complaints received in the last 90 days by the days they took (finished) or have waited (open)."""
	if not may_see_statistics():
		return _empty_chart()
	since = add_days(getdate(now_datetime()), 1 - DISTRIBUTION_DAYS)
	distribution = _query(filters, from_date=since).processing_time_distribution()
	return _chart(
		[processing_time_label(band) for band in distribution["bands"]],
		(_("Closed or Rejected"), distribution["finished"]),
		(_("Open"), distribution["open"]),
	)


@frappe.whitelist()
def complaint_counts(filters: str | dict | list | None = None, chart_name: str | None = None) -> dict:
	"""Complaints per status, governorate, directorate, category or channel (filters: group_by, open_only,
	received_within_days), the biggest groups first, their names translated. Without a grouping (filters
	a user saved for the chart before it was a custom one), the chart's own filters apply."""
	if not may_see_statistics():
		return _empty_chart()
	given = _filters(filters)
	if not given.group_by and chart_name:
		chart = frappe.db.get_value("Dashboard Chart", chart_name, ["source", "filters_json"], as_dict=True)
		if chart and chart.source == "Complaint Counts":
			given = _filters(chart.filters_json)
	group_by = given.group_by if given.group_by in COUNT_GROUPS else "status"
	period = {"open_only": 1} if cint(given.open_only) else {}
	if cint(given.received_within_days):
		period["from_date"] = add_days(getdate(now_datetime()), 1 - cint(given.received_within_days))
	rows = _query(given, **period).grouped(group_by, ("total",))
	shown, rest = rows[:SHOWN_GROUPS], rows[SHOWN_GROUPS:]
	labels = [_(row.group_value) if row.group_value else not_set() for row in shown]
	values = [row.total for row in shown]
	if rest:
		labels.append(_("Other"))
		values.append(sum(row.total for row in rest))
	return _chart(labels, (_("Open") if period.get("open_only") else _("Complaints"), values))
