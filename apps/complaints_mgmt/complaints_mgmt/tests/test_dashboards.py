"""The Complaints workspace's number cards and charts, counted against the hand-counted set
(utils.make_report_fixtures), for a national manager and for a directorate head."""

import json

import frappe
from frappe.desk.doctype.number_card.number_card import get_result as get_card_result
from frappe.utils import now_datetime

from complaints_mgmt.api import dashboard
from complaints_mgmt.tests.utils import ReportFixturesTestCase, make_user


class TestDashboards(ReportFixturesTestCase):
	def card(self, name, user, extra_filters=()):
		"""A Document Type card's figure as the desk computes it (its filters, the dynamic ones evaluated)."""
		card = frappe.get_doc("Number Card", name)
		with self.set_user(user), self.freeze_time(self.fx.now):
			filters = json.loads(card.filters_json)
			for doctype, field, operator, _expression in json.loads(card.dynamic_filters_json or "[]"):
				filters.append(
					[doctype, field, operator, str(now_datetime())]
				)  # frappe.datetime.now_datetime()
			return get_card_result(card.as_dict(), [*filters, *extra_filters])

	def in_fixture(self):
		return [["Complaint", "category", "descendants of (inclusive)", self.fx.root]]

	def call(self, method, user, **filters):
		with self.set_user(user), self.freeze_time(self.fx.now):
			return method(json.dumps(filters))

	def test_document_type_cards_for_a_directorate_head(self):
		head = self.fx.head
		self.assertEqual(self.card("Open Complaints", head), 3)
		self.assertEqual(self.card("Overdue Complaints", head), 1)
		self.assertEqual(self.card("Received Today", head), 1)
		self.assertEqual(self.card("Closed This Month", head), 2)

	def test_document_type_cards_nationally(self):
		manager, scope = self.manager, self.in_fixture()
		self.assertEqual(self.card("Open Complaints", manager, scope), 4)
		self.assertEqual(self.card("Overdue Complaints", manager, scope), 2)
		self.assertEqual(self.card("Received Today", manager, scope), 1)
		self.assertEqual(self.card("Closed This Month", manager, scope), 3)

	def test_sla_and_days_to_close_cards_for_a_directorate_head(self):
		self.assertEqual(self.call(dashboard.sla_compliance, self.fx.head)["value"], 50.0)
		self.assertEqual(self.call(dashboard.average_days_to_close, self.fx.head)["value"], 8.0)

	def test_sla_and_days_to_close_cards_nationally_over_the_last_30_days(self):
		root = self.fx.root
		self.assertEqual(self.call(dashboard.sla_compliance, self.manager, category=root)["value"], 66.7)
		self.assertEqual(
			self.call(dashboard.average_days_to_close, self.manager, category=root)["value"], 6.3
		)

	def test_roles_without_statistics_get_a_clean_refusal_and_no_figures(self):
		"""Call center agents and the appeals board read complaints, but the complaint reports (and so the
		workspace's figures) are not theirs: the cards answer `not_permitted` (desk.js hides them), the
		charts nothing, without an exception (a traceback and a 403 on every workspace load)."""
		for roles in (["Call Center Agent"], ["Appeals Board Member"], ["Blogger"]):
			user = make_user(roles=roles).name
			with self.subTest(roles=roles):
				for card in (dashboard.sla_compliance, dashboard.average_days_to_close):
					self.assertEqual(self.call(card, user), dashboard.NOT_PERMITTED)
				for chart in (
					dashboard.daily_trend,
					dashboard.processing_time_distribution,
					dashboard.complaint_counts,
				):
					self.assertEqual(self.call(chart, user), {"labels": [], "datasets": []})

	def test_workspace_shows_the_figures_only_to_roles_with_the_reports(self):
		"""Frappe lists a Custom number card to whoever reads its DocType, so the agent and the board still
		get the two figure cards listed (desk.js hides them on their `not_permitted` answer); the charts
		are listed only to the roles of the reports."""
		from frappe.desk.desktop import get_desktop_page

		for roles in (["Call Center Agent"], ["Appeals Board Member"]):
			user = make_user(roles=roles).name
			with self.subTest(roles=roles), self.set_user(user):
				page = get_desktop_page(
					json.dumps({"name": "Complaints", "title": "Complaints", "public": 1})
				)
				self.assertEqual(page["charts"]["items"], [])
				self.assertFalse(dashboard.may_see_statistics())
		for user in (self.manager, self.fx.head, self.fx.oa1):
			with self.subTest(user=user), self.set_user(user):
				self.assertTrue(dashboard.may_see_statistics())

	def test_no_finished_complaint_shows_no_share_and_no_average(self):
		"""Nothing measured is not 0 %: the card gets no value (the desk shows "—")."""
		head = self.fx.head
		other = self.fx.b.directorate
		self.assertIsNone(self.call(dashboard.sla_compliance, head, directorate=other)["value"])
		self.assertIsNone(self.call(dashboard.average_days_to_close, head, directorate=other)["value"])

	def test_daily_trend_for_a_directorate_head(self):
		chart = self.call(dashboard.daily_trend, self.fx.head)
		received, finished = (dataset["values"] for dataset in chart["datasets"])
		self.assertEqual(len(chart["labels"]), 30)
		self.assertEqual(sum(received), 6)
		self.assertEqual(received[-1], 1)  # today
		self.assertEqual(finished[-5], 2)  # four days ago: one closed, one rejected
		self.assertEqual(sum(finished), 3)

	def test_processing_time_distribution_for_a_directorate_head(self):
		chart = self.call(dashboard.processing_time_distribution, self.fx.head)
		self.assertEqual(
			chart["labels"], ["Under 3 days", "3 to 7 days", "7 to 14 days", "14 to 30 days", "Over 30 days"]
		)
		finished, still_open = (dataset["values"] for dataset in chart["datasets"])
		self.assertEqual(finished, [1, 1, 1, 0, 0])
		self.assertEqual(still_open, [2, 0, 1, 0, 0])

	def chart(self, name, user, lang="en"):
		"""A Complaint Counts chart as the desk draws it: the source's method with the chart's filters."""
		chart = frappe.get_doc("Dashboard Chart", name)
		self.assertEqual(chart.source, "Complaint Counts")
		previous = frappe.local.lang
		try:
			with self.set_user(user), self.freeze_time(self.fx.now):
				frappe.local.lang = lang
				return dashboard.complaint_counts(chart.filters_json)
		finally:
			frappe.local.lang = previous

	def in_fixture_chart(self, name, user=None):
		"""A chart narrowed to the fixture's category tree (other tests' complaints stay out)."""
		chart = frappe.get_doc("Dashboard Chart", name)
		filters = {**json.loads(chart.filters_json), "category": self.fx.root}
		with self.set_user(user or self.manager), self.freeze_time(self.fx.now):
			data = dashboard.complaint_counts(json.dumps(filters))
		return dict(zip(data["labels"], data["datasets"][0]["values"], strict=True))

	def test_count_charts_for_a_directorate_head(self):
		governorates = self.chart("Open Complaints by Governorate", self.fx.head)
		statuses = self.chart("Open Complaints by Status", self.fx.head)
		self.assertEqual(governorates["labels"], [self.fx.a.governorate])
		self.assertEqual(governorates["datasets"][0]["values"], [3])
		self.assertEqual(
			dict(zip(statuses["labels"], statuses["datasets"][0]["values"], strict=True)),
			{"In Progress": 1, "Accepted": 1, "New": 1},
		)

	def test_count_charts_nationally(self):
		self.assertEqual(
			self.in_fixture_chart("Open Complaints by Governorate"),
			{self.fx.a.governorate: 3, self.fx.b.governorate: 1},
		)
		self.assertEqual(self.in_fixture_chart("Open Complaints by Category"), {self.fx.c1: 2, self.fx.c2: 2})
		# received in the last 30 days: b1 (40 days ago) is left out
		self.assertEqual(
			self.in_fixture_chart("Complaints by Channel"),
			{"Hotline": 3, "Counter": 2, "Web Portal": 2, "Email": 1},
		)

	def test_count_chart_labels_are_translated(self):
		statuses = self.chart("Open Complaints by Status", self.fx.head, lang="ar")
		self.assertIn(frappe.translate.get_full_dict("ar").get("In Progress"), statuses["labels"])
		self.assertNotIn("In Progress", statuses["labels"])

	def test_count_chart_with_filters_saved_before_it_was_custom_uses_its_own(self):
		legacy = [["Complaint", "received_on", ">=", "2026-02-16 12:00:00", False]]
		with self.set_user(self.fx.head), self.freeze_time(self.fx.now):
			data = dashboard.complaint_counts(json.dumps(legacy), chart_name="Open Complaints by Governorate")
		self.assertEqual((data["labels"], data["datasets"][0]["values"]), ([self.fx.a.governorate], [3]))

	def test_count_charts_are_computed_for_each_viewer(self):
		"""Nothing one viewer's chart counted is served to the next (Frappe's Group By charts cache per chart)."""
		national = self.in_fixture_chart("Open Complaints by Governorate")
		self.assertEqual(
			self.in_fixture_chart("Open Complaints by Governorate", self.fx.head), {self.fx.a.governorate: 3}
		)
		self.assertNotEqual(national, {self.fx.a.governorate: 3})

	def test_document_type_cards_for_liaison_officers(self):
		fx = self.fx
		self.assertEqual(self.card("Open Complaints", fx.oa2), 2)
		self.assertEqual(self.card("Overdue Complaints", fx.oa2), 1)
		self.assertEqual(self.card("Closed This Month", fx.oa2), 0)
		self.assertEqual(self.card("Open Complaints", fx.oa1), 0)
		self.assertEqual(self.card("Closed This Month", fx.oa1), 2)

	def test_custom_cards_and_charts_for_a_liaison_officer(self):
		fx = self.fx
		self.assertEqual(self.call(dashboard.sla_compliance, fx.oa1)["value"], 50.0)
		self.assertEqual(self.call(dashboard.average_days_to_close, fx.oa1)["value"], 8.0)
		finished, still_open = (
			dataset["values"]
			for dataset in self.call(dashboard.processing_time_distribution, fx.oa2)["datasets"]
		)
		self.assertEqual((finished, still_open), ([0, 0, 0, 0, 0], [1, 0, 1, 0, 0]))
		governorates = self.chart("Open Complaints by Governorate", fx.oa2)
		self.assertEqual(
			(governorates["labels"], governorates["datasets"][0]["values"]), ([fx.a.governorate], [2])
		)

	def test_card_filters_narrow_the_viewers_scope_only(self):
		head = self.fx.head
		self.assertIsNone(
			self.call(dashboard.sla_compliance, head, directorate=self.fx.b.directorate)["value"]
		)
		# b3 took 3 days; b1 closed 35 days ago, before the card's 30 days
		self.assertEqual(
			self.call(dashboard.average_days_to_close, self.manager, directorate=self.fx.b.directorate)[
				"value"
			],
			3.0,
		)

	def test_workspace_shows_every_card_and_chart_to_heads_and_liaison_officers(self):
		from frappe.desk.desktop import get_desktop_page

		workspace = frappe.get_doc("Workspace", "Complaints")
		for user in (self.fx.head, self.fx.oa1):
			with self.subTest(user=user), self.set_user(user):
				page = get_desktop_page(
					json.dumps({"name": "Complaints", "title": "Complaints", "public": 1})
				)
				self.assertEqual(
					sorted(item.number_card_name for item in page["number_cards"]["items"]),
					sorted(card.number_card_name for card in workspace.number_cards),
				)
				self.assertEqual(
					sorted(item.chart_name for item in page["charts"]["items"]),
					sorted(chart.chart_name for chart in workspace.charts),
				)
