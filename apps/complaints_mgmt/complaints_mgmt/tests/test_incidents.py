"""Mass incidents (staff_tools/incidents.py): many complaints linked to one incident, linked from the list,
from the duplicate warning and on intake, answered and closed together through the single path."""

import json
import os
import time
from unittest import mock

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, getdate, now_datetime, nowdate

from complaints_mgmt.intake.tracking import next_tracking_number
from complaints_mgmt.portal.public_status import citizen_view
from complaints_mgmt.staff_tools import bulk_actions, incidents
from complaints_mgmt.staff_tools.incidents import IncidentError, link
from complaints_mgmt.tests.test_notifications import CITIZEN_MOBILE, NotificationTestCase, texts_to
from complaints_mgmt.tests.utils import (
	act,
	make_org_complaint,
	make_organisation,
	random_category,
	served_district,
	staff_user,
)


def make_incident(org, category: str, **fields):
	return frappe.get_doc(
		{
			"doctype": "Complaint Incident",
			"title_ar": "انقطاع صرف معاش تكافل",
			"title_en": "Takaful payment cut",
			"category": category,
			"governorate": org.governorate,
			"period_from": add_days(nowdate(), -3),
			**fields,
		}
	).insert(ignore_permissions=True)


def timeline_of(complaint: str) -> list[str]:
	"""The notes of incidents on the complaint's timeline."""
	return frappe.get_all(
		"Comment",
		filters={
			"reference_doctype": "Complaint",
			"reference_name": complaint,
			"comment_type": "Info",
			"content": ("like", "%INC-%"),
		},
		pluck="content",
	)


