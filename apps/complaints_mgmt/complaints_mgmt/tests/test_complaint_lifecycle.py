"""Complaints walked through every path of the Complaint workflow by users holding the right roles."""

from unittest.mock import patch

import frappe
from frappe.model.workflow import WorkflowPermissionError, WorkflowTransitionError, get_transitions
from frappe.utils import add_to_date, get_datetime, getdate, now_datetime

from complaints_mgmt.lifecycle import states
from complaints_mgmt.lifecycle.routing import CENTRAL_TRIAGE, RoutingError
from complaints_mgmt.lifecycle.transitions import (
	DeadlineError,
	MissingInformationError,
	ReopenWindowClosedError,
	RoutingChangeError,
	max_deadline,
)
from complaints_mgmt.setup.workflow import COMPLAINT_STATES
from complaints_mgmt.tests.utils import (
	OrganisationTestCase,
	act,
	citizen_user,
	make_org_complaint,
	make_organisation,
	make_user,
	random_category,
	staff_user,
	timeline,
)


def open_todo_users(name: str) -> list[str]:
	return frappe.get_all(
		"ToDo",
		filters={"reference_type": "Complaint", "reference_name": name, "status": "Open"},
		pluck="allocated_to",
	)


class LifecycleTestCase(OrganisationTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.other_officer = cls.org.officers["Shubra"]
		cls.manager = staff_user("Complaints Manager")

	def act_with_its_value(self, doc, action: str, user: str, **values):
		"""`action` refused without the value it needs (MissingInformationError), then taken with it."""
		with self.assertRaises(MissingInformationError):
			act(doc, action, user)
		return act(doc, action, user, **values)


class TestComplaintPaths(LifecycleTestCase):
	def test_registration_routes_and_assigns_without_anyone_touching_it(self):
		doc = self.register()
		self.assertEqual(doc.status, states.ROUTED)
		self.assertEqual(doc.unit, self.org.units["Nasr City"])
		self.assertEqual(doc.directorate, self.org.directorate)
		self.assertEqual(doc.liaison_officer, self.officer)
		self.assertEqual(frappe.db.get_value("Complaint", doc.name, "status"), states.ROUTED)
		self.assertEqual(open_todo_users(doc.name), [self.officer])
		notes = timeline(doc.name)
		self.assertEqual(len(notes), 1, notes)  # why it went to that unit, once
		self.assertIn(doc.routing_note, notes[0])

	def test_accept_needs_a_deadline_within_the_category_maximum(self):
		doc = self.register()
		with self.assertRaises(MissingInformationError):
			act(doc, "Accept", self.officer)
		with self.assertRaises(DeadlineError):
			act(doc, "Accept", self.officer, deadline=self.deadline(40))
		with self.assertRaises(DeadlineError):
			act(doc, "Accept", self.officer, deadline=add_to_date(now_datetime(), hours=-1))
		doc = act(doc, "Accept", self.officer, deadline=self.deadline(10))
		self.assertEqual(doc.status, states.ACCEPTED)
		self.assertTrue(doc.accepted_on)

	def test_a_deadline_changed_after_acceptance_keeps_the_rules_of_acceptance(self):
		doc = act(self.register(), "Accept", self.officer, deadline=self.deadline(5))
		frappe.set_user(self.officer)
		self.addCleanup(frappe.set_user, "Administrator")
		for bad in (self.deadline(400), add_to_date(now_datetime(), days=-30), None):
			doc.reload()
			doc.deadline = bad
			with self.assertRaises((DeadlineError, MissingInformationError)):
				doc.save()
		doc.reload()
		doc.deadline = self.deadline(8)  # earlier or later, within the category's maximum
		doc.save()
		doc = act(doc, "Start Work", self.officer, deadline=self.deadline(9))
		self.assertEqual(getdate(doc.deadline), getdate(self.deadline(9)))
		with self.assertRaises(DeadlineError):
			act(doc, "Request Information", self.officer, deadline=self.deadline(400))

	def test_await_citizen_return_from_review_and_close(self):
		doc = act(self.register(), "Accept", self.officer, deadline=self.deadline())
		doc = act(doc, "Start Work", self.officer)
		question = "Which month was the payment missed?"  # the citizen must be told what is asked
		doc = self.act_with_its_value(doc, "Request Information", self.officer, information_request=question)
		self.assertEqual(doc.status, states.AWAITING_CITIZEN)
		self.assertTrue(
			frappe.db.exists("Comment", {"reference_name": doc.name, "content": ("like", f"%{question}%")})
		)
		doc = act(doc, "Resume", self.officer)
		self.assertIsNone(doc.information_request)  # answered; a later request asks its own
		doc = self.act_with_its_value(doc, "Respond", self.officer, response="The payment is on its way.")
		self.assertEqual(doc.status, states.RESPONDED)
		self.assertTrue(doc.responded_on)
		doc = act(doc, "Start Review", self.reviewer)
		doc = self.act_with_its_value(
			doc, "Return", self.reviewer, review_note="Say on which day the payment arrives."
		)
		self.assertEqual((doc.status, doc.review_outcome), (states.RETURNED, "Returned"))
		doc = act(doc, "Resume", self.officer)
		doc = act(doc, "Respond", self.officer, response="The payment arrives on Monday the 3rd.")
		doc = act(doc, "Start Review", self.reviewer)
		doc = act(doc, "Approve", self.reviewer)
		self.assertEqual((doc.status, doc.review_outcome), (states.CLOSED, "Approved"))
		self.assertTrue(doc.closed_on)
		self.assertEqual(open_todo_users(doc.name), [])

	def test_transfer_returns_to_central_triage_and_routing_reassigns(self):
		doc = self.register()
		doc = self.act_with_its_value(
			doc, "Transfer", self.officer, transfer_reason="The address is in Shubra."
		)
		self.assertEqual(doc.status, states.TRANSFERRED)
		self.assertEqual((doc.routing_level, doc.unit), (CENTRAL_TRIAGE, self.org.triage))
		self.assertEqual(doc.liaison_officer, self.org.triage_officer)
		self.assertEqual(open_todo_users(doc.name), [self.org.triage_officer])
		self.assertFalse(frappe.has_permission("Complaint", doc=doc.name, user=self.officer))

		with self.assertRaises(RoutingError):
			act(doc, "Route", self.manager)
		doc = act(doc, "Route", self.manager, social_unit=self.org.units["Shubra"])
		self.assertEqual(doc.status, states.ROUTED)
		self.assertEqual((doc.unit, doc.directorate), (self.org.units["Shubra"], self.org.directorate))
		self.assertEqual(doc.liaison_officer, self.other_officer)
		self.assertEqual(open_todo_users(doc.name), [self.other_officer])
		notes = timeline(doc.name)
		self.assertTrue(any("The address is in Shubra." in note for note in notes), notes)

	def test_unroutable_complaint_waits_in_triage_and_rejection_needs_a_reason(self):
		doc = make_org_complaint(self.org, category=random_category("Headquarters"))
		self.assertEqual((doc.status, doc.routing_level), (states.NEW, CENTRAL_TRIAGE))
		doc = self.act_with_its_value(
			doc, "Reject", self.manager, rejection_reason="A matter for the Ministry of Health."
		)
		self.assertEqual(doc.status, states.REJECTED)
		self.assertTrue(doc.closed_on)

	def test_the_officer_rejects_a_complaint_outside_the_units_jurisdiction_with_a_reason(self):
		doc = self.register()
		doc = self.act_with_its_value(
			doc, "Reject", self.officer, rejection_reason="Not a social-solidarity matter."
		)
		self.assertEqual(doc.status, states.REJECTED)
		self.assertTrue(doc.closed_on)
		notes = timeline(doc.name)
		self.assertTrue(any("Not a social-solidarity matter." in note for note in notes), notes)

	def test_staff_reopen_a_closed_complaint_and_the_officer_resumes(self):
		doc = self.walk_to_closed(self.register())
		doc = act(doc, "Reopen", self.manager)
		self.assertEqual((doc.status, doc.reopen_count), (states.REOPENED, 1))
		self.assertFalse(doc.closed_on)
		self.assertEqual(open_todo_users(doc.name), [self.officer])
		doc = act(doc, "Resume", self.officer)
		self.assertEqual(doc.status, states.IN_PROGRESS)

	def test_citizen_reopens_only_within_the_set_days(self):
		from complaints_mgmt.portal import citizen_actions

		def reopen_as(user, doc):
			# citizens act from the portal (portal/citizen_actions.py), through the same workflow transition
			frappe.set_user(user)
			try:
				return citizen_actions.reopen(doc.name, "The payment still has not arrived.")
			finally:
				frappe.set_user("Administrator")

		citizen = citizen_user()
		frappe.db.set_single_value("Complaints Settings", "citizen_reopen_days", 15)
		recent = self.walk_to_closed(self.register(citizen_user=citizen))
		reopened = reopen_as(citizen, recent)
		self.assertEqual((reopened.status, reopened.reopen_count), (states.REOPENED, 1))
		self.assertEqual(open_todo_users(recent.name), [self.officer])

		old = self.walk_to_closed(self.register(citizen_user=citizen))
		frappe.db.set_value("Complaint", old.name, "closed_on", add_to_date(now_datetime(), days=-16))
		with self.assertRaises(ReopenWindowClosedError):
			reopen_as(citizen, old)
		with self.assertRaises(frappe.DoesNotExistError):
			reopen_as(citizen_user(), self.walk_to_closed(self.register(citizen_user=citizen)))
		self.assertEqual(act(old, "Reopen", self.manager).status, states.REOPENED)  # staff: any time

	def test_each_transition_leaves_who_and_when_on_the_timeline(self):
		doc = act(self.register(), "Accept", self.officer, deadline=self.deadline())
		entries = timeline(doc.name, "Workflow", fields=["content", "comment_email", "creation"])
		self.assertEqual([e.content for e in entries], [states.ROUTED, states.ACCEPTED])
		self.assertEqual(entries[-1].comment_email, self.officer)
		assigned = frappe.db.exists("Comment", {"reference_name": doc.name, "comment_type": "Assigned"})
		self.assertTrue(assigned)

	def test_every_step_is_on_the_timeline_with_who_and_when(self):
		started = now_datetime()
		doc = self.register()
		doc = act(doc, "Transfer", self.officer, transfer_reason="Wrong district.")
		doc = act(doc, "Route", self.manager, social_unit=self.org.units["Nasr City"])
		doc = self.walk_to_closed(doc)
		doc = act(doc, "Reopen", self.manager)
		entries = timeline(doc.name, "Workflow", fields=["content", "comment_email", "creation"])
		self.assertEqual(
			[(e.content, e.comment_email) for e in entries],
			[
				(states.ROUTED, "Administrator"),  # routed by the system at registration
				(states.TRANSFERRED, self.officer),
				(states.ROUTED, self.manager),
				(states.ACCEPTED, self.officer),
				(states.IN_PROGRESS, self.officer),
				(states.RESPONDED, self.officer),
				(states.UNDER_REVIEW, self.reviewer),
				(states.CLOSED, self.reviewer),
				(states.REOPENED, self.manager),
			],
		)
		self.assertTrue(all(e.creation >= started for e in entries))
		notes = timeline(doc.name, "Info", fields=["content", "owner"])
		self.assertTrue(any("Wrong district." in n.content and n.owner == self.officer for n in notes), notes)
		self.assertTrue(any("(time 1)" in n.content and n.owner == self.manager for n in notes), notes)
		assignments = timeline(doc.name, ("in", ("Assigned", "Assignment Completed")), pluck="content")
		self.assertGreaterEqual(len(assignments), 2)  # to the unit's officer, to triage, back to the unit

	def test_registration_is_on_the_timeline_and_transitions_in_the_version_history(self):
		self.assertTrue(frappe.get_meta("Complaint").track_changes)
		doc = self.register()
		# stored Routed by its first write: the timeline says so, as a workflow action would
		self.assertEqual(frappe.db.get_value("Complaint", doc.name, "status"), states.ROUTED)
		workflow_notes = timeline(doc.name, "Workflow")
		self.assertEqual(workflow_notes, [states.ROUTED])
		self.assertEqual(self.status_versions(doc.name), [])
		# Frappe skips versions of saves while testing; a real save writes one
		with patch.dict(frappe.flags, {"in_test": False}):
			act(doc, "Accept", self.officer, deadline=self.deadline())
		self.assertEqual(self.status_versions(doc.name)[-1], (states.ROUTED, states.ACCEPTED, self.officer))

	def status_versions(self, name: str) -> list[tuple]:
		return [
			(row[1], row[2], version.owner)
			for version in frappe.get_all(
				"Version",
				filters={"ref_doctype": "Complaint", "docname": name},
				fields=["data", "owner"],
				order_by="creation asc, name asc",
			)
			for row in frappe.parse_json(version.data).get("changed", [])
			if row[0] == "status"
		]

	def test_the_competent_unit_changes_only_by_transfer(self):
		doc = act(self.register(), "Accept", self.officer, deadline=self.deadline())
		with self.assertRaises(RoutingChangeError):
			act(doc, "Start Work", self.officer, social_unit=self.org.units["Shubra"])


class TestRolesAndVisibility(LifecycleTestCase):
	# Who the default workflow lets take which action, state by state (the table, not the code's).
	OFFERED = {
		states.NEW: {"manager": {"Route", "Reject"}, "administrator": {"Route", "Reject"}},
		states.ROUTED: {"officer": {"Accept", "Transfer", "Reject"}},
		states.TRANSFERRED: {"manager": {"Route", "Reject"}, "administrator": {"Route", "Reject"}},
		states.ACCEPTED: {"officer": {"Start Work"}},
		states.IN_PROGRESS: {"officer": {"Request Information", "Respond"}},
		states.AWAITING_CITIZEN: {"officer": {"Resume"}, "citizen": {"Reply"}},
		states.RESPONDED: {"reviewer": {"Start Review"}},
		states.UNDER_REVIEW: {"reviewer": {"Approve", "Return"}},
		states.RETURNED: {"officer": {"Resume"}},
		states.CLOSED: {"manager": {"Reopen"}, "administrator": {"Reopen"}, "citizen": {"Reopen"}},
		states.REOPENED: {"officer": {"Resume"}},
		states.REJECTED: {},
	}

	def test_each_role_is_offered_exactly_its_own_transitions_in_every_state(self):
		citizen = citizen_user()
		head = staff_user("Directorate Head")
		frappe.db.set_value("Directorate", self.org.directorate, "head", head)
		users = {
			"officer": self.officer,
			"manager": self.manager,
			"administrator": staff_user("Complaints Administrator"),
			"reviewer": self.reviewer,
			"agent": self.agent,
			"head": head,
			"board": staff_user("Appeals Board Member"),
			"citizen": citizen,
		}
		doc = self.register(citizen_user=citizen)
		self.assertEqual(set(self.OFFERED), {state for state, *_rest in COMPLAINT_STATES})
		for state, offered in self.OFFERED.items():
			frappe.db.set_value("Complaint", doc.name, "status", state)
			for key, user in users.items():
				frappe.set_user(user)
				try:
					actions = {t.action for t in get_transitions(frappe.get_doc("Complaint", doc.name))}
				finally:
					frappe.set_user("Administrator")
				self.assertEqual(actions, offered.get(key, set()), f"{key} in {state}")

	def test_a_directorate_head_a_citizen_and_national_staff_see_what_is_theirs(self):
		other_org = make_organisation()
		head = staff_user("Directorate Head")
		frappe.db.set_value("Directorate", self.org.directorate, "head", head)
		citizen = citizen_user()
		own = self.register(citizen_user=citizen)
		ours = self.register(district="Shubra")
		theirs = make_org_complaint(other_org, category=self.category)
		names = [own.name, ours.name, theirs.name]

		def visible(user):
			frappe.set_user(user)
			try:
				return set(frappe.get_list("Complaint", filters={"name": ("in", names)}, pluck="name"))
			finally:
				frappe.set_user("Administrator")

		self.assertEqual(visible(head), {own.name, ours.name})
		self.assertFalse(frappe.has_permission("Complaint", doc=theirs.name, user=head))
		self.assertEqual(visible(citizen), {own.name})
		self.assertFalse(frappe.has_permission("Complaint", doc=ours.name, user=citizen))
		self.assertEqual(visible(other_org.officers["Nasr City"]), {theirs.name})
		self.assertEqual(visible(make_user(roles=["Liaison Officer"]).name), set())  # no officer record
		for national in (self.manager, self.reviewer, self.agent):
			self.assertEqual(visible(national), set(names), national)

	def test_roles_take_only_their_own_transitions(self):
		doc = self.register()
		for user in (self.reviewer, self.manager, self.agent):
			with self.assertRaises(WorkflowTransitionError, msg=user):
				act(doc, "Accept", user)
		doc = act(doc, "Accept", self.officer, deadline=self.deadline())
		doc = act(doc, "Start Work", self.officer)
		doc = act(doc, "Respond", self.officer, response="Done.")
		with self.assertRaises(WorkflowTransitionError):
			act(doc, "Start Review", self.officer)
		doc = act(doc, "Start Review", self.reviewer)
		with self.assertRaises(WorkflowTransitionError):
			act(doc, "Approve", self.officer)
		with self.assertRaises(WorkflowTransitionError):
			act(doc, "Approve", self.manager)
		doc = act(doc, "Approve", self.reviewer)
		with self.assertRaises(WorkflowTransitionError):
			act(doc, "Reopen", self.officer)
		with self.assertRaises(WorkflowTransitionError):
			act(doc, "Reopen", self.reviewer)

	def test_a_state_cannot_be_set_by_saving_the_form(self):
		doc = self.register()
		frappe.set_user(self.officer)
		try:
			doc = frappe.get_doc("Complaint", doc.name)
			doc.status = states.CLOSED
			with self.assertRaises(WorkflowPermissionError):
				doc.save()
		finally:
			frappe.set_user("Administrator")

	def test_a_citizen_cannot_act_for_staff_or_on_others_complaints(self):
		citizen = citizen_user()
		own = self.register(citizen_user=citizen)
		with self.assertRaises(WorkflowTransitionError):
			act(own, "Accept", citizen)
		with self.assertRaises(frappe.PermissionError):
			act(self.register(), "Accept", citizen)

	def test_an_officer_sees_and_acts_only_on_their_units_complaints(self):
		mine = self.register()
		theirs = self.register(district="Shubra")
		self.assertTrue(frappe.has_permission("Complaint", doc=mine.name, user=self.officer))
		self.assertFalse(frappe.has_permission("Complaint", doc=theirs.name, user=self.officer))
		frappe.set_user(self.officer)
		try:
			visible = frappe.get_list(
				"Complaint", filters={"name": ("in", [mine.name, theirs.name])}, pluck="name"
			)
		finally:
			frappe.set_user("Administrator")
		self.assertEqual(visible, [mine.name])
		with self.assertRaises(frappe.PermissionError):
			act(theirs, "Accept", self.officer, deadline=self.deadline())


class TestMaxDeadline(LifecycleTestCase):
	def test_calendar_days_until_working_days_exist(self):
		doc = self.register()
		with patch("complaints_mgmt.lifecycle.transitions._add_working_days", return_value=None):
			latest = max_deadline(doc)
		self.assertEqual(getdate(latest), getdate(add_to_date(get_datetime(doc.received_on), days=15)))

	def test_working_days_when_the_sla_module_has_them(self):
		doc = self.register()
		fake = lambda start, days: add_to_date(start, days=days * 2)  # noqa: E731
		with patch("complaints_mgmt.lifecycle.transitions._add_working_days", return_value=fake):
			latest = max_deadline(doc)
		self.assertEqual(getdate(latest), getdate(add_to_date(get_datetime(doc.received_on), days=30)))


class TestIntake(LifecycleTestCase):
	def test_a_new_complaint_brings_nothing_of_the_later_steps(self):
		frappe.set_user(self.agent)
		self.addCleanup(frappe.set_user, "Administrator")
		doc = self.register(
			review_outcome="Approved",
			review_note="fine",
			response="Paid already.",
			rejection_reason="none",
			transfer_reason="none",
			deadline=self.deadline(3),
			satisfaction_rating=1,
		)
		stored = frappe.db.get_value(
			"Complaint",
			doc.name,
			["status", "review_outcome", "review_note", "response", "rejection_reason", "deadline"],
			as_dict=True,
		)
		self.assertEqual(stored.status, states.ROUTED)
		self.assertEqual(
			[
				stored.review_outcome,
				stored.review_note,
				stored.response,
				stored.rejection_reason,
				stored.deadline,
			],
			[None, None, None, None, None],
		)
