"""Liaison Officer Performance: for each officer, the complaints they answer for, how fast they accept and
close them, how many they close within the deadline and how citizens rate them."""

import frappe
from frappe import _

from complaints_mgmt.complaints.report.grouped_report import (
	count_column,
	figure_columns,
	group_columns,
	grouped_complaints,
)

GROUP_BY = "liaison_officer"
MEASURES = (
	"total",
	"finished",
	"closed",
	"overdue",
	"sla_measured",
	"sla_met",
	"accept_count",
	"accept_seconds",
	"close_count",
	"close_seconds",
	"rated",
	"rating_total",
)
# The columns whose totals stand above the table, and their indicator colours
SUMMARY = {
	"total": "Blue",
	"overdue": "Red",
	"sla_compliance": "Green",
	"avg_days_to_accept": "Blue",
	"avg_days_to_close": "Blue",
}


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	return grouped_complaints(filters, GROUP_BY, MEASURES, columns(), SUMMARY)


def columns() -> list[dict]:
	return [
		*group_columns(GROUP_BY),
		count_column("total", _("Assigned")),
		*figure_columns("open", "closed", "overdue", "sla_met", "sla_breached", "sla_compliance"),
		*figure_columns("avg_days_to_accept", "avg_days_to_close", "avg_rating"),
	]
