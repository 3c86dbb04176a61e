"""Distress appeals (استغاثة): a complaint type for urgent human cases. Its own SLA policy (a policy
scoped to the type comes before every other) gives it hours to be accepted, whatever its category and
priority, and the escalation matrix's first level falls due within those hours."""

import json
from datetime import timedelta

import frappe
from frappe.desk.doctype.number_card.number_card import get_result as get_card_result
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_datetime

from complaints_mgmt.service_levels import sla
from complaints_mgmt.setup.service_levels import DISTRESS_POLICY, ensure_sla_policies
from complaints_mgmt.setup.workflow import ensure_complaint_workflow
from complaints_mgmt.tests import utils as fixtures

DISTRESS = "Distress Appeal"


class TestDistressAppeals(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		cls.addClassCleanup(fixtures.forget_cached_settings)
		super().setUpClass()
		ensure_complaint_workflow()
		ensure_sla_policies()
		fixtures.make_working_calendar()
		fixtures.set_escalation_levels(
			[
				(1, "Before the Deadline", 24, "Liaison Officer"),
				(2, "After the Deadline", 0, "Directorate Head"),
			]
		)
		cls.org = fixtures.make_organisation()
		cls.category = fixtures.random_category("Social Unit", resolution_days=15)
		cls.category_policy = fixtures.make_sla_policy(cls.category, "Low", hours=48, days=10)

	def register(self, **fields):
		with self.freeze_time("2026-03-05 10:00:00"):  # a Thursday, a working day
			return fixtures.make_org_complaint(self.org, category=self.category, priority="Low", **fields)

	def test_the_distress_policy_is_installed(self):
		name, complaint_type, hours, days = DISTRESS_POLICY
		policy = frappe.get_doc("SLA Policy", name)
		self.assertEqual(
			(policy.complaint_type, policy.accept_hours, policy.resolve_days), (complaint_type, hours, days)
		)

	def test_a_distress_appeal_is_to_be_accepted_within_hours_whatever_its_category(self):
		doc = self.register(complaint_type=DISTRESS)
		self.assertEqual(doc.sla_policy, DISTRESS_POLICY[0])
		self.assertEqual(get_datetime(doc.accept_by), get_datetime("2026-03-05 12:00:00"))

	def test_its_first_escalation_falls_due_within_hours(self):
		doc = self.register(complaint_type=DISTRESS)
		due = get_datetime(doc.next_escalation_on) - get_datetime(doc.received_on)
		self.assertLessEqual(due, timedelta(hours=DISTRESS_POLICY[2]))
		self.assertEqual(doc.escalation_level, 0)

	def test_other_types_keep_the_policy_of_their_category(self):
		doc = self.register(complaint_type="Complaint")
		self.assertEqual(doc.sla_policy, self.category_policy)
		self.assertEqual(get_datetime(doc.accept_by), get_datetime("2026-03-09 10:00:00"))

	def test_a_second_policy_for_distress_appeals_is_refused(self):
		policy = frappe.get_doc(
			{
				"doctype": "SLA Policy",
				"policy_name": f"Distress {frappe.generate_hash(length=6)}",
				"complaint_type": DISTRESS,
				"accept_hours": 1,
				"resolve_days": 1,
			}
		)
		with self.assertRaises(sla.SLAPolicyError):
			policy.insert(ignore_permissions=True)

	def test_the_workspace_counts_the_open_distress_appeals_each_officer_may_read(self):
		first, second = list(self.org.units)
		officer = frappe.db.get_value("Liaison Officer", self.org.officers[first], "user")
		card = frappe.get_doc("Number Card", "Open Distress Appeals")
		self.assertIn(
			"Open Distress Appeals",
			{row.number_card_name for row in frappe.get_doc("Workspace", "Complaints").number_cards},
		)

		def shown() -> int:
			with self.set_user(officer):
				return get_card_result(card.as_dict(), json.loads(card.filters_json))

		before = shown()
		appeal = self.register(complaint_type=DISTRESS)  # in the officer's unit
		self.register(complaint_type="Complaint")
		fixtures.make_org_complaint(
			self.org, second, category=self.category, complaint_type=DISTRESS
		)  # another unit
		self.assertEqual(shown(), before + 1)
		frappe.db.set_value("Complaint", appeal.name, "status", "Closed", update_modified=False)
		self.assertEqual(shown(), before)

	def test_the_overdue_report_filters_and_names_distress_appeals(self):
		from frappe.utils import add_days, now_datetime

		from complaints_mgmt.complaints.report.overdue_complaints import overdue_complaints

		appeal = self.register(complaint_type=DISTRESS)
		other = self.register(complaint_type="Complaint")
		for name in (appeal.name, other.name):
			frappe.db.set_value(
				"Complaint", name, "deadline", add_days(now_datetime(), -1), update_modified=False
			)
		frappe.local.lang = "ar"
		try:
			_columns, rows, *_rest = overdue_complaints.execute({"complaint_type": DISTRESS})
		finally:
			frappe.local.lang = "en"
		names = [row.name for row in rows]
		self.assertIn(appeal.name, names)
		self.assertNotIn(other.name, names)
		self.assertEqual({row.complaint_type for row in rows}, {"استغاثة"})
		_columns, rows, *_rest = overdue_complaints.execute({"complaint_type": "Complaint"})
		self.assertIn(other.name, [row.name for row in rows])
		self.assertNotIn(appeal.name, [row.name for row in rows])

	def test_rescheduled_its_first_level_is_not_before_it_arrived(self):
		# 24 working hours before a deadline two hours away reach back days before the appeal existed:
		# the rescheduling job (escalation levels changed) keeps the level at the appeal's arrival
		from complaints_mgmt.service_levels import escalation

		doc = self.register(complaint_type=DISTRESS)
		frappe.db.set_value("Complaint", doc.name, "next_escalation_on", None, update_modified=False)
		just_before = doc.name[:-1] + chr(ord(doc.name[-1]) - 1)
		read, changed, last = escalation._reschedule_batch(just_before, 1)
		self.assertEqual((read, changed, last), (1, 1, doc.name))
		self.assertEqual(
			get_datetime(frappe.db.get_value("Complaint", doc.name, "next_escalation_on")),
			get_datetime(frappe.db.get_value("Complaint", doc.name, "received_on")),
		)
