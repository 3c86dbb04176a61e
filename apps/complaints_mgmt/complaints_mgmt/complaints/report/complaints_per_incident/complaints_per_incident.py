"""Complaints per Incident: each mass incident (staff_tools/incidents.py) the user may read, with the
complaints linked to it that the user may see: in all, still open, closed."""

import frappe
from frappe import _

from complaints_mgmt.complaints.report.grouped_report import count_column, summary_item
from complaints_mgmt.lifecycle import states


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	incidents = frappe.get_list(
		"Complaint Incident",
		filters={key: filters[key] for key in ("status", "category", "governorate") if filters.get(key)},
		fields=["name", "title_ar", "title_en", "status", "category", "governorate", "incident_owner"],
		order_by="creation desc",
	)
	counts = complaint_counts([row.name for row in incidents])
	english = frappe.local.lang == "en"
	rows = []
	for incident in incidents:
		linked = counts.get(incident.name, {})
		rows.append(
			{
				"incident": incident.name,
				"title": (incident.title_en if english and incident.title_en else incident.title_ar),
				"status": _(incident.status),
				"category": incident.category,
				"governorate": incident.governorate,
				"incident_owner": incident.incident_owner,
				"complaints": sum(linked.values()),
				"open": sum(n for status, n in linked.items() if status not in states.FINAL_STATES),
				"closed": linked.get(states.CLOSED, 0),
			}
		)
	total = sum(row["complaints"] for row in rows)
	return columns(), rows, None, None, [summary_item(_("Linked Complaints"), total)]


def complaint_counts(incidents: list[str]) -> dict[str, dict[str, int]]:
	"""{incident: {status: count}} of the complaints the user may see (their permission conditions apply)."""
	if not incidents:
		return {}
	counts = {}
	for row in frappe.get_list(
		"Complaint",
		filters={"incident": ("in", incidents)},
		fields=["incident", "status", "count(name) as count"],
		group_by="incident, status",
		order_by="incident",
	):
		counts.setdefault(row.incident, {})[row.status] = row.count
	return counts


def columns() -> list[dict]:
	return [
		{
			"fieldname": "incident",
			"label": _("Incident"),
			"fieldtype": "Link",
			"options": "Complaint Incident",
			"width": 140,
		},
		{"fieldname": "title", "label": _("Title"), "fieldtype": "Data", "width": 240},
		{"fieldname": "status", "label": _("Status"), "fieldtype": "Data", "width": 100},
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
			"width": 130,
		},
		{
			"fieldname": "incident_owner",
			"label": _("Incident Owner"),
			"fieldtype": "Link",
			"options": "User",
			"width": 160,
		},
		count_column("complaints", _("Linked Complaints"), 130),
		count_column("open", _("Open")),
		count_column("closed", _("Closed")),
	]
