"""The demo loader builds a realistic organisation and complaints, and a second run adds nothing."""

import frappe
from frappe.tests.utils import FrappeTestCase

from complaints_mgmt.setup import demo_data
from complaints_mgmt.setup.demo import directorate_name, load_demo


class TestDemoLoader(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.first = load_demo(complaints=6, governorate_codes=["01"], seed=7)
		cls.second = load_demo(complaints=6, governorate_codes=["01"], seed=7)

	def test_all_governorates_with_their_national_id_codes(self):
		self.assertEqual(frappe.db.count("Governorate"), 28)
		self.assertEqual(frappe.db.get_value("Governorate", {"code": "21"}), "Giza")
		self.assertEqual(frappe.db.get_value("Governorate", "Luxor", "region"), "South Upper Egypt")

	def test_social_units_in_real_districts_of_the_directorate(self):
		units = frappe.get_all(
			"Social Unit", filters={"directorate": directorate_name("Cairo")}, pluck="district"
		)
		self.assertEqual(len(units), 2 * len(demo_data.DISTRICTS["01"]))
		self.assertIn("Nasr City", units)

	def test_category_tree_from_the_ministry_programmes(self):
		self.assertEqual(
			frappe.db.get_value("Complaint Category", "Takaful and Karama", "parent_complaint_category"),
			"Cash Support",
		)
		self.assertTrue(frappe.db.get_value("Complaint Category", "Cash Support", "is_group"))

	def test_one_demo_user_per_role(self):
		for email, _first, _last, role in demo_data.DEMO_USERS:
			self.assertIn(role, frappe.get_roles(email), email)
		self.assertEqual(frappe.db.get_value("User", "citizen@demo.complaints.local", "user_type"), "Website User")

	def test_every_unit_has_a_liaison_officer(self):
		units = frappe.get_all("Social Unit", filters={"directorate": directorate_name("Cairo")}, pluck="name")
		staffed = frappe.get_all("Liaison Officer Unit", filters={"unit": ["in", units]}, pluck="unit")
		self.assertEqual(sorted(units), sorted(staffed))

	def test_complaints_are_spread_over_states_with_consistent_dates(self):
		complaints = frappe.get_all(
			"Complaint",
			filters={"client_request_key": ["like", "demo-%"]},
			fields=["name", "status", "received_on", "closed_on", "response"],
		)
		self.assertEqual(len(complaints), 6)
		for complaint in complaints:
			if complaint.status == "Closed":
				self.assertTrue(complaint.response)
				self.assertGreater(complaint.closed_on, complaint.received_on)

	def test_second_run_creates_nothing(self):
		self.assertTrue(self.first["Social Unit"] > 0)
		self.assertEqual(sum(self.second.values()), 0, self.second)
