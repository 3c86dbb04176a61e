"""Citizen Satisfaction: how many closed complaints citizens rated, the average rating, the share
satisfied (four stars of five or more) and how the ratings spread over the stars."""

import frappe
from frappe import _

from complaints_mgmt.analytics.queries import rating_stars
from complaints_mgmt.complaints.report.grouped_report import (
	count_column,
	figure_columns,
	group_by_of,
	group_columns,
	grouped_complaints,
	percent_column,
)
from complaints_mgmt.utils.plurals import counted


def measures(stars: int) -> tuple[str, ...]:
	return (
		"total",
		"closed",
		"rated",
		"rating_total",
		"satisfied",
		*(f"stars_{n}" for n in range(1, stars + 1)),
	)


# The columns whose totals stand above the table, and their indicator colours
SUMMARY = {"rated": "Blue", "avg_rating": "Green", "satisfied_share": "Green"}


def execute(filters: dict | None = None):
	filters = frappe._dict(filters or {})
	group_by = group_by_of(filters, "directorate")
	stars = rating_stars()
	chart = [(_("Average Rating"), "avg_rating")]
	return grouped_complaints(
		filters, group_by, measures(stars), columns(group_by, stars), SUMMARY, chart, stars=stars
	)


def columns(group_by: str, stars: int) -> list[dict]:
	return [
		*group_columns(group_by),
		*figure_columns("closed"),
		count_column("rated", _("Rated")),
		percent_column("rated_share", _("Rated %")),
		*figure_columns("avg_rating"),
		percent_column("satisfied_share", _("Satisfied %")),
		*(count_column(f"stars_{n}", counted(n, "{0} star", "{0} stars"), 90) for n in range(1, stars + 1)),
	]
