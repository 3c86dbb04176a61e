"""Overdue Complaints: every open complaint past its deadline, the longest overdue first."""

import frappe
from frappe import _

from complaints_mgmt.analytics.queries import ComplaintQuery
from complaints_mgmt.complaints.report.grouped_report import column, days_column, link_column, summary_item

FIELDS = (
	"name",
	"subject",
	"complaint_type",
	"category",
	"governorate",
	"directorate",
	"social_unit",
	"liaison_officer",
	"status",
	"received_on",
	"deadline",
	"escalation_level",
)


# The most rows the desk is sent; beyond them the summary still counts every overdue complaint.
MAX_ROWS = 2000


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	query = ComplaintQuery(filters)
	rows = query.overdue(FIELDS, limit=MAX_ROWS)
	for row in rows:  # a distress appeal among the late complaints reads as one, in the reader's language
		row.complaint_type = _(row.complaint_type)
	count, message = len(rows), None
	if count == MAX_ROWS:
		count = query.totals(("total", "overdue")).overdue
		message = _("Showing the {0} longest overdue of {1}. Narrow the filters to see the others.").format(
			MAX_ROWS, count
		)
	return columns(), rows, message, None, [summary_item(_("Overdue"), count, indicator="Red")]


def columns() -> list[dict]:
	return [
		column("name", _("Complaint"), "Link", 150, "Complaint"),
		column("subject", _("Subject"), "Data", 220),
		column("complaint_type", _("Type"), "Data", 100),
		column("category", _("Category"), "Link", 160, "Complaint Category"),
		column("governorate", _("Governorate"), "Link", 120, "Governorate"),
		column("directorate", _("Directorate"), "Link", 160, "Directorate"),
		column("social_unit", _("Social Unit"), "Link", 120, "Social Unit"),
		link_column("liaison_officer", _("Liaison Officer"), "Liaison Officer"),
		column("status", _("Status"), "Link", 120, "Workflow State"),
		column("received_on", _("Received On"), "Datetime", 160),
		column("deadline", _("Deadline"), "Datetime", 160),
		days_column("days_overdue", _("Days Overdue"), 110),
		column("escalation_level", _("Escalation Level"), "Int", 110),
	]
