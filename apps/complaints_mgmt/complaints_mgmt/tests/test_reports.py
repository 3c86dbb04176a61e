"""The six reports, counted against a hand-counted set of complaints and appeals (utils.make_report_fixtures),
for a national manager and for a directorate head who must see only their directorate."""

import csv
import io
import json

import frappe
from frappe.desk.query_report import export_query
from frappe.desk.query_report import run as run_report
from frappe.tests.utils import FrappeTestCase

from complaints_mgmt.analytics.queries import (
	COMPLAINT_DIMENSIONS,
	FIGURES_INDEXES,
	ComplaintQuery,
	UnknownGrouping,
)
from complaints_mgmt.complaints.report.appeals_summary import appeals_summary
from complaints_mgmt.complaints.report.citizen_satisfaction import citizen_satisfaction
from complaints_mgmt.complaints.report.complaints_analysis import complaints_analysis
from complaints_mgmt.complaints.report.grouped_report import distinctive_labels
from complaints_mgmt.complaints.report.liaison_officer_performance import liaison_officer_performance
from complaints_mgmt.complaints.report.overdue_complaints import overdue_complaints
from complaints_mgmt.complaints.report.sla_compliance import sla_compliance
from complaints_mgmt.tests.utils import (
	ReportFixturesTestCase,
	make_report_fixtures,
	make_user,
	query_plan,
	recorded_queries,
)

REPORTS = (
	"Complaints Analysis",
	"SLA Compliance",
	"Overdue Complaints",
	"Liaison Officer Performance",
	"Citizen Satisfaction",
	"Appeals Summary",
)


def by_group(rows, *fields):
	return {row.group_value: {field: row[field] for field in fields} for row in rows}


def table_by_group(rows, fields):
	"""{group: the row's values of `fields`, in their order}: the report as a table, a row per group."""
	return {row.group_value: tuple(row[field] for field in fields) for row in rows}


def summary_values(summary):
	return {item["label"]: item["value"] for item in summary}


