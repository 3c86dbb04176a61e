"""The parts of a report that groups complaints or appeals: its first columns, its labels and its chart."""

import math

import frappe
from frappe import _, _lt

from complaints_mgmt.analytics.queries import (
	COMPLAINT_DIMENSIONS,
	ComplaintQuery,
	Dimension,
	UnknownGrouping,
	add_totals,
	group_label,
	not_set,
)

# Doctypes whose names are codes or e-mail addresses: the report adds their title beside them.
TITLE_FIELDS = {"Social Unit": "unit_name", "Liaison Officer": "full_name"}

# A chart shows the biggest groups only (the table shows them all): few enough that each bar's label has
# room for a name (Frappe Charts gives each label its bar's width and cuts the rest)
CHART_GROUPS = 10
GROUP_COLUMN_WIDTH = 260
# Words this share of a chart's labels begin or end with are left out of them (distinctive_labels)
SHARED_SHARE = 0.6  # a directorate's or a category's name, in Arabic, fits


def group_by_of(filters: dict, default: str, dimensions: dict = COMPLAINT_DIMENSIONS) -> str:
	group_by = filters.get("group_by") or default
	if group_by not in dimensions:
		raise UnknownGrouping(_("This report cannot group by {0}").format(group_by))
	return group_by


def grouped_result(
	rows: list,
	group_by: str,
	measures: tuple[str, ...],
	columns: list[dict],
	summary: dict[str, str],
	chart: list[tuple[str, str]] | None = None,
	dimensions: dict = COMPLAINT_DIMENSIONS,
	stars: int = 5,
) -> tuple:
	"""A grouped report's answer (columns, rows, message, chart, summary): the totals of `measures`
	over the rows, of which the summary shows the columns `summary` names (fieldname: indicator colour);
	the groups labelled for the reader; a bar chart of the `chart` datasets ((label, fieldname)), where
	given."""
	totals = add_totals(rows, measures, stars)
	label_groups(rows, group_by, dimensions)
	chart = bar_chart(rows, chart) if chart else None
	return columns, rows, None, chart, summary_of(columns, totals, summary)


def grouped_complaints(filters: dict, group_by: str, measures: tuple, *result, stars: int = 5) -> tuple:
	"""`grouped_result` over the complaints `filters` select, grouped by `group_by`, counted by `measures`;
	`result`: its columns, summary and chart."""
	rows = ComplaintQuery(filters).grouped(group_by, measures)
	return grouped_result(rows, group_by, measures, *result, stars=stars)


def summary_of(columns: list[dict], totals: frappe._dict, indicators: dict[str, str]) -> list[dict]:
	"""The figures above a report's table: the totals of the columns `indicators` names (fieldname:
	indicator colour), labelled and typed as their columns are."""
	by_fieldname = {column["fieldname"]: column for column in columns}
	return [
		summary_item(
			by_fieldname[fieldname]["label"],
			totals.get(fieldname),
			by_fieldname[fieldname]["fieldtype"],
			colour,
		)
		for fieldname, colour in indicators.items()
	]


def link_column(fieldname: str, label: str, doctype: str, width: int = 180) -> dict:
	"""A Link column, or plain text showing the same value to a reader who may not select `doctype`.

	The desk checks select or read on the doctype of every Link column of a report with rows
	(query_report.get_filtered_data, DatabaseQuery.build_match_conditions), so a Link to a doctype the
	reader may not open (a liaison officer and Liaison Officer, which holds mobiles) would refuse the
	whole report. A Link stays where Frappe allows it: the desk formats it (a workflow state translated)."""
	role_permissions = frappe.permissions.get_role_permissions(frappe.get_meta(doctype))
	if role_permissions.get("select") or role_permissions.get("read"):
		return {
			"fieldname": fieldname,
			"label": label,
			"fieldtype": "Link",
			"options": doctype,
			"width": width,
		}
	return {"fieldname": fieldname, "label": label, "fieldtype": "Data", "width": width}


