"""Appeals Summary: appeals submitted, pending and decided, how they were decided and how long deciding
took, for each directorate (or governorate, category, decision, status, month)."""

import frappe
from frappe import _

from complaints_mgmt.analytics.queries import APPEAL_DIMENSIONS, AppealQuery
from complaints_mgmt.complaints.report.grouped_report import (
	count_column,
	days_column,
	figure_columns,
	group_by_of,
	group_columns,
	grouped_result,
	percent_column,
)

MEASURES = ("total", "decided", "upheld", "partly_upheld", "rejected", "decide_count", "decide_days")
# The columns whose totals stand above the table, and their indicator colours
SUMMARY = {"total": "Blue", "pending": "Orange", "upheld_share": "Blue", "avg_days_to_decide": "Blue"}


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	group_by = group_by_of(filters, "directorate", APPEAL_DIMENSIONS)
	chart = [(_("Pending"), "pending"), (_("Decided"), "decided")]
	rows = AppealQuery(filters).grouped(group_by)
	return grouped_result(rows, group_by, MEASURES, columns(group_by), SUMMARY, chart, APPEAL_DIMENSIONS)


def columns(group_by: str) -> list[dict]:
	return [
		*group_columns(group_by, APPEAL_DIMENSIONS),
		count_column("total", _("Appeals")),
		count_column("pending", _("Pending")),
		count_column("upheld", _("Upheld")),
		count_column("partly_upheld", _("Partly Upheld")),
		*figure_columns("rejected"),
		percent_column("upheld_share", _("Upheld in Whole or Part %"), 170),
		days_column("avg_days_to_decide", _("Average Days to Decide")),
	]
