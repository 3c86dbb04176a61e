"""Possible duplicates at registration; linking and merging, with permission checks."""

import frappe
from frappe.tests.utils import FrappeTestCase

from complaints_mgmt.intake.duplicates import (
	DuplicateError,
	get_possible_duplicates,
	link_duplicate,
	merge_into,
)
from complaints_mgmt.lifecycle import states
from complaints_mgmt.setup.workflow import ensure_complaint_workflow
from complaints_mgmt.tests.utils import (
	citizen_user,
	make_org_complaint,
	make_organisation,
	random_category,
	staff_user,
	version_changes,
)

OTHER_NATIONAL_ID = "29105150212345"


def open_todos(name: str) -> list[str]:
	return frappe.get_all("ToDo", filters={"reference_name": name, "status": "Open"}, pluck="allocated_to")


class TestDuplicates(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_complaint_workflow()
		cls.org = make_organisation()
		cls.agent = staff_user("Call Center Agent")

	def setUp(self):
		self.category = random_category("Social Unit")

	def register(self, **fields):
		return make_org_complaint(self.org, category=fields.pop("category", self.category), **fields)

	def as_user(self, user, fn, *args):
		frappe.set_user(user)
		try:
			return fn(*args)
		finally:
			frappe.set_user("Administrator")

	def test_open_complaints_of_the_same_id_and_category_are_listed(self):
		first = self.register()
		second = self.register()
		self.register(national_id=OTHER_NATIONAL_ID)
		self.register(category=random_category("Social Unit"))
		closed = self.register()
		frappe.db.set_value("Complaint", closed.name, "status", states.CLOSED)
		found = self.as_user(self.agent, get_possible_duplicates, second.name)
		self.assertEqual([row.name for row in found], [first.name])

	def test_an_officer_sees_only_duplicates_they_may_read(self):
		mine = self.register()
		self.register(district="Shubra")
		found = self.as_user(self.org.officers["Nasr City"], get_possible_duplicates, self.register().name)
		self.assertEqual([row.name for row in found], [mine.name])

	def test_linking_keeps_both_open_and_says_so_on_both_timelines(self):
		original, repeat = self.register(), self.register()
		self.as_user(self.agent, link_duplicate, repeat.name, original.name)
		repeat.reload()
		self.assertEqual((repeat.duplicate_of, repeat.status), (original.name, states.ROUTED))
		for name in (original.name, repeat.name):
			self.assertTrue(frappe.db.exists("Comment", {"reference_name": name, "comment_type": "Info"}))

	def test_merging_closes_the_duplicate_and_points_to_the_one_kept(self):
		kept, merged = self.register(), self.register()
		self.as_user(self.agent, merge_into, merged.name, kept.name)
		merged.reload()
		self.assertEqual(
			(merged.status, merged.merged_into, merged.duplicate_of), (states.CLOSED, kept.name, kept.name)
		)
		self.assertTrue(merged.closed_on)
		self.assertEqual(open_todos(merged.name), [])
		self.assertEqual(frappe.db.get_value("Complaint", kept.name, "status"), states.ROUTED)
		workflow_entries = frappe.get_all(
			"Comment",
			filters={"reference_name": merged.name, "comment_type": "Workflow"},
			fields=["content", "comment_email"],
			order_by="creation desc",
		)
		self.assertEqual(
			(workflow_entries[0].content, workflow_entries[0].comment_email), (states.CLOSED, self.agent)
		)
		self.assertTrue(frappe.db.exists("Comment", {"reference_name": kept.name, "comment_type": "Info"}))
		changed = version_changes(merged.name)
		self.assertIn(["status", states.ROUTED, states.CLOSED], changed)
		self.assertIn(["merged_into", None, kept.name], changed)

	def test_merging_refuses_what_cannot_be_merged(self):
		kept, merged, third = self.register(), self.register(), self.register()
		with self.assertRaises(DuplicateError):
			self.as_user(self.agent, merge_into, kept.name, kept.name)
		self.as_user(self.agent, merge_into, merged.name, kept.name)
		with self.assertRaises(DuplicateError):
			self.as_user(self.agent, merge_into, third.name, merged.name)
		with self.assertRaises(DuplicateError):
			self.as_user(self.agent, merge_into, merged.name, third.name)

	def test_only_staff_who_may_read_both_can_merge(self):
		citizen = citizen_user()
		own, other = self.register(citizen_user=citizen), self.register(citizen_user=citizen)
		with self.assertRaises(frappe.PermissionError):
			self.as_user(citizen, merge_into, own.name, other.name)
		elsewhere = self.register(district="Shubra")
		with self.assertRaises(frappe.PermissionError):
			self.as_user(self.org.officers["Nasr City"], merge_into, own.name, elsewhere.name)
