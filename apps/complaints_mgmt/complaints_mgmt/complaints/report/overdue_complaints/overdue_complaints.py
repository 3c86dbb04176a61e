"""Overdue Complaints: every open complaint past its deadline, the longest overdue first."""

import frappe
from frappe import _

from complaints_mgmt.analytics.queries import ComplaintQuery
from complaints_mgmt.complaints.report.grouped_report import days_column, link_column, summary_item

FIELDS = (
	"name",
	"subject",
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
	count, message = len(rows), None
	if count == MAX_ROWS:
		count = query.totals(("total", "overdue")).overdue
		message = _("Showing the {0} longest overdue of {1}. Narrow the filters to see the others.").format(
			MAX_ROWS, count
		)
	return columns(), rows, message, None, [summary_item(_("Overdue"), count, indicator="Red")]


def columns() -> list[dict]:
	return [
		{
			"fieldname": "name",
			"label": _("Complaint"),
			"fieldtype": "Link",
			"options": "Complaint",
			"width": 150,
		},
		{"fieldname": "subject", "label": _("Subject"), "fieldtype": "Data", "width": 220},
		{
			"fieldname": "category",
			"label": _("Category"),
			"fieldtype": "Link",
			"options": "Complaint Category",
			"width": 160,
		},
		{
			"fieldname": "governorate",
			"label": _("Governorate"),
			"fieldtype": "Link",
			"options": "Governorate",
			"width": 120,
		},
		{
			"fieldname": "directorate",
			"label": _("Directorate"),
			"fieldtype": "Link",
			"options": "Directorate",
			"width": 160,
		},
		{
			"fieldname": "social_unit",
			"label": _("Social Unit"),
			"fieldtype": "Link",
			"options": "Social Unit",
			"width": 120,
		},
		link_column("liaison_officer", _("Liaison Officer"), "Liaison Officer"),
		{
			"fieldname": "status",
			"label": _("Status"),
			"fieldtype": "Link",
			"options": "Workflow State",
			"width": 120,
		},
		{"fieldname": "received_on", "label": _("Received On"), "fieldtype": "Datetime", "width": 160},
		{"fieldname": "deadline", "label": _("Deadline"), "fieldtype": "Datetime", "width": 160},
		days_column("days_overdue", _("Days Overdue"), 110),
		{"fieldname": "escalation_level", "label": _("Escalation Level"), "fieldtype": "Int", "width": 110},
	]
