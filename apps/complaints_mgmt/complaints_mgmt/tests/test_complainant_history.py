"""The complainant's earlier complaints in the complaint form (staff_tools/complainant_history.py): found
by the typed national ID or mobile, only those the user may read, newest first, counted past a handful,
nothing for an ID that is not valid, and limited per user and hour."""

import random

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, now_datetime

from complaints_mgmt.setup.demo import demo_national_id
from complaints_mgmt.staff_tools.complainant_history import (
	SHOWN,
	LookupLimitExceededError,
	complainant_history,
)
from complaints_mgmt.tests.utils import (
	citizen_user,
	make_org_complaint,
	make_organisation,
	random_category,
	staff_user,
)


def history_of(user: str, **typed) -> dict:
	frappe.set_user(user)
	try:
		return complainant_history(**typed)
	finally:
		frappe.set_user("Administrator")


def names(result: dict) -> list[str]:
	return [row["name"] for row in result["complaints"]]


def random_mobile() -> str:
	return "010" + "".join(random.choices("0123456789", k=8))


class TestComplainantHistory(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		frappe.db.set_single_value("Complaints Settings", "complainant_lookups_per_hour", 0)
		cls.org = make_organisation()
		cls.first, cls.second = cls.org.units
		cls.category = random_category()
		cls.national_id = demo_national_id(random.Random(), "01")
		cls.mobile = random_mobile()
		now = now_datetime()
		cls.older = cls.complaint(cls.first, add_days(now, -20))
		cls.newer = cls.complaint(cls.second, add_days(now, -2))
		cls.agent = staff_user("Call Center Agent")

	@classmethod
	def complaint(cls, unit_district: str, received_on, national_id: str | None = None) -> str:
		name = make_org_complaint(
			cls.org,
			unit_district,
			national_id=national_id or cls.national_id,
			mobile=cls.mobile if not national_id else random_mobile(),
			category=cls.category,
		).name
		frappe.db.set_value("Complaint", name, "received_on", received_on, update_modified=False)
		return name

	def officer_of(self, district: str) -> str:
		return frappe.db.get_value("Liaison Officer", self.org.officers[district], "user")

	def test_an_agent_sees_the_complainants_complaints_newest_first_with_arabic_labels(self):
		frappe.local.lang = "ar"
		try:
			result = history_of(self.agent, national_id=self.national_id)
		finally:
			frappe.local.lang = "en"
		self.assertEqual(names(result), [self.newer, self.older])
		self.assertEqual(result["more"], 0)
		row = result["complaints"][0]
		self.assertTrue(row["status"].isascii())
		self.assertFalse(row["status_label"].isascii(), row["status_label"])
		self.assertTrue(row["date"])
		self.assertTrue(row["unit_label"])

	def test_the_mobile_alone_finds_them_in_any_form_it_is_typed(self):
		typed = "+20 " + self.mobile[1:4] + " " + self.mobile[4:]
		self.assertEqual(names(history_of(self.agent, mobile=typed)), [self.newer, self.older])

	def test_a_liaison_officer_sees_only_their_units_complaint(self):
		self.assertEqual(
			names(history_of(self.officer_of(self.first), national_id=self.national_id)), [self.older]
		)

	def test_an_officer_of_another_unit_sees_none_of_them(self):
		other = make_organisation(("Shubra",))
		officer = frappe.db.get_value("Liaison Officer", other.officers["Shubra"], "user")
		result = history_of(officer, national_id=self.national_id, mobile=self.mobile)
		self.assertEqual(result, {"complaints": [], "more": 0, "more_label": ""})

	def test_an_id_that_is_not_valid_finds_nothing_and_says_nothing(self):
		frappe.local.message_log = []
		for typed in ("12345", self.national_id[:-1], "abc" + self.national_id[3:]):
			self.assertEqual(
				history_of(self.agent, national_id=typed), {"complaints": [], "more": 0, "more_label": ""}
			)
		self.assertEqual(frappe.local.message_log, [])

	def test_a_valid_id_nobody_used_finds_nothing(self):
		unused = demo_national_id(random.Random(), "02")
		self.assertEqual(names(history_of(self.agent, national_id=unused)), [])

	def test_the_complaint_in_the_form_is_left_out(self):
		self.assertEqual(
			names(history_of(self.agent, national_id=self.national_id, exclude=self.newer)), [self.older]
		)

	def test_open_complaints_of_the_category_being_filed_are_possible_duplicates(self):
		status = frappe.db.get_value("Complaint", self.older, "status")
		frappe.db.set_value("Complaint", self.older, "status", "Closed", update_modified=False)
		try:
			result = history_of(self.agent, national_id=self.national_id, category=self.category)
		finally:
			frappe.db.set_value("Complaint", self.older, "status", status, update_modified=False)
		marked = {row["name"]: row["possible_duplicate"] for row in result["complaints"]}
		self.assertEqual(marked, {self.newer: True, self.older: False})
		other_category = history_of(self.agent, national_id=self.national_id, category=random_category())
		self.assertFalse(any(row["possible_duplicate"] for row in other_category["complaints"]))

	def test_past_a_handful_the_rest_are_counted(self):
		national_id = demo_national_id(random.Random(), "01")
		made = [
			self.complaint(self.first, add_days(now_datetime(), -days), national_id)
			for days in range(SHOWN + 2)
		]
		frappe.local.lang = "ar"
		try:
			result = history_of(self.agent, national_id=national_id)
		finally:
			frappe.local.lang = "en"
		self.assertEqual(names(result), made[:SHOWN])
		self.assertEqual(result["more"], 2)
		self.assertEqual(result["more_label"], "شكوتان أخريان")

	def test_citizens_and_guests_cannot_look_anyone_up(self):
		for user in (citizen_user(), "Guest"):
			with self.assertRaises(frappe.PermissionError):
				history_of(user, national_id=self.national_id)

	def test_each_user_is_limited_per_hour(self):
		agent = staff_user("Call Center Agent")
		frappe.db.set_single_value("Complaints Settings", "complainant_lookups_per_hour", 2)
		try:
			history_of(agent, national_id=self.national_id)
			history_of(agent, mobile=self.mobile)
			with self.assertRaises(LookupLimitExceededError):
				history_of(agent, national_id=self.national_id)
			# another agent at the same desk still looks up
			self.assertEqual(len(names(history_of(staff_user("Call Center Agent"), mobile=self.mobile))), 2)
		finally:
			frappe.db.set_single_value("Complaints Settings", "complainant_lookups_per_hour", 0)

	def test_a_saved_complaint_shows_its_complainants_other_complaints_by_its_stored_id(self):
		# the form of a saved complaint shows the ID masked and sends none: the stored key finds them
		self.assertEqual(names(history_of(self.agent, mobile="", exclude=self.newer)), [self.older])
		# an officer who may not read the complaint learns nothing from its name
		other = make_organisation(("Shubra",))
		officer = frappe.db.get_value("Liaison Officer", other.officers["Shubra"], "user")
		self.assertEqual(names(history_of(officer, exclude=self.newer)), [])

	def test_opening_saved_complaints_is_not_counted_as_a_look_up(self):
		agent = staff_user("Call Center Agent")
		frappe.db.set_single_value("Complaints Settings", "complainant_lookups_per_hour", 1)
		try:
			for _ in range(3):
				self.assertEqual(names(history_of(agent, exclude=self.newer)), [self.older])
			history_of(agent, national_id=self.national_id)
			with self.assertRaises(LookupLimitExceededError):
				history_of(agent, national_id=self.national_id)
		finally:
			frappe.db.set_single_value("Complaints Settings", "complainant_lookups_per_hour", 0)
