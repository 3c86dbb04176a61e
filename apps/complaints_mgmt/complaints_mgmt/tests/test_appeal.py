"""Appeals of closed complaints: who may appeal and until when, the board's workflow, and its effect."""

import frappe
from frappe.model.workflow import WorkflowTransitionError
from frappe.utils import add_days, add_to_date, getdate, now_datetime, today

from complaints_mgmt.lifecycle import states
from complaints_mgmt.lifecycle.appeals import (
	AppealError,
	AppealPendingError,
	AppealWindowClosedError,
	ComplaintNotAppealableError,
)
from complaints_mgmt.lifecycle.transitions import move_by_system
from complaints_mgmt.portal import citizen_actions, public_status
from complaints_mgmt.tests.utils import (
	OrganisationTestCase,
	act,
	citizen_user,
	make_org_complaint,
	staff_user,
	version_changes,
)


class TestAppeals(OrganisationTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.board = staff_user("Appeals Board Member")
		cls.citizen = citizen_user()
		frappe.db.set_single_value("Complaints Settings", {"appeal_days": 30, "appeal_decision_days": 20})

	def closed_complaint(self, citizen=None):
		return self.walk_to_closed(self.register(citizen_user=citizen or self.citizen), "We paid you.")

	def rejected_complaint(self):
		doc = self.register(citizen_user=self.citizen)
		doc = act(doc, "Transfer", self.officer, transfer_reason="Not our unit's matter.")
		return act(doc, "Reject", staff_user("Complaints Manager"), rejection_reason="Outside the ministry.")

	def appeal(self, complaint, user=None):
		frappe.set_user(user or self.citizen)
		try:
			return frappe.get_doc(
				{
					"doctype": "Appeal",
					"complaint": complaint.name,
					"grounds": "I was not paid.",
					"decision": "Upheld",
				}
			).insert()
		finally:
			frappe.set_user("Administrator")

	def decide(self, appeal, decision):
		appeal = act(appeal, "Start Consideration", self.board)
		return act(appeal, "Decide", self.board, decision=decision, decision_note="Reasons of the board.")

	def test_the_complainant_appeals_a_closed_complaint_within_the_period(self):
		appeal = self.appeal(self.closed_complaint())
		self.assertEqual(appeal.status, states.APPEAL_SUBMITTED)
		self.assertEqual(appeal.citizen_user, self.citizen)
		self.assertEqual(appeal.directorate, self.org.directorate)
		self.assertEqual(getdate(appeal.deadline), getdate(add_days(today(), 20)))
		self.assertFalse(appeal.decision)  # the appellant cannot decide their own appeal

	def test_staff_may_appeal_for_the_complainant_but_no_one_else(self):
		complaint = self.closed_complaint()
		with self.assertRaises(frappe.PermissionError):
			self.appeal(complaint, citizen_user())
		self.assertTrue(self.appeal(complaint, self.agent).name)

	def test_the_agent_may_fill_in_a_new_appeal_in_the_desk(self):
		"""The desk shows a new form's fields only to a role with write (frappe.perm.get_field_display_status)."""
		for right in ("read", "create", "write"):
			self.assertTrue(frappe.has_permission("Appeal", right, user=self.agent), right)
		self.assertFalse(frappe.has_permission("Appeal", "delete", user=self.agent))

	def test_once_filed_only_the_board_changes_an_appeal(self):
		appeal = self.appeal(self.closed_complaint(), self.agent)
		other = self.closed_complaint()
		for user in (self.agent, staff_user("Complaints Manager")):
			with self.subTest(user=user), self.assertRaises(frappe.PermissionError):
				act(appeal, "Start Consideration", user, grounds="Other grounds.")
			with self.subTest(user=user), self.assertRaises(AppealError):
				act(appeal, "Start Consideration", user, complaint=other.name)
		considered = act(appeal, "Start Consideration", self.board, grounds="Clarified grounds.")
		self.assertEqual(considered.grounds, "Clarified grounds.")

	def test_the_agent_decides_no_appeal_and_edits_no_decision(self):
		appeal = self.decide(self.appeal(self.closed_complaint(), self.agent), "Rejected")
		for values in ({"decision": "Upheld"}, {"decision_note": "Changed."}):
			with self.subTest(values=values), self.assertRaises(frappe.PermissionError):
				act(appeal, "Decide", self.agent, **values)
		pending = act(self.appeal(self.closed_complaint(), self.agent), "Start Consideration", self.board)
		with self.assertRaises(frappe.PermissionError):
			act(pending, "Decide", self.agent, decision="Upheld", decision_note="Mine.")
		self.assertEqual(
			frappe.db.get_value("Appeal", pending.name, "status"), states.APPEAL_UNDER_CONSIDERATION
		)

	def test_only_closed_complaints_within_the_period_and_one_appeal_at_a_time(self):
		open_complaint = make_org_complaint(self.org, category=self.category, citizen_user=self.citizen)
		with self.assertRaises(AppealError):
			self.appeal(open_complaint)
		late = self.closed_complaint()
		frappe.db.set_value("Complaint", late.name, "closed_on", add_to_date(now_datetime(), days=-31))
		with self.assertRaises(AppealWindowClosedError):
			self.appeal(late)
		complaint = self.closed_complaint()
		self.appeal(complaint)
		with self.assertRaises(AppealError):
			self.appeal(complaint)

	def test_an_upheld_appeal_reopens_the_complaint(self):
		complaint = self.closed_complaint()
		appeal = self.decide(self.appeal(complaint), "Upheld")
		self.assertEqual(
			(appeal.status, getdate(appeal.decision_date)), (states.APPEAL_DECIDED, getdate(today()))
		)
		complaint.reload()
		self.assertEqual((complaint.status, complaint.reopen_count), (states.REOPENED, 1))
		self.assertTrue(
			frappe.db.exists(
				"ToDo", {"reference_name": complaint.name, "allocated_to": self.officer, "status": "Open"}
			)
		)
		notes = frappe.get_all(
			"Comment", filters={"reference_name": complaint.name, "comment_type": "Info"}, pluck="content"
		)
		self.assertTrue(any(appeal.name in note for note in notes), notes)
		changed = version_changes(complaint.name)
		self.assertIn(["status", states.CLOSED, states.REOPENED], changed)

	def test_a_partly_upheld_appeal_reopens_and_a_rejected_one_does_not(self):
		partly = self.closed_complaint()
		self.decide(self.appeal(partly), "Partly Upheld")
		self.assertEqual(frappe.db.get_value("Complaint", partly.name, "status"), states.REOPENED)
		rejected = self.closed_complaint()
		self.decide(self.appeal(rejected), "Rejected")
		self.assertEqual(frappe.db.get_value("Complaint", rejected.name, "status"), states.CLOSED)

	def test_no_one_reopens_a_complaint_while_its_appeal_is_pending(self):
		complaint = self.closed_complaint()
		self.appeal(complaint)
		frappe.set_user(self.citizen)
		try:
			self.assertFalse(citizen_actions.available_actions(complaint.reload())["can_reopen"])
			with self.assertRaises(AppealPendingError):
				citizen_actions.reopen(complaint.name, "Still not paid.")
		finally:
			frappe.set_user("Administrator")
		with self.assertRaises(AppealPendingError):
			act(complaint, "Reopen", staff_user("Complaints Manager"))
		self.assertEqual(frappe.db.get_value("Complaint", complaint.name, "status"), states.CLOSED)

	def test_an_appeal_is_not_decided_once_its_complaint_is_no_longer_closed(self):
		"""A complaint reopened while its appeal waited (before reopening was refused): the board cannot
		decide an appeal against an outcome that no longer stands."""
		complaint = self.closed_complaint()
		appeal = act(self.appeal(complaint), "Start Consideration", self.board)
		move_by_system(frappe.get_doc("Complaint", complaint.name), states.REOPENED)
		with self.assertRaises(ComplaintNotAppealableError):
			act(appeal, "Decide", self.board, decision="Upheld", decision_note="Reasons of the board.")
		self.assertEqual(
			frappe.db.get_value("Appeal", appeal.name, "status"), states.APPEAL_UNDER_CONSIDERATION
		)

	def test_the_complainant_appeals_a_rejection_within_the_period(self):
		complaint = self.rejected_complaint()
		self.assertEqual(complaint.status, states.REJECTED)
		frappe.set_user(self.citizen)
		try:
			self.assertTrue(citizen_actions.available_actions(complaint)["can_appeal"])
			citizen_actions.appeal(complaint.name, "My complaint is within the ministry's remit.")
		finally:
			frappe.set_user("Administrator")
		late = self.rejected_complaint()
		frappe.db.set_value("Complaint", late.name, "closed_on", add_to_date(now_datetime(), days=-31))
		with self.assertRaises(AppealWindowClosedError):
			self.appeal(late)

	def test_an_upheld_appeal_sends_a_rejected_complaint_back_to_triage(self):
		complaint = self.rejected_complaint()
		self.decide(self.appeal(complaint), "Upheld")
		status, closed_on = frappe.db.get_value("Complaint", complaint.name, ["status", "closed_on"])
		self.assertEqual((status, closed_on), (states.NEW, None))

	def test_a_decision_needs_its_reasons(self):
		appeal = act(self.appeal(self.closed_complaint()), "Start Consideration", self.board)
		with self.assertRaises(AppealError):
			act(appeal, "Decide", self.board, decision="Rejected")

	def test_only_the_board_moves_an_appeal(self):
		appeal = self.appeal(self.closed_complaint())
		for user in (self.citizen, self.officer, self.agent, self.reviewer):
			with self.assertRaises((WorkflowTransitionError, frappe.PermissionError), msg=user):
				act(appeal, "Start Consideration", user)
		appeal = act(appeal, "Start Consideration", self.board)
		with self.assertRaises((WorkflowTransitionError, frappe.PermissionError)):
			act(appeal, "Decide", self.citizen, decision="Upheld", decision_note="Me")

	def test_the_citizen_sees_each_state_with_its_date_the_answer_and_the_boards_decision(self):
		def step(doc, action, user, **values):
			doc = act(doc, action, user, **values)
			doc.flags.ignore_version = False  # run-tests keeps no versions (Document._save); a site does
			doc.save_version()
			return doc

		doc = make_org_complaint(self.org, category=self.category, citizen_user=self.citizen)
		doc = step(doc, "Accept", self.officer, deadline=add_days(now_datetime(), 5))
		doc = step(doc, "Start Work", self.officer)
		doc = step(doc, "Respond", self.officer, response="We paid you.")
		doc = step(doc, "Start Review", self.reviewer)
		complaint = step(doc, "Approve", self.reviewer)
		appeal = self.appeal(complaint)

		view = public_status.citizen_view(complaint.name)
		self.assertEqual(
			[entry["state"] for entry in view["history"]],
			[
				"",
				states.ROUTED,
				states.ACCEPTED,
				states.IN_PROGRESS,
				states.RESPONDED,
				states.UNDER_REVIEW,
				states.CLOSED,
			],
		)
		self.assertTrue(all(entry["on"] for entry in view["history"]))
		self.assertEqual(
			(view["status"], view["is_final"], view["answer"]), (states.CLOSED, True, "We paid you.")
		)
		(pending,) = view["appeals"]
		self.assertEqual((pending["name"], pending["status"]), (appeal.name, states.APPEAL_SUBMITTED))
		self.assertEqual(
			(pending["decision"], pending["decision_note"]), (None, None)
		)  # not before the board decides

		self.decide(appeal, "Rejected")
		(decided,) = public_status.citizen_view(complaint.name)["appeals"]
		self.assertEqual(
			(decided["status"], decided["decision"], decided["decision_note"]),
			(states.APPEAL_DECIDED, "Rejected", "Reasons of the board."),
		)
		self.assertIsNotNone(decided["decision_date"])

	def test_the_citizen_view_of_a_missing_complaint_is_not_found(self):
		with self.assertRaises(frappe.DoesNotExistError):
			public_status.citizen_view("no-such-complaint")