class TestReports(ReportFixturesTestCase):
	def run_as(self, user, execute, filters):
		with self.set_user(user), self.freeze_time(self.fx.now):
			return execute(filters)

	def national(self, execute, **filters):
		return self.run_as(self.manager, execute, {"category": self.fx.root, **filters})

	def assert_national_table(self, execute, fields, expected: dict, summary: dict | None = None):
		"""The report run nationally gives `expected`, {group: its values of `fields`}, and the `summary`
		above its table; its rows and chart, for what a test checks besides."""
		_columns, rows, _message, chart, report_summary = self.national(execute)
		self.assertEqual(table_by_group(rows, fields), expected)
		if summary is not None:
			self.assertEqual(summary_values(report_summary), summary)
		return rows, chart

	def as_head(self, execute, **filters):
		return self.run_as(self.fx.head, execute, filters)

	# Complaints Analysis
	ANALYSIS_FIELDS = tuple(
		"total open closed rejected overdue sla_met sla_compliance avg_days_to_close".split()
	)

	def test_analysis_counts_and_processing_days_by_governorate(self):
		rows, chart = self.assert_national_table(
			complaints_analysis.execute,
			self.ANALYSIS_FIELDS,
			{
				self.fx.a.governorate: (6, 3, 2, 1, 1, 1, 50.0, 8.0),
				self.fx.b.governorate: (3, 1, 2, 0, 1, 2, 100.0, 4.0),
			},
			{"Received": 9, "Open": 4, "Overdue": 2, "SLA Compliance %": 75.0, "Average Days to Close": 6.0},
		)
		self.assertEqual([row.group_value for row in rows], [self.fx.a.governorate, self.fx.b.governorate])
		self.assertEqual(chart["data"]["datasets"][0]["values"], [3, 1])

	def test_analysis_directorate_head_sees_only_their_directorate(self):
		_columns, rows, _message, _chart, summary = self.as_head(
			complaints_analysis.execute, group_by="status"
		)
		self.assertEqual(
			{row.group_value: row.total for row in rows},
			{"Closed": 2, "In Progress": 1, "Accepted": 1, "Rejected": 1, "New": 1},
		)
		self.assertEqual(summary_values(summary)["Received"], 6)
		self.assertEqual(summary_values(summary)["Overdue"], 1)

	def test_analysis_head_filtering_on_another_directorate_gets_nothing(self):
		_columns, rows, *_rest = self.as_head(complaints_analysis.execute, directorate=self.fx.b.directorate)
		self.assertEqual(rows, [])

	def test_analysis_date_range_counts_complaints_received_in_it(self):
		_columns, rows, *_rest = self.national(
			complaints_analysis.execute, from_date="2026-03-06", to_date="2026-03-18", group_by="channel"
		)
		self.assertEqual(
			{row.group_value: row.total for row in rows},
			{"Hotline": 2, "Counter": 2, "Web Portal": 1, "Email": 1},
		)

	def test_analysis_processing_time_filter_keeps_whole_days_from_and_to(self):
		_columns, rows, *_rest = self.national(complaints_analysis.execute, min_days=5, max_days=7)
		self.assertEqual(sum(row.total for row in rows), 2)
		self.assertEqual(
			{row.group_value: row.closed for row in rows},
			{self.fx.a.governorate: 1, self.fx.b.governorate: 1},
		)

	def test_analysis_category_filter_takes_the_category_alone_and_the_root_its_subtree(self):
		_columns, rows, *_rest = self.run_as(
			self.manager, complaints_analysis.execute, {"category": self.fx.c2}
		)
		self.assertEqual(sum(row.total for row in rows), 3)

	def test_analysis_group_by_processing_time_puts_bands_in_order(self):
		_columns, rows, *_rest = self.national(complaints_analysis.execute, group_by="processing_time")
		self.assertEqual(
			[(row.group_value, row.total) for row in rows],
			[("Under 3 days", 3), ("3 to 7 days", 3), ("7 to 14 days", 2), ("14 to 30 days", 1)],
		)

	def test_analysis_group_by_month(self):
		_columns, rows, *_rest = self.national(complaints_analysis.execute, group_by="month")
		self.assertEqual([(row.group_value, row.total) for row in rows], [("2026-02", 2), ("2026-03", 7)])

	def test_analysis_unknown_grouping_is_refused(self):
		with self.assertRaises(UnknownGrouping):
			self.national(complaints_analysis.execute, group_by="national_id")

	# SLA Compliance
	SLA_FIELDS = ("total", "sla_measured", "sla_met", "sla_breached", "sla_compliance", "open", "overdue")

	def test_sla_met_late_and_overdue_by_directorate(self):
		self.assert_national_table(
			sla_compliance.execute,
			self.SLA_FIELDS,
			{
				self.fx.a.directorate: (6, 2, 1, 1, 50.0, 3, 1),
				self.fx.b.directorate: (3, 2, 2, 0, 100.0, 1, 1),
			},
			{"SLA Compliance %": 75.0, "Within SLA": 3, "Late": 1, "Open and Overdue": 2},
		)

	def test_sla_directorate_head_sees_only_their_directorate(self):
		_columns, rows, *_rest = self.as_head(sla_compliance.execute)
		self.assertEqual([row.group_value for row in rows], [self.fx.a.directorate])
		self.assertEqual(rows[0].sla_compliance, 50.0)

	# Overdue Complaints
	def test_overdue_open_complaints_past_deadline_longest_overdue_first(self):
		_columns, rows, _message, _chart, summary = self.national(overdue_complaints.execute)
		c = self.fx.complaints
		self.assertEqual([(row.name, row.days_overdue) for row in rows], [(c.a3, 2.0), (c.b2, 1.0)])
		self.assertEqual(summary_values(summary), {"Overdue": 2})

	def test_overdue_sends_the_longest_overdue_first_and_counts_them_all(self):
		previous = overdue_complaints.MAX_ROWS
		overdue_complaints.MAX_ROWS = 1
		try:
			_columns, rows, message, _chart, summary = self.national(overdue_complaints.execute)
		finally:
			overdue_complaints.MAX_ROWS = previous
		self.assertEqual([row.name for row in rows], [self.fx.complaints.a3])
		self.assertEqual(summary_values(summary), {"Overdue": 2})
		self.assertIn("1 longest overdue of 2", message)

	def test_overdue_directorate_head_sees_only_their_directorate(self):
		_columns, rows, *_rest = self.as_head(overdue_complaints.execute)
		self.assertEqual([row.name for row in rows], [self.fx.complaints.a3])

	# Liaison Officer Performance
	OFFICERS_FIELDS = tuple(
		"total open closed overdue sla_met sla_breached sla_compliance avg_days_to_accept avg_days_to_close avg_rating".split()
	)

	def test_officers_each_counted_from_their_complaints(self):
		fx = self.fx
		rows, _chart = self.assert_national_table(
			liaison_officer_performance.execute,
			self.OFFICERS_FIELDS,
			{
				fx.oa1: (3, 0, 2, 0, 1, 1, 50.0, 2.0, 8.0, 3.5),
				fx.oa2: (2, 2, 0, 1, 0, 0, None, 1.0, None, None),
				fx.ob1: (3, 1, 2, 1, 2, 0, 100.0, 1.0, 4.0, 4.5),
				None: (1, 1, 0, 0, 0, 0, None, None, None, None),
			},
		)
		titles = {row.group_value: row.group_title for row in rows}
		self.assertEqual(titles[None], "Not Set")
		self.assertEqual(titles[fx.oa1], frappe.db.get_value("Liaison Officer", fx.oa1, "full_name"))

	def test_officers_directorate_head_sees_only_officers_of_their_directorate(self):
		_columns, rows, *_rest = self.as_head(liaison_officer_performance.execute)
		self.assertEqual(
			{row.group_value: row.total for row in rows}, {self.fx.oa1: 3, self.fx.oa2: 2, None: 1}
		)

	# Citizen Satisfaction
	SATISFACTION_FIELDS = (
		*"closed rated rated_share avg_rating satisfied_share".split(),
		*(f"stars_{n}" for n in range(1, 6)),
	)

	def test_satisfaction_ratings_by_directorate(self):
		self.assert_national_table(
			citizen_satisfaction.execute,
			self.SATISFACTION_FIELDS,
			{
				self.fx.a.directorate: (2, 2, 100.0, 3.5, 50.0, 0, 1, 0, 0, 1),
				self.fx.b.directorate: (2, 2, 100.0, 4.5, 100.0, 0, 0, 0, 1, 1),
			},
			{"Rated": 4, "Average Rating": 4.0, "Satisfied %": 75.0},
		)

	def test_satisfaction_directorate_head_sees_only_their_directorate(self):
		_columns, rows, *_rest = self.as_head(citizen_satisfaction.execute)
		self.assertEqual([row.group_value for row in rows], [self.fx.a.directorate])

	# Appeals Summary
	APPEALS_FIELDS = tuple(
		"total pending upheld partly_upheld rejected upheld_share avg_days_to_decide".split()
	)

	def test_appeals_by_directorate(self):
		self.assert_national_table(
			appeals_summary.execute,
			self.APPEALS_FIELDS,
			{
				self.fx.a.directorate: (2, 1, 1, 0, 0, 100.0, 2.0),
				self.fx.b.directorate: (2, 0, 0, 1, 1, 50.0, 3.0),
			},
			{"Appeals": 4, "Pending": 1, "Upheld in Whole or Part %": 66.7, "Average Days to Decide": 2.7},
		)

	def test_appeals_by_decision(self):
		_columns, rows, *_rest = self.national(appeals_summary.execute, group_by="decision")
		self.assertEqual(
			{row.group_value: row.total for row in rows},
			{"Not Set": 1, "Upheld": 1, "Rejected": 1, "Partly Upheld": 1},
		)

	def test_appeals_directorate_head_sees_only_their_directorate(self):
		_columns, rows, *_rest = self.as_head(appeals_summary.execute)
		self.assertEqual(
			by_group(rows, "total", "pending"), {self.fx.a.directorate: {"total": 2, "pending": 1}}
		)

	# Who may run the reports
	def test_directorate_head_runs_the_report_through_the_desk(self):
		with self.set_user(self.fx.head), self.freeze_time(self.fx.now):
			result = run_report("Overdue Complaints", filters={})
		self.assertEqual([row["name"] for row in result["result"]], [self.fx.complaints.a3])

	def test_roles_without_reports_are_refused(self):
		agent = make_user(roles=["Call Center Agent"]).name
		with self.set_user(agent), self.assertRaises(frappe.PermissionError):
			run_report("Complaints Analysis", filters={})

	# A liaison officer: the complaints of their units and those assigned to them, nothing else
	def test_analysis_liaison_officer_sees_only_their_unit(self):
		_columns, rows, _message, _chart, summary = self.run_as(
			self.fx.oa1, complaints_analysis.execute, {"group_by": "status"}
		)
		self.assertEqual({row.group_value: row.total for row in rows}, {"Closed": 2, "Rejected": 1})
		self.assertEqual(summary_values(summary)["Average Days to Close"], 8.0)

	def test_overdue_liaison_officer_sees_only_their_unit(self):
		_columns, rows, *_rest = self.run_as(self.fx.oa2, overdue_complaints.execute, {})
		self.assertEqual([row.name for row in rows], [self.fx.complaints.a3])
		_columns, rows, *_rest = self.run_as(self.fx.oa1, overdue_complaints.execute, {})
		self.assertEqual(rows, [])

	def test_officers_liaison_officer_sees_only_their_own_row(self):
		_columns, rows, *_rest = self.run_as(self.fx.oa2, liaison_officer_performance.execute, {})
		self.assertEqual(
			by_group(rows, "total", "open", "overdue"), {self.fx.oa2: {"total": 2, "open": 2, "overdue": 1}}
		)

	def test_sla_liaison_officer_sees_only_their_unit(self):
		_columns, rows, *_rest = self.run_as(self.fx.oa1, sla_compliance.execute, {})
		self.assertEqual(
			by_group(rows, "total", "sla_measured", "sla_met", "sla_breached"),
			{self.fx.a.directorate: {"total": 3, "sla_measured": 2, "sla_met": 1, "sla_breached": 1}},
		)

	def test_appeals_summary_is_refused_to_liaison_officers(self):
		"""Appeals are the board's and the directorates' business (Appeal grants liaison officers no report)."""
		with self.set_user(self.fx.oa1), self.assertRaises(frappe.PermissionError):
			run_report("Appeals Summary", filters={})

	def test_liaison_officer_runs_the_report_through_the_desk(self):
		with self.set_user(self.fx.oa2), self.freeze_time(self.fx.now):
			result = run_report("Complaints Analysis", filters={"group_by": "social_unit"})
		self.assertEqual(
			[(row["group_value"], row["total"]) for row in result["result"]], [(self.fx.a.units["Shubra"], 2)]
		)

	def test_liaison_officer_runs_the_officer_column_reports_through_the_desk(self):
		"""Frappe checks read on every Link column's doctype of a report with rows; officers may not read
		Liaison Officer (its mobiles), so their officer column is plain text, showing the same value."""
		self.assertFalse(frappe.has_permission("Liaison Officer", "read", user=self.fx.oa2))
		with self.set_user(self.fx.oa2), self.freeze_time(self.fx.now):
			overdue = run_report("Overdue Complaints", filters={})
			officers = run_report("Liaison Officer Performance", filters={})
		self.assertEqual(
			[(row["name"], row["liaison_officer"]) for row in overdue["result"]],
			[(self.fx.complaints.a3, self.fx.oa2)],
		)
		self.assertEqual(
			[(row["group_value"], row["total"]) for row in officers["result"]], [(self.fx.oa2, 2)]
		)
		for result, fieldname in ((overdue, "liaison_officer"), (officers, "group_value")):
			column = next(column for column in result["columns"] if column["fieldname"] == fieldname)
			self.assertEqual(column["fieldtype"], "Data")

	def test_officer_column_stays_a_link_for_who_may_read_liaison_officers(self):
		with self.set_user(self.manager):
			for columns, fieldname in (
				(overdue_complaints.columns(), "liaison_officer"),
				(liaison_officer_performance.columns(), "group_value"),
			):
				column = next(column for column in columns if column["fieldname"] == fieldname)
				self.assertEqual((column["fieldtype"], column.get("options")), ("Link", "Liaison Officer"))

	def test_links_the_reader_may_select_stay_links(self):
		"""Workflow State: staff may select it, not read it; its Link column is what the desk translates."""
		for user in (self.fx.head, self.fx.oa2):
			with self.subTest(user=user), self.set_user(user):
				(column, *_rest) = complaints_analysis.columns("status")
				self.assertEqual((column["fieldtype"], column.get("options")), ("Link", "Workflow State"))
				status = next(
					column for column in overdue_complaints.columns() if column["fieldname"] == "status"
				)
				self.assertEqual(status["fieldtype"], "Link")

	def test_each_report_script_includes_the_shared_filters_once(self):
		from frappe.desk.query_report import get_script

		for report in REPORTS:
			with self.subTest(report=report):
				script = get_script(report)["script"]
				self.assertEqual(script.count('frappe.provide("complaints_mgmt.reports")'), 1)
				self.assertNotIn("{%", script)
				self.assertIn(f'frappe.query_reports["{report}"]', script)

	# Charts
	def test_chart_labels_are_the_tables_in_arabic(self):
		"""The desk's table shows a Link value through __() (its Link formatter) and a fixed word translated
		by label_groups; the chart beside it says the same, not the stored English value."""
		arabic = f"محافظة التقارير {frappe.generate_hash(length=4)}"
		translation = frappe.get_doc(
			{
				"doctype": "Translation",
				"language": "ar",
				"source_text": self.fx.a.governorate,
				"translated_text": arabic,
			}
		).insert()
		self.addCleanup(translation.delete)
		previous = frappe.local.lang
		self.addCleanup(setattr, frappe.local, "lang", previous)
		frappe.local.lang = "ar"
		_columns, rows, _message, chart, _summary = self.national(complaints_analysis.execute)
		self.assertEqual(chart["data"]["labels"], [arabic, self.fx.b.governorate])
		self.assertEqual(chart["data"]["labels"], [frappe._(row.group_value) for row in rows])
		_columns, rows, _message, chart, _summary = self.national(
			complaints_analysis.execute, group_by="status"
		)
		self.assertEqual(chart["data"]["labels"], [frappe._(row.group_value) for row in rows])
		self.assertIn(frappe._("Closed"), chart["data"]["labels"])
		self.assertNotIn("Closed", chart["data"]["labels"])
		_columns, rows, _message, chart, _summary = self.national(
			complaints_analysis.execute, group_by="social_unit"
		)
		self.assertEqual(chart["data"]["labels"], [row.group_title for row in rows])  # names, not codes
		_columns, rows, _message, chart, _summary = self.national(
			complaints_analysis.execute, group_by="channel"
		)
		self.assertEqual(
			chart["data"]["labels"], [row.group_value for row in rows]
		)  # translated by label_groups
		self.assertIn(frappe._("Hotline"), chart["data"]["labels"])

	# Filters
	def test_each_filter_keeps_only_the_complaints_it_names(self):
		fx = self.fx
		expected = {
			"governorate": (fx.b.governorate, 3),
			"directorate": (fx.a.directorate, 6),
			"social_unit": (fx.a.units["Shubra"], 2),
			"channel": ("Hotline", 4),
			"status": ("Closed", 4),
			"liaison_officer": (fx.ob1, 3),
		}
		for field, (value, count) in expected.items():
			with self.subTest(field=field):
				_columns, rows, *_rest = self.national(complaints_analysis.execute, **{field: value})
				self.assertEqual(sum(row.total for row in rows), count)

	def test_an_empty_and_a_missing_value_are_one_group(self):
		ours = list(self.fx.complaints.values())
		missing = frappe.get_all(
			"Complaint", filters={"name": ("in", ours), "social_unit": ("is", "not set")}, pluck="name"
		)
		emptied, unit = frappe.db.get_value(
			"Complaint", {"name": ("in", ours), "social_unit": ("is", "set")}, ["name", "social_unit"]
		)
		self.assertTrue(missing)
		frappe.db.set_value("Complaint", emptied, "social_unit", "", update_modified=False)
		try:
			_columns, rows, *_rest = self.national(complaints_analysis.execute, group_by="social_unit")
		finally:
			frappe.db.set_value("Complaint", emptied, "social_unit", unit, update_modified=False)
		unset = [row for row in rows if row.group_value in (None, "", frappe._("Not Set"))]
		self.assertEqual(len(unset), 1, [row.group_value for row in rows])
		self.assertEqual(unset[0].total, len(missing) + 1)

	def test_filters_combine(self):
		_columns, rows, *_rest = self.national(
			complaints_analysis.execute,
			group_by="social_unit",
			governorate=self.fx.a.governorate,
			channel="Counter",
			from_date="2026-03-15",
		)
		self.assertEqual([(row.group_value, row.total) for row in rows], [(self.fx.a.units["Shubra"], 1)])

	# Computed in the database
	def test_each_report_reads_complaints_in_one_grouped_query(self):
		for execute, group_by in (
			(complaints_analysis.execute, "governorate"),
			(sla_compliance.execute, "directorate"),
			(liaison_officer_performance.execute, None),
			(citizen_satisfaction.execute, "category"),
			(overdue_complaints.execute, None),
		):
			with self.subTest(report=execute.__module__), recorded_queries() as queries:
				self.national(execute, **({"group_by": group_by} if group_by else {}))
			on_complaints = [query for query in queries if "`tabComplaint`" in query]
			self.assertEqual(len(on_complaints), 1, on_complaints)
			if group_by:
				self.assertIn("GROUP BY", on_complaints[0].upper())

	def test_a_years_national_figures_are_read_from_an_index_alone(self):
		"""Every grouping's query reads a covering index (analytics.FIGURES_INDEXES), not the rows: at
		1,000,000 complaints that is 0.3 to 1.4 s for a year instead of up to 2.8 s."""
		every_measure = tuple(ComplaintQuery().measures())
		for group_by in (None, *COMPLAINT_DIMENSIONS):
			with self.subTest(group_by=group_by), self.set_user(self.manager):
				query = ComplaintQuery({"from_date": "2025-03-01", "to_date": "2026-03-01"})
				plan = query_plan(query.grouped_query(group_by, every_measure).get_sql())
			self.assertIn(plan.key, FIGURES_INDEXES)
			self.assertIn("Using index", plan.Extra or "")

	# Export through Frappe's own export (the desk's Export button)
	def export(self, user, report_name, file_format_type, filters, lang="en"):
		previous = frappe.local.lang
		try:
			with self.set_user(user), self.freeze_time(self.fx.now):  # set_user empties form_dict
				frappe.local.lang = lang
				frappe.local.form_dict = frappe._dict(
					report_name=report_name,
					file_format_type=file_format_type,
					filters=json.dumps(filters),
					visible_idx="[]",
				)
				export_query()
		finally:
			frappe.local.lang = previous
			frappe.local.form_dict = frappe._dict()
		return frappe.response

	def test_csv_export_holds_the_reports_rows(self):
		response = self.export(self.manager, "Complaints Analysis", "CSV", {"category": self.fx.root})
		self.assertEqual(response["filename"], "Complaints Analysis.csv")
		rows = list(csv.reader(io.StringIO(response["filecontent"].decode("utf-8"))))
		header, *body = rows
		self.assertEqual(header[:3], ["Governorate", "Received", "Open"])
		self.assertEqual(
			[row[:3] for row in body], [[self.fx.a.governorate, "6", "3"], [self.fx.b.governorate, "3", "1"]]
		)

	def test_excel_export_in_arabic_for_a_directorate_head(self):
		from openpyxl import load_workbook

		response = self.export(self.fx.head, "SLA Compliance", "Excel", {}, lang="ar")
		self.assertTrue(response["filename"].endswith(".xlsx"))
		sheet = load_workbook(io.BytesIO(response["filecontent"])).active
		rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
		self.assertEqual(rows[0][0], "المديرية")
		self.assertEqual([row[0] for row in rows[1:]], [self.fx.a.directorate])
		self.assertEqual(rows[1][1:5], [6, 2, 1, 1])


