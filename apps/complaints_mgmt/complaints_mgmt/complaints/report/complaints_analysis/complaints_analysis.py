"""Complaints Analysis: how many complaints each group received, how many are open, overdue, closed
within their deadline, and how many days closing took."""

import frappe
from frappe import _

from complaints_mgmt.analytics.queries import ComplaintQuery, add_totals
from complaints_mgmt.complaints.report.grouped_report import (
	bar_chart,
	count_column,
	days_column,
	group_by_of,
	group_columns,
	label_groups,
	percent_column,
	summary_item,
)

MEASURES = (
	"total",
	"finished",
	"closed",
	"rejected",
	"overdue",
	"sla_measured",
	"sla_met",
	"close_count",
	"close_seconds",
)


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	group_by = group_by_of(filters, "governorate")
	query = ComplaintQuery(filters)
	rows = query.grouped(group_by, MEASURES)
	totals = add_totals(rows, MEASURES)
	label_groups(rows, group_by)
	chart = bar_chart(rows, [(_("Open"), "open"), (_("Closed"), "closed")])
	return columns(group_by), rows, None, chart, summary(totals)


def columns(group_by: str) -> list[dict]:
	return [
		*group_columns(group_by),
		count_column("total", _("Received")),
		count_column("open", _("Open")),
		count_column("closed", _("Closed")),
		count_column("rejected", _("Rejected")),
		count_column("overdue", _("Overdue")),
		count_column("sla_met", _("Closed Within SLA"), 140),
		percent_column("sla_compliance", _("SLA Compliance %")),
		days_column("avg_days_to_close", _("Average Days to Close")),
	]


def summary(totals) -> list[dict]:
	return [
		summary_item(_("Received"), totals.total),
		summary_item(_("Open"), totals.open, indicator="Orange"),
		summary_item(_("Overdue"), totals.overdue, indicator="Red"),
		summary_item(_("SLA Compliance %"), totals.sla_compliance, "Percent", "Green"),
		summary_item(_("Average Days to Close"), totals.avg_days_to_close, "Float", "Blue"),
	]
