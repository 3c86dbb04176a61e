"""The public statistics page: national aggregates only, right-to-left in Arabic, open to guests."""

import json

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import set_request
from frappe.website.serve import get_response

from complaints_mgmt.analytics.queries import public_statistics
from complaints_mgmt.tests.utils import VALID_MOBILE, VALID_NATIONAL_ID, make_report_fixtures


class TestStatisticsPage(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.fx = make_report_fixtures()

	def setUp(self):
		public_statistics.clear_cache()
		self.addCleanup(public_statistics.clear_cache)

	def statistics(self):
		with self.freeze_time(self.fx.now):
			return public_statistics()

	def render(self, lang: str) -> str:
		previous = frappe.local.lang
		frappe.local.lang = lang
		try:
			with self.set_user("Guest"), self.freeze_time(self.fx.now):
				set_request(method="GET", path="/statistics")
				response = get_response("statistics")
		finally:
			frappe.local.lang = previous
		self.assertEqual(response.status_code, 200)
		return response.get_data(as_text=True)

	def test_counts_by_governorate_include_the_complaints_of_each(self):
		by_governorate = dict(self.statistics()["by_governorate"])
		self.assertEqual(by_governorate[self.fx.a.governorate], 6)
		self.assertEqual(by_governorate[self.fx.b.governorate], 3)

	def test_figures_are_cached_until_cleared(self):
		first = self.statistics()
		frappe.db.set_value("Complaint", self.fx.complaints.a6, "governorate", self.fx.b.governorate)
		self.assertEqual(self.statistics(), first)
		public_statistics.clear_cache()
		self.assertEqual(dict(self.statistics()["by_governorate"])[self.fx.b.governorate], 4)

	def test_cached_figures_are_national_whoever_computes_them_first(self):
		with self.set_user(self.fx.head):  # a directorate head sees only directorate A elsewhere
			self.statistics()
		with self.set_user("Guest"):
			by_governorate = dict(self.statistics()["by_governorate"])
		self.assertEqual(by_governorate[self.fx.b.governorate], 3)

	def test_figures_hold_no_personal_data(self):
		stored = frappe.db.get_value(
			"Complaint",
			self.fx.complaints.a1,
			["complainant_name", "national_id", "mobile", "subject", "description", "name"],
			as_dict=True,
		)
		published = json.dumps(self.statistics(), default=str) + self.render("en")
		for field, value in stored.items():
			self.assertNotIn(value, published, field)
		for value in (VALID_NATIONAL_ID, VALID_MOBILE, VALID_MOBILE[1:]):
			self.assertNotIn(value, published)

	def test_guest_gets_the_page_right_to_left_in_arabic(self):
		html = self.render("ar")
		self.assertIn('dir="rtl" lang="ar"', html)
		self.assertIn(self.fx.a.governorate, html)

	def test_page_is_left_to_right_in_english(self):
		self.assertIn('dir="ltr"', self.render("en"))
