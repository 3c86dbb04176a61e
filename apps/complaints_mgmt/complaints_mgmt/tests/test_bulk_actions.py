"""Bulk work from the complaint list (staff_tools/bulk_actions.py): one action on many complaints, each
through the single path's rules, each changed completely or not at all, the rest reported with why."""

import json

import frappe
from frappe.utils import add_days, now_datetime

from complaints_mgmt.staff_tools import bulk_actions
from complaints_mgmt.staff_tools.bulk_actions import BulkActionError, start
from complaints_mgmt.tests.test_notifications import CITIZEN_MOBILE, NotificationTestCase, texts_to
from complaints_mgmt.tests.utils import act, make_org_complaint, make_organisation

ANSWER = "السيد/ة {citizen_name}: رُوجعت شكواك رقم {tracking_number} وصُرف المستحق."


class TestBulkActions(NotificationTestCase):
	def in_progress(self, count: int) -> list[str]:
		names = []
		for _i in range(count):
			doc = self.register()
			doc = act(doc, "Accept", self.officer, deadline=add_days(now_datetime(), 5))
			names.append(act(doc, "Start Work", self.officer).name)
		return names

	def run_as(self, user: str, names: list[str], action: str, **kwargs) -> dict:
		with self.set_user(user):
			job = start(json.dumps(names), action, **kwargs)
			self.assertEqual(job["count"], len(set(names)))
			return bulk_actions.result(job["job"])

	def status_of(self, names):
		return dict(
			frappe.get_all(
				"Complaint", filters={"name": ("in", names)}, fields=["name", "status"], as_list=True
			)
		)

	def test_fifty_answered_with_one_saved_reply_then_approved_in_one_action(self):
		names = self.in_progress(50)
		reply = frappe.get_doc(
			{"doctype": "Saved Reply", "title": "صرف المستحق", "step": "Answer", "text_ar": ANSWER}
		).insert(ignore_permissions=True)

		answered = self.run_as(self.officer, names, "Respond", saved_reply=reply.name)
		self.assertEqual((len(answered["changed"]), answered["failed"]), (50, []))
		self.assertEqual(set(self.status_of(names).values()), {"Responded"})
		for name in names:
			response = frappe.db.get_value("Complaint", name, "response")
			self.assertIn(f"\u2066{name}\u2069", response)
			self.assertNotIn("{", response)
		self.assertEqual(frappe.db.get_value("Saved Reply", reply.name, "usage_count"), 50)

		texts_before = {name: len(texts_to(name, CITIZEN_MOBILE)) for name in names}
		approved = self.run_as(self.reviewer, names, "Approve")
		self.assertEqual((len(approved["changed"]), approved["failed"]), (50, []))
		self.assertEqual(set(self.status_of(names).values()), {"Closed"})
		for name in names:
			texts = texts_to(name, CITIZEN_MOBILE)
			self.assertEqual(len(texts), texts_before[name] + 1, name)
			self.assertIn(name, texts[-1])
		alerts = frappe.get_all("Notification Log", filters={"for_user": self.reviewer}, pluck="subject")
		self.assertTrue(any("50" in alert for alert in alerts), alerts)

	def test_complaints_the_user_may_not_change_are_reported_and_left_as_they_were(self):
		[ready] = self.in_progress(1)
		not_ready = self.register().name  # Routed: no answer yet
		elsewhere = make_org_complaint(make_organisation(), category=self.category).name
		result = self.run_as(self.officer, [ready, not_ready, elsewhere], "Respond", value="صُرف المبلغ.")
		self.assertEqual(result["changed"], [ready])
		reasons = {row["complaint"]: row["reason"] for row in result["failed"]}
		self.assertEqual(set(reasons), {not_ready, elsewhere})
		self.assertTrue(all(reasons.values()))
		self.assertEqual(self.status_of([ready])[ready], "Responded")
		# the answer saved before the refused transition was undone with it: all or nothing
		self.assertEqual(
			frappe.db.get_value("Complaint", not_ready, ["status", "response"]), ("Routed", None)
		)
		self.assertIsNone(frappe.db.get_value("Complaint", elsewhere, "response"))

	def test_a_request_that_cannot_be_taken_is_refused_before_any_work(self):
		[name] = self.in_progress(1)
		with self.set_user(self.officer):
			for complaints, action, value in (
				([], "Respond", "نص"),
				([name], "Delete", None),
				([name], "Respond", " "),
				([f"C-{i}" for i in range(bulk_actions.MOST_COMPLAINTS + 1)], "Approve", None),
			):
				with self.subTest(action=action, count=len(complaints)):
					self.assertRaises(BulkActionError, start, json.dumps(complaints), action, value)
		self.assertEqual(frappe.db.get_value("Complaint", name, "status"), "In Progress")
