"""The parts of a report that groups complaints or appeals: its first columns, its labels and its chart."""

import frappe
from frappe import _

from complaints_mgmt.analytics import COMPLAINT_DIMENSIONS, Dimension, UnknownGrouping, group_label, not_set

# Doctypes whose names are codes or e-mail addresses: the report adds their title beside them.
TITLE_FIELDS = {"Social Unit": "unit_name", "Liaison Officer": "full_name"}

CHART_GROUPS = 20  # a chart shows the biggest groups only; the table shows them all


def group_by_of(filters: dict, default: str, dimensions: dict = COMPLAINT_DIMENSIONS) -> str:
	group_by = filters.get("group_by") or default
	if group_by not in dimensions:
		raise UnknownGrouping(_("This report cannot group by {0}").format(group_by))
	return group_by


def group_columns(group_by: str, dimensions: dict = COMPLAINT_DIMENSIONS) -> list[dict]:
	dimension: Dimension = dimensions[group_by]
	if dimension.fieldtype == "Link":
		columns = [
			{
				"fieldname": "group_value",
				"label": _(dimension.label),
				"fieldtype": "Link",
				"options": dimension.options,
				"width": 180,
			}
		]
		if dimension.options in TITLE_FIELDS:
			columns.append(
				{"fieldname": "group_title", "label": _("Name"), "fieldtype": "Data", "width": 200}
			)
		return columns
	return [{"fieldname": "group_value", "label": _(dimension.label), "fieldtype": "Data", "width": 180}]


def label_groups(rows: list, group_by: str, dimensions: dict = COMPLAINT_DIMENSIONS) -> list:
	"""Words for the reader: translated fixed values, titles beside codes, "Not Set" for no value."""
	dimension: Dimension = dimensions[group_by]
	if dimension.fieldtype != "Link":
		for row in rows:
			row.group_value = group_label(group_by, row.group_value, dimensions)
		return rows
	titles = {}
	if dimension.options in TITLE_FIELDS:
		names = [row.group_value for row in rows if row.group_value]
		titles = (
			dict(
				frappe.get_all(
					dimension.options,
					filters={"name": ("in", names)},
					fields=["name", TITLE_FIELDS[dimension.options]],
					as_list=True,
				)
			)
			if names
			else {}
		)
	for row in rows:
		if dimension.options in TITLE_FIELDS:
			row.group_title = titles.get(row.group_value) if row.group_value else not_set()
		elif not row.group_value:
			row.group_title = not_set()
	return rows


def bar_chart(rows: list, datasets: list[tuple[str, str]], chart_type: str = "bar") -> dict | None:
	"""A chart of the biggest groups; datasets: (label, fieldname)."""
	shown = rows[:CHART_GROUPS]
	if not shown:
		return None
	return {
		"data": {
			"labels": [row.get("group_title") or row.group_value or not_set() for row in shown],
			"datasets": [
				{"name": label, "values": [row.get(fieldname) or 0 for row in shown]}
				for label, fieldname in datasets
			],
		},
		"type": chart_type,
	}


def summary_item(label: str, value, datatype: str = "Int", indicator: str = "Blue") -> dict:
	return {
		"label": label,
		"value": value if value is not None else 0,
		# the desk formats a Float summary with the system's three decimals: figures come rounded already
		"datatype": "Data" if datatype == "Float" else datatype,
		"indicator": indicator,
	}


def count_column(fieldname: str, label: str, width: int = 110) -> dict:
	return {"fieldname": fieldname, "label": label, "fieldtype": "Int", "width": width}


def percent_column(fieldname: str, label: str, width: int = 120) -> dict:
	return {"fieldname": fieldname, "label": label, "fieldtype": "Percent", "width": width}


def days_column(fieldname: str, label: str, width: int = 130) -> dict:
	return {"fieldname": fieldname, "label": label, "fieldtype": "Float", "precision": 1, "width": width}
