"""SLA Compliance: of the complaints finished with a deadline, how many finished by it; and how many
open complaints have already passed theirs."""

import frappe
from frappe import _

from complaints_mgmt.complaints.report.grouped_report import (
	count_column,
	figure_columns,
	group_by_of,
	group_columns,
	grouped_complaints,
)

MEASURES = ("total", "finished", "overdue", "sla_measured", "sla_met")
# The columns whose totals stand above the table, and their indicator colours
SUMMARY = {"sla_compliance": "Green", "sla_met": "Green", "sla_breached": "Red", "overdue": "Red"}


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	group_by = group_by_of(filters, "directorate")
	chart = [(_("SLA Compliance %"), "sla_compliance")]
	return grouped_complaints(filters, group_by, MEASURES, columns(group_by), SUMMARY, chart)


def columns(group_by: str) -> list[dict]:
	return [
		*group_columns(group_by),
		count_column("total", _("Received")),
		count_column("sla_measured", _("Finished With a Deadline"), 160),
		*figure_columns("sla_met", "sla_breached", "sla_compliance", "open"),
		count_column("overdue", _("Open and Overdue"), 140),
	]
