"""SLA Compliance: of the complaints finished with a deadline, how many finished by it; and how many
open complaints have already passed theirs."""

import frappe
from frappe import _

from complaints_mgmt.analytics.queries import ComplaintQuery, add_totals
from complaints_mgmt.complaints.report.grouped_report import (
	bar_chart,
	count_column,
	group_by_of,
	group_columns,
	label_groups,
	percent_column,
	summary_item,
)

MEASURES = ("total", "finished", "overdue", "sla_measured", "sla_met")


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	group_by = group_by_of(filters, "directorate")
	rows = ComplaintQuery(filters).grouped(group_by, MEASURES)
	totals = add_totals(rows, MEASURES)
	label_groups(rows, group_by)
	chart = bar_chart(rows, [(_("SLA Compliance %"), "sla_compliance")])
	return columns(group_by), rows, None, chart, summary(totals)


def columns(group_by: str) -> list[dict]:
	return [
		*group_columns(group_by),
		count_column("total", _("Received")),
		count_column("sla_measured", _("Finished With a Deadline"), 160),
		count_column("sla_met", _("Within SLA")),
		count_column("sla_breached", _("Late")),
		percent_column("sla_compliance", _("SLA Compliance %")),
		count_column("open", _("Open")),
		count_column("overdue", _("Open and Overdue"), 140),
	]


def summary(totals) -> list[dict]:
	return [
		summary_item(_("SLA Compliance %"), totals.sla_compliance, "Percent", "Green"),
		summary_item(_("Within SLA"), totals.sla_met, indicator="Green"),
		summary_item(_("Late"), totals.sla_breached, indicator="Red"),
		summary_item(_("Open and Overdue"), totals.overdue, indicator="Red"),
	]
