"""The demo loader builds a realistic organisation and complaints, and a second run adds nothing."""

import frappe
from frappe.tests.utils import FrappeTestCase

from complaints_mgmt.intake.national_id import EGYPT_GOVERNORATE_CODES
from complaints_mgmt.setup import demo_data
from complaints_mgmt.setup.demo import (
	DEMO_DOMAIN,
	SHOWCASE,
	SHOWCASE_CITIZEN,
	SHOWCASE_OFFICER,
	demo_request_key,
	directorate_name,
	load_demo,
	showcase_request_key,
	unit_code,
)


class TestDemoLoader(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.first = load_demo(complaints=6, governorate_codes=["01"], seed=7)
		cls.second = load_demo(complaints=6, governorate_codes=["01"], seed=7)

	def test_all_governorates_with_their_national_id_codes(self):
		# (other suites may leave governorates of their own on the site: count the demo's, by code)
		codes = frappe.get_all(
			"Governorate", filters={"code": ["in", list(EGYPT_GOVERNORATE_CODES)]}, pluck="code"
		)
		self.assertEqual(sorted(codes), sorted(EGYPT_GOVERNORATE_CODES))
		self.assertEqual(frappe.db.get_value("Governorate", {"code": "21"}), "Giza")
		self.assertEqual(frappe.db.get_value("Governorate", "Luxor", "region"), "South Upper Egypt")

	def test_social_units_in_real_districts_of_the_directorate(self):
		units = frappe.get_all(
			"Social Unit", filters={"directorate": directorate_name("Cairo")}, pluck="name"
		)
		served = frappe.get_all(
			"Social Unit Place",
			filters={"parent": ("in", units), "parenttype": "Social Unit"},
			pluck="district",
		)
		self.assertEqual(len(units), 2 * len(demo_data.DISTRICTS["01"]))
		self.assertEqual(len(served), len(units))
		self.assertIn("Nasr City", served)

	def test_category_tree_from_the_ministry_programmes(self):
		# ("Takaful and Karama" is also the default category of the test factories, which other test
		# modules create without a parent, so the tree is checked on its sibling)
		self.assertEqual(
			frappe.db.get_value(
				"Complaint Category", "Monthly Social Assistance", "parent_complaint_category"
			),
			"Cash Support",
		)
		self.assertTrue(frappe.db.get_value("Complaint Category", "Cash Support", "is_group"))

	def test_one_demo_user_per_role(self):
		for email, _first, _last, role in demo_data.DEMO_USERS:
			self.assertIn(role, frappe.get_roles(email), email)
		self.assertEqual(
			frappe.db.get_value("User", "citizen@demo.complaints.local", "user_type"), "Website User"
		)

	def test_the_demos_people_are_named_in_arabic(self):
		import re

		names = frappe.get_all("User", filters={"name": ("like", f"%@{DEMO_DOMAIN}")}, pluck="full_name")
		self.assertGreater(len(names), len(demo_data.DEMO_USERS))
		self.assertEqual([name for name in names if re.search(r"[A-Za-z]", name or "")], [])
		officers = frappe.get_all(
			"Liaison Officer", filters={"user": ("like", f"%@{DEMO_DOMAIN}")}, pluck="full_name"
		)
		self.assertEqual([name for name in officers if re.search(r"[A-Za-z]", name or "")], [])

	def test_every_unit_has_a_liaison_officer(self):
		# the directorate's officer answers for every unit; the first Nasr City unit also has the demo login
		units = frappe.get_all(
			"Social Unit", filters={"directorate": directorate_name("Cairo")}, pluck="name"
		)
		staffed = frappe.get_all(
			"Liaison Officer Unit",
			filters={"parenttype": "Liaison Officer", "unit_doctype": "Social Unit", "unit": ["in", units]},
			fields=["unit", "parent"],
		)
		self.assertEqual(sorted(units), sorted({row.unit for row in staffed}))
		cairo_officer = "officer.01@demo.complaints.local"
		self.assertEqual(sorted(row.unit for row in staffed if row.parent == cairo_officer), sorted(units))
		nasr_city = [row.parent for row in staffed if row.unit == "SU-01-011"]
		self.assertEqual(sorted(nasr_city), sorted([cairo_officer, "officer.nasrcity@demo.complaints.local"]))

	def test_every_staffed_unit_has_its_assignment_rule(self):
		rule = frappe.get_doc("Assignment Rule", "Social Unit: SU-01-011")
		self.assertEqual(
			sorted(row.user for row in rule.users),
			sorted(["officer.01@demo.complaints.local", "officer.nasrcity@demo.complaints.local"]),
		)
		self.assertFalse(rule.disabled)

	def test_complaints_are_spread_over_states_with_consistent_dates(self):
		complaints = frappe.get_all(
			"Complaint",
			filters={"client_request_key": ["in", [demo_request_key(i) for i in range(6)]]},
			fields=["name", "status", "received_on", "closed_on", "response"],
		)
		self.assertEqual(len(complaints), 6)
		for complaint in complaints:
			if complaint.status == "Closed":
				self.assertTrue(complaint.response)
				self.assertGreater(complaint.closed_on, complaint.received_on)

	def test_demo_complaints_are_assigned_as_their_state_says(self):
		complaints = frappe.get_all(
			"Complaint",
			filters={"client_request_key": ["in", [demo_request_key(i) for i in range(6)]]},
			fields=["name", "status", "unit", "routing_level", "liaison_officer"],
		)
		for complaint in complaints:
			todos = frappe.get_all(
				"ToDo", filters={"reference_name": complaint.name, "status": "Open"}, pluck="allocated_to"
			)
			if complaint.status in ("Closed", "Rejected"):
				self.assertEqual(todos, [], complaint)
				continue
			if complaint.status == "Transferred":
				self.assertEqual(complaint.routing_level, "Central Triage", complaint)
			officers = frappe.get_all(
				"Liaison Officer Unit", filters={"unit": complaint.unit}, pluck="parent"
			)
			self.assertIn(complaint.liaison_officer, officers, complaint)
			self.assertEqual(todos, [complaint.liaison_officer], complaint)

	def test_second_run_creates_nothing(self):
		# the first run created what the site lacked (on a site with the demo loaded already: nothing)
		self.assertTrue(frappe.db.exists("Social Unit", unit_code("01", 0, 1)))
		self.assertTrue(frappe.db.exists("Liaison Officer", "officer.nasrcity@demo.complaints.local"))
		self.assertEqual(sum(self.second.values()), 0, self.second)

	def showcase(self, **filters) -> list:
		return frappe.get_all(
			"Complaint",
			filters={
				"client_request_key": ["in", [showcase_request_key(key) for key, *_r in SHOWCASE]],
				**filters,
			},
			fields=["name", "status", "deadline", "liaison_officer", "review_note", "satisfaction_rating"],
		)

	def test_the_printed_liaison_officer_has_work_in_every_state_of_their_day(self):
		seen = set(frappe.get_list("Complaint", pluck="name", user=SHOWCASE_OFFICER, limit_page_length=0))
		mine = [c for c in self.showcase() if c.name in seen]
		statuses = {c.status for c in mine}
		self.assertLessEqual({"Routed", "Accepted", "In Progress", "Returned"}, statuses)
		returned = next(c for c in mine if c.status == "Returned")
		self.assertTrue(returned.review_note)
		late = [c for c in mine if c.deadline and c.deadline < frappe.utils.now_datetime()]
		self.assertTrue(late, "no late complaint")
		open_ones = [c for c in mine if c.status not in ("Closed", "Rejected")]
		self.assertTrue(all(c.liaison_officer == SHOWCASE_OFFICER for c in open_ones), open_ones)

	def test_the_reviewer_and_the_appeals_board_have_work_waiting(self):
		self.assertTrue(self.showcase(status=["in", ["Responded", "Under Review"]]))
		appealed = frappe.db.get_value("Complaint", {"client_request_key": showcase_request_key("appealed")})
		self.assertEqual(frappe.db.get_value("Appeal", {"complaint": appealed}, "status"), "Submitted")

	def test_the_demo_citizen_has_complaints_in_several_states_and_one_to_rate(self):
		own = self.showcase(citizen_user=SHOWCASE_CITIZEN)
		self.assertGreaterEqual(len({c.status for c in own}), 4)
		self.assertTrue([c for c in own if c.status == "Closed" and not c.satisfaction_rating])