def group_columns(group_by: str, dimensions: dict = COMPLAINT_DIMENSIONS) -> list[dict]:
	dimension: Dimension = dimensions[group_by]
	if dimension.fieldtype == "Link":
		columns = [link_column("group_value", _(dimension.label), dimension.options, GROUP_COLUMN_WIDTH)]
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
	"""A chart of the biggest groups (rows labelled by label_groups); datasets: (label, fieldname)."""
	shown = rows[:CHART_GROUPS]
	if not shown:
		return None
	return {
		"data": {
			"labels": distinctive_labels([chart_label(row) for row in shown]),
			"datasets": [
				{"name": label, "values": [row.get(fieldname) or 0 for row in shown]}
				for label, fieldname in datasets
			],
		},
		"type": chart_type,
	}


def chart_label(row) -> str:
	"""A group as the table beside the chart shows it: its title (a unit's or an officer's name), else its
	value translated, as the desk's Link formatter shows a link (__()); label_groups has translated the
	fixed words already, and "Not Set" stands for no value."""
	if row.get("group_title"):
		return row.group_title
	return _(row.group_value) if row.group_value else not_set()


def distinctive_labels(labels: list[str]) -> list[str]:
	"""Labels without the words most of them begin or end with ("Directorate of Social Solidarity
	in ..."), which a chart would show in each bar's narrow label instead of what tells them apart. Words
	shared by SHARED_SHARE of the labels (two at least) are left out of those labels; every label keeps
	one word at least, and the others ("Not Set", "Central Triage") stay as they are."""
	split = [label.split() for label in labels]
	for from_end in (False, True):
		split = _without_shared_words(split, from_end)
	return [" ".join(words) for words in split]


def _without_shared_words(split: list[list[str]], from_end: bool) -> list[list[str]]:
	def ordered(words):
		return list(reversed(words)) if from_end else words

	words_of = [ordered(words) for words in split]
	needed = max(2, math.ceil(SHARED_SHARE * len(split)))
	shared: list[str] = []
	while True:
		candidates = [
			words[len(shared)]
			for words in words_of
			if len(words) > len(shared) + 1 and words[: len(shared)] == shared
		]
		if not candidates:
			break
		word = max(set(candidates), key=candidates.count)
		if candidates.count(word) < needed:
			break
		shared.append(word)
	if not shared:
		return split
	return [
		ordered(words[len(shared) :]) if words[: len(shared)] == shared else ordered(words)
		for words in words_of
	]


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


def rating_column(fieldname: str, label: str, width: int = 120) -> dict:
	return {"fieldname": fieldname, "label": label, "fieldtype": "Float", "precision": 2, "width": width}


def column(fieldname: str, label: str, fieldtype: str, width: int, options: str | None = None) -> dict:
	"""A plain column; `options` names the doctype of a Link."""
	column = {"fieldname": fieldname, "label": label, "fieldtype": fieldtype, "width": width}
	if options:
		column["options"] = options
	return column


def days_column(fieldname: str, label: str, width: int = 130) -> dict:
	return {"fieldname": fieldname, "label": label, "fieldtype": "Float", "precision": 1, "width": width}


# The figures the reports show under one name each: fieldname: (its column, its label). A report names a
# figure itself where it means something narrower there ("Closed Within SLA", "Open and Overdue").
FIGURES = {
	"open": (count_column, _lt("Open")),
	"closed": (count_column, _lt("Closed")),
	"rejected": (count_column, _lt("Rejected")),
	"overdue": (count_column, _lt("Overdue")),
	"sla_met": (count_column, _lt("Within SLA")),
	"sla_breached": (count_column, _lt("Late")),
	"sla_compliance": (percent_column, _lt("SLA Compliance %")),
	"avg_days_to_accept": (days_column, _lt("Average Days to Accept")),
	"avg_days_to_close": (days_column, _lt("Average Days to Close")),
	"avg_rating": (rating_column, _lt("Average Rating")),
}


def figure_columns(*fieldnames: str) -> list[dict]:
	"""The columns of the figures `fieldnames` names, labelled as FIGURES says, in that order."""
	return [FIGURES[fieldname][0](fieldname, str(FIGURES[fieldname][1])) for fieldname in fieldnames]
