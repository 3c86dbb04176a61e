"""Liaison Officer Performance: for each officer, the complaints they answer for, how fast they accept and
close them, how many they close within the deadline and how citizens rate them."""

import frappe
from frappe import _

from complaints_mgmt.analytics.queries import ComplaintQuery
from complaints_mgmt.complaints.report.grouped_report import (
	count_column,
	days_column,
	group_columns,
	grouped_result,
	percent_column,
	rating_column,
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
	rows = ComplaintQuery(filters).grouped(GROUP_BY, MEASURES)
	return grouped_result(rows, GROUP_BY, MEASURES, columns(), SUMMARY)


def columns() -> list[dict]:
	return [
		*group_columns(GROUP_BY),
		count_column("total", _("Assigned")),
		count_column("open", _("Open")),
		count_column("closed", _("Closed")),
		count_column("overdue", _("Overdue")),
		count_column("sla_met", _("Within SLA")),
		count_column("sla_breached", _("Late")),
		percent_column("sla_compliance", _("SLA Compliance %")),
		days_column("avg_days_to_accept", _("Average Days to Accept")),
		days_column("avg_days_to_close", _("Average Days to Close")),
		rating_column("avg_rating", _("Average Rating")),
	]
