"""Complaints Analysis: how many complaints each group received, how many are open, overdue, closed
within their deadline, and how many days closing took."""

import frappe
from frappe import _

from complaints_mgmt.complaints.report.grouped_report import (
	count_column,
	figure_columns,
	group_by_of,
	group_columns,
	grouped_complaints,
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
# The columns whose totals stand above the table, and their indicator colours
SUMMARY = dict(total="Blue", open="Orange", overdue="Red", sla_compliance="Green", avg_days_to_close="Blue")


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	group_by = group_by_of(filters, "governorate")
	chart = [(_("Open"), "open"), (_("Closed"), "closed")]
	return grouped_complaints(filters, group_by, MEASURES, columns(group_by), SUMMARY, chart)


def columns(group_by: str) -> list[dict]:
	return [
		*group_columns(group_by),
		count_column("total", _("Received")),
		*figure_columns("open", "closed", "rejected", "overdue"),
		count_column("sla_met", _("Closed Within SLA"), 140),
		*figure_columns("sla_compliance", "avg_days_to_close"),
	]