class TestChartLabels(FrappeTestCase):
	"""A chart's bar has its bar's width for a label: the words every group shares are left out."""

	def test_the_words_every_directorate_begins_with_are_left_out(self):
		labels = [
			"مديرية التضامن الاجتماعي بالقاهرة",
			"مديرية التضامن الاجتماعي بالجيزة",
			"مديرية التضامن الاجتماعي بأسوان",
		]
		self.assertEqual(distinctive_labels(labels), ["بالقاهرة", "بالجيزة", "بأسوان"])

	def test_shared_words_at_both_ends_are_left_out_and_each_label_keeps_one_word(self):
		self.assertEqual(
			distinctive_labels(["Unit of Cairo Office", "Unit of Giza Office"]), ["Cairo", "Giza"]
		)
		# a label made of the shared words only keeps them
		self.assertEqual(
			distinctive_labels(["Directorate of Cairo", "Directorate of Giza", "Directorate"]),
			["Cairo", "Giza", "Directorate"],
		)
		# groups that do not share them (no directorate, central triage) keep their names
		self.assertEqual(
			distinctive_labels(
				[
					"غير محدد",
					"Central Triage (Headquarters)",
					"Fayoum Directorate of Social Solidarity",
					"Giza Directorate of Social Solidarity",
					"New Valley Directorate of Social Solidarity",
				]
			),
			["غير محدد", "Central Triage (Headquarters)", "Fayoum", "Giza", "New Valley"],
		)
		self.assertEqual(distinctive_labels(["Cairo", "Cairo"]), ["Cairo", "Cairo"])

	def test_the_sla_chart_names_the_directorates_by_what_tells_them_apart(self):
		fx = make_report_fixtures()
		manager = make_user(roles=["Complaints Manager"]).name
		with self.set_user(manager), self.freeze_time(fx.now):
			_columns, rows, _message, chart, _summary = sla_compliance.execute({"category": fx.root})
		self.assertEqual(
			chart["data"]["labels"], [row.group_value.removeprefix("Directorate ") for row in rows]
		)
		self.assertLessEqual(len(chart["data"]["labels"]), 10)