class TestLinkingComplaints(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = make_organisation()
		cls.other_org = make_organisation()
		cls.officer = cls.org.officers["Nasr City"]
		cls.manager = staff_user("Complaints Manager")

	def setUp(self):
		# a category of its own: the incidents of earlier tests stay until the class ends
		self.category = random_category()

	def complaint(self, org=None, **fields):
		return make_org_complaint(org or self.org, category=self.category, **fields).name

	def test_an_incident_that_ends_before_it_starts_is_refused(self):
		with self.assertRaises(IncidentError):
			make_incident(self.org, self.category, period_to=add_days(nowdate(), -5))

	def test_the_list_links_complaints_to_a_new_incident_of_their_category_and_place(self):
		names = [self.complaint(language="ar"), self.complaint(language="en")]
		with self.set_user(self.officer):
			result = link(json.dumps(names), title="انقطاع الصرف في مدينة نصر")
		incident = frappe.get_doc("Complaint Incident", result["incident"])
		self.assertEqual(
			(incident.category, incident.governorate, incident.district, incident.status),
			(
				self.category,
				self.org.governorate,
				frappe.db.get_value("Complaint", names[0], "district"),
				"Open",
			),
		)
		self.assertEqual(incident.period_from, getdate(nowdate()))
		self.assertEqual(incident.incident_owner, self.officer)
		self.assertEqual(incident.complaint_count, 2)
		self.assertEqual(
			frappe.get_all("Complaint", filters={"incident": incident.name}, pluck="name", order_by="name"),
			sorted(names),
		)
		# the timeline in each complainant's language, the incident's number kept left to right
		[arabic] = timeline_of(names[0])
		self.assertIn("الحادث", arabic)
		self.assertIn(f"\u2066{incident.name}\u2069", arabic)
		[english] = timeline_of(names[1])
		self.assertIn("Linked to incident", english)

	def test_an_officer_of_another_unit_cannot_link_complaints_and_nothing_is_written(self):
		mine, theirs = self.complaint(), self.complaint(org=self.other_org)
		incident = make_incident(self.org, self.category)
		with self.set_user(self.officer), self.assertRaises(frappe.PermissionError):
			link(json.dumps([mine, theirs]), incident=incident.name)
		self.assertEqual(frappe.db.count("Complaint", {"incident": incident.name}), 0)
		self.assertEqual(timeline_of(mine), [])

	def test_linking_to_an_existing_incident_adds_to_its_count_once(self):
		first, second = self.complaint(), self.complaint()
		incident = make_incident(self.org, self.category)
		with self.set_user(self.manager):
			link(json.dumps([first]), incident=incident.name)
			result = link(json.dumps([first, second]), incident=incident.name)
		self.assertEqual((result["linked"], result["count"]), ([second], 2))
		self.assertEqual(frappe.db.get_value("Complaint Incident", incident.name, "complaint_count"), 2)
		self.assertEqual(len(timeline_of(first)), 1)

	def test_a_closed_incident_takes_no_more_complaints(self):
		incident = make_incident(self.org, self.category)
		frappe.db.set_value("Complaint Incident", incident.name, "status", "Closed")
		name = self.complaint()
		with self.set_user(self.manager), self.assertRaises(IncidentError):
			link(json.dumps([name]), incident=incident.name)
		self.assertIsNone(frappe.db.get_value("Complaint", name, "incident"))

	def test_a_complaint_linked_to_an_answered_incident_opens_it_again(self):
		first = self.complaint()
		incident = make_incident(self.org, self.category)
		with self.set_user(self.manager):
			link(json.dumps([first]), incident=incident.name)
		frappe.db.set_value("Complaint", first, "status", "Responded")
		frappe.db.set_value("Complaint Incident", incident.name, "status", "Answered")
		with self.set_user(self.manager):
			link(json.dumps([self.complaint()]), incident=incident.name)
		self.assertEqual(frappe.db.get_value("Complaint Incident", incident.name, "status"), "Open")

	def test_a_new_incident_needs_a_title_and_complaints_of_one_category(self):
		other = make_org_complaint(self.org, category=random_category()).name
		with self.set_user(self.manager):
			with self.assertRaises(IncidentError):
				link(json.dumps([self.complaint()]), title="  ")
			with self.assertRaises(IncidentError):
				link(json.dumps([self.complaint(), other]), title="حادث")
		self.assertEqual(frappe.db.count("Complaint Incident", {"title_ar": "حادث"}), 0)

	def test_the_duplicate_warning_offers_the_incident_of_the_matched_complaint(self):
		matched = self.complaint()
		incident = make_incident(self.org, self.category)
		with self.set_user(self.manager):
			self.assertEqual(incidents.open_incidents_of(json.dumps([matched])), [])
			link(json.dumps([matched]), incident=incident.name)
			[row] = incidents.open_incidents_of(json.dumps([matched]))
		self.assertEqual((row["complaint"], row["incident"]), (matched, incident.name))
		# a call centre agent reads incidents but may not add complaints to them: no button
		with self.set_user(staff_user("Call Center Agent")):
			self.assertEqual(incidents.open_incidents_of(json.dumps([matched])), [])
		frappe.db.set_value("Complaint Incident", incident.name, "status", "Closed")
		with self.set_user(self.manager):
			self.assertEqual(incidents.open_incidents_of(json.dumps([matched])), [])


class TestIncidentsOnIntake(NotificationTestCase):
	def setUp(self):
		super().setUp()
		self.category = random_category()

	def district(self, name: str) -> str:
		return served_district(self.org.units[name])

	def test_a_complaint_of_an_open_incidents_category_and_place_in_its_period_is_linked_and_told(self):
		incident = make_incident(self.org, self.category, district=self.district("Nasr City"))
		doc = self.register(language="ar")
		self.assertEqual(doc.incident, incident.name)
		self.assertEqual(frappe.db.get_value("Complaint Incident", incident.name, "complaint_count"), 1)
		self.assertEqual(len(timeline_of(doc.name)), 1)
		# the citizen's SMS says the matter is known, in their language, with the incident's title
		[known] = [text for text in texts_to(doc.name, CITIZEN_MOBILE) if "انقطاع صرف معاش تكافل" in text]
		self.assertIn("معروف", known)
		self.assertIn(doc.name, known)
		# and the tracking page says it too, until the complaint is closed
		frappe.local.lang = "ar"
		self.assertEqual(citizen_view(doc.name)["incident"], "انقطاع صرف معاش تكافل")

	def test_a_complaint_outside_the_period_or_the_place_or_of_a_closed_incident_is_not_linked(self):
		make_incident(
			self.org,
			self.category,
			period_from=add_days(nowdate(), -30),
			period_to=add_days(nowdate(), -10),
		)
		make_incident(self.org, self.category, district=self.district("Shubra"))
		make_incident(self.org, random_category())
		closed = make_incident(self.org, self.category)
		frappe.db.set_value("Complaint Incident", closed.name, "status", "Closed")
		doc = self.register(district=self.district("Nasr City"))
		self.assertIsNone(doc.incident)
		self.assertEqual(timeline_of(doc.name), [])
		self.assertFalse(any("معروف" in text for text in texts_to(doc.name, CITIZEN_MOBILE)))
		self.assertIsNone(citizen_view(doc.name)["incident"])


class IncidentAnswerCase(NotificationTestCase):
	ANSWER = "صُرفت مستحقات شهر نوفمبر لجميع المستفيدين في المركز."

	def setUp(self):
		super().setUp()
		self.category = random_category()

	def in_progress(self, count: int, org=None) -> list[str]:
		names = []
		for _i in range(count):
			doc = make_org_complaint(org or self.org, category=self.category, language="ar")
			doc = act(doc, "Accept", self.officer_of(org), deadline=add_days(now_datetime(), 5))
			names.append(act(doc, "Start Work", self.officer_of(org)).name)
		return names

	def officer_of(self, org) -> str:
		return (org or self.org).officers["Nasr City"]

	def linked_incident(self, names: list[str]):
		incident = make_incident(self.org, self.category, answer=self.ANSWER)
		with self.set_user("Administrator"):
			link(json.dumps(names), incident=incident.name)
		return incident

	def answer_as(self, user: str, incident: str) -> dict:
		with self.set_user(user):
			job = incidents.answer(incident)
			return bulk_actions.result(job["job"])


class TestAnsweringAnIncident(IncidentAnswerCase):
	def test_one_action_answers_and_closes_the_open_complaints_and_each_citizen_gets_the_sms(self):
		names = self.in_progress(3)
		incident = self.linked_incident(names)
		both = staff_user("Liaison Officer", "Quality Reviewer")
		result = self.answer_as(both, incident.name)
		self.assertEqual((sorted(result["changed"]), result["failed"]), (sorted(names), []))
		for name in names:
			self.assertEqual(
				frappe.db.get_value("Complaint", name, ["status", "response"]), ("Closed", self.ANSWER)
			)
			self.assertIn(name, texts_to(name, CITIZEN_MOBILE)[-1])  # the closing SMS
			self.assertTrue(any("أُغلقت" in note for note in timeline_of(name)), timeline_of(name))
		self.assertEqual(frappe.db.get_value("Complaint Incident", incident.name, "status"), "Closed")

	def test_the_officer_answers_and_the_reviewer_then_closes(self):
		names = self.in_progress(2)
		incident = self.linked_incident(names)
		self.assertEqual(len(self.answer_as(self.officer, incident.name)["changed"]), 2)
		self.assertEqual({frappe.db.get_value("Complaint", n, "status") for n in names}, {"Responded"})
		self.assertEqual(frappe.db.get_value("Complaint Incident", incident.name, "status"), "Answered")
		self.assertEqual(len(self.answer_as(self.reviewer, incident.name)["changed"]), 2)
		self.assertEqual({frappe.db.get_value("Complaint", n, "status") for n in names}, {"Closed"})
		self.assertEqual(frappe.db.get_value("Complaint Incident", incident.name, "status"), "Closed")

	def test_complaints_the_officer_may_not_change_are_reported_and_left_as_they_were(self):
		[ready] = self.in_progress(1)
		other_org = make_organisation()
		[elsewhere] = self.in_progress(1, org=other_org)
		not_ready = make_org_complaint(self.org, category=self.category).name  # Routed: not worked on yet
		incident = self.linked_incident([ready, elsewhere, not_ready])
		result = self.answer_as(self.officer, incident.name)
		self.assertEqual(result["changed"], [ready])
		reasons = {row["complaint"]: row["reason"] for row in result["failed"]}
		self.assertEqual(set(reasons), {elsewhere, not_ready})
		# in the officer's language
		self.assertIn(
			reasons[elsewhere], ("You may not change this complaint.", "لا تملك صلاحية تغيير هذه الشكوى.")
		)
		for name in (elsewhere, not_ready):
			self.assertIsNone(frappe.db.get_value("Complaint", name, "response"))
		self.assertEqual(frappe.db.get_value("Complaint Incident", incident.name, "status"), "Open")

	def test_an_incident_without_an_answer_or_of_another_users_role_is_refused(self):
		[name] = self.in_progress(1)
		incident = self.linked_incident([name])
		frappe.db.set_value("Complaint Incident", incident.name, "answer", "")
		with self.set_user(self.officer), self.assertRaises(IncidentError):
			incidents.answer(incident.name)
		frappe.db.set_value("Complaint Incident", incident.name, "answer", self.ANSWER)
		with self.set_user(staff_user("Call Center Agent")), self.assertRaises(frappe.PermissionError):
			incidents.answer(incident.name)
		self.assertEqual(frappe.db.get_value("Complaint", name, "status"), "In Progress")


class TestAnsweringInChunks(IncidentAnswerCase):
	"""An incident's complaints split over several background jobs (CHUNK_SIZE each) so that a
	deployment's workers share them; the last job to finish tells the result."""

	def test_each_complaint_is_answered_once_the_status_set_once_and_a_failure_stops_no_chunk(self):
		other_org = make_organisation()
		[elsewhere] = self.in_progress(1, org=other_org)  # first in the first chunk: the officer's may not
		names = self.in_progress(4)
		incident = self.linked_incident([elsewhere, *names])
		told = mock.Mock(wraps=bulk_actions.tell_user)
		statuses = mock.Mock(wraps=incidents.status_after)
		published = mock.Mock(wraps=frappe.publish_realtime)
		with (
			mock.patch.object(incidents, "CHUNK_SIZE", 2),
			mock.patch.object(incidents, "COMMIT_EVERY", 1),
			mock.patch.object(bulk_actions, "tell_user", told),
			mock.patch.object(incidents, "status_after", statuses),
			mock.patch.object(frappe, "publish_realtime", published),
		):
			result = self.answer_as(self.officer, incident.name)
		self.assertEqual(result["changed"], names)
		self.assertEqual([row["complaint"] for row in result["failed"]], [elsewhere])
		for name in names:
			self.assertEqual(frappe.db.get_value("Complaint", name, "status"), "Responded")
			self.assertEqual(len([n for n in timeline_of(name) if "رُدّ عليها" in n]), 1, timeline_of(name))
		self.assertEqual(frappe.db.get_value("Complaint", elsewhere, "status"), "In Progress")
		self.assertEqual([n for n in timeline_of(elsewhere) if "رُدّ عليها" in n], [])  # the link only
		# the incident's status set and the user told once, by the last of the three chunks
		statuses.assert_called_once_with(incident.name)
		told.assert_called_once_with(self.officer, incidents.ANSWER_ACTION, 4, 1)
		self.assertEqual(frappe.db.get_value("Complaint Incident", incident.name, "status"), "Open")
		# the progress counts the complaints of all chunks
		progress = [
			call.args[1]["done"]
			for call in published.call_args_list
			if call.args[0] == bulk_actions.PROGRESS_EVENT and call.args[1]["job"] == result["job"]
		]
		self.assertEqual(progress, [1, 2, 3, 4, 5])


class TestAThousandComplaints(IncidentAnswerCase):
	"""The goal of mass incidents: one action answers and closes 1,000 linked complaints, each through the
	single path, with its timeline noted. The suite runs it with 100 (1,000 take 8 to 13 minutes in a
	test, see docs/PERFORMANCE.md); COMPLAINTS_INCIDENT_COUNT=1000 in the environment measures the goal.
	The time it takes is printed."""

	COUNT = int(os.environ.get("COMPLAINTS_INCIDENT_COUNT") or 100)

	def many_in_progress(self) -> list[str]:
		"""One complaint taken to In Progress through the lifecycle, and copies of its row under new tracking
		numbers (the insert path itself is not what this measures)."""
		[first] = self.in_progress(1)
		template = frappe.get_doc("Complaint", first)
		names = [first]
		for _i in range(self.COUNT - 1):
			copy = frappe.copy_doc(template)
			copy.name = next_tracking_number()
			copy.db_insert()
			names.append(copy.name)
		return names

	def test_all_linked_complaints_are_answered_and_closed_in_one_action(self):
		names = self.many_in_progress()
		incident = self.linked_incident(names)
		self.assertEqual(
			frappe.db.get_value("Complaint Incident", incident.name, "complaint_count"), self.COUNT
		)
		both = staff_user("Liaison Officer", "Quality Reviewer")
		started = time.monotonic()
		result = self.answer_as(both, incident.name)
		took = time.monotonic() - started
		print(f"\n{self.COUNT} complaints answered and closed in {took:.1f} s")
		self.assertEqual((len(result["changed"]), result["failed"]), (self.COUNT, []))
		self.assertEqual(
			frappe.db.count("Complaint", {"incident": incident.name, "status": "Closed"}), self.COUNT
		)
		self.assertEqual(
			frappe.db.count(
				"Comment",
				{
					"reference_doctype": "Complaint",
					"reference_name": ("in", names),
					"content": ("like", f"%أُغلقت%{incident.name}%"),
				},
			),
			self.COUNT,
		)


class TestComplaintsPerIncident(FrappeTestCase):
	def test_the_report_counts_each_incidents_complaints_the_user_may_see(self):
		from complaints_mgmt.complaints.report.complaints_per_incident.complaints_per_incident import execute

		org, other_org, category = make_organisation(), make_organisation(), random_category()
		names = [make_org_complaint(org, category=category).name for _i in range(3)]
		frappe.db.set_value("Complaint", names[0], "status", "Closed")
		incident = make_incident(org, category)
		with self.set_user("Administrator"):
			link(json.dumps(names), incident=incident.name)
		manager = staff_user("Complaints Manager")
		with self.set_user(manager):
			_columns, rows, *_rest = execute({"category": category})
		[row] = rows
		self.assertEqual(
			(row["incident"], row["complaints"], row["open"], row["closed"]), (incident.name, 3, 2, 1)
		)
		# an officer of another unit reads the incident but not its complaints
		with self.set_user(other_org.officers["Nasr City"]):
			_columns, rows, *_rest = execute({"category": category})
		self.assertEqual([(r["incident"], r["complaints"]) for r in rows], [(incident.name, 0)])


def make_incident_answer_browser_data(password: str) -> dict:
	"""For the browser test of the incident's answer (through `bench execute`, which commits): the bulk
	test's Arabic officer, who here also reviews (so that the answer closes the complaints), and three of
	the officer's complaints being worked on, linked to an incident that has its answer."""
	from complaints_mgmt.tests.utils import make_bulk_browser_data

	data = make_bulk_browser_data(password)
	frappe.get_doc("User", data["officer"]).add_roles("Quality Reviewer")
	incident = frappe.get_doc(
		{
			"doctype": "Complaint Incident",
			"title_ar": "انقطاع صرف معاش تكافل",
			"category": data["category"],
			"governorate": data["governorate"],
			"period_from": add_days(nowdate(), -3),
			"answer": IncidentAnswerCase.ANSWER,
		}
	).insert(ignore_permissions=True)
	link(json.dumps(data["complaints"]), incident=incident.name)
	return {**data, "incident": incident.name}
