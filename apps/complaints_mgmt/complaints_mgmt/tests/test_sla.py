"""SLA deadlines: working-day arithmetic, the calendar record, policies, and the deadlines complaints get
as they walk through the workflow (registration, acceptance, a pause, closure met or breached)."""

from datetime import date, datetime, timezone

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_datetime

from complaints_mgmt.lifecycle import states
from complaints_mgmt.lifecycle import transitions as lifecycle
from complaints_mgmt.service_levels import public_holidays, sla, working_time
from complaints_mgmt.service_levels.working_time import WorkingCalendar
from complaints_mgmt.setup.workflow import ensure_appeal_workflow, ensure_complaint_workflow
from complaints_mgmt.tests.utils import (
	act,
	forget_cached_settings,
	make_org_complaint,
	make_organisation,
	make_sla_policy,
	make_working_calendar,
	random_category,
	set_escalation_levels,
	site_time_zone,
	staff_user,
)

EGYPT = WorkingCalendar(frozenset({4, 5}))  # Friday and Saturday off
# Thursday 5 March 2026 and Sunday 8 March 2026
THURSDAY, SUNDAY = date(2026, 3, 5), date(2026, 3, 8)


def at(day: str, hour: int = 0, minute: int = 0) -> datetime:
	return datetime.fromisoformat(day).replace(hour=hour, minute=minute)


class TestWorkingTime(FrappeTestCase):
	def test_a_working_day_after_thursday_is_sunday(self):
		self.assertEqual(working_time.add_working_days(at("2026-03-05", 10), 1, EGYPT), at("2026-03-08", 10))

	def test_working_days_skip_holidays_too(self):
		calendar = WorkingCalendar(frozenset({4, 5}), frozenset({SUNDAY, date(2026, 3, 9)}))
		# Wednesday + 2: Thursday, then Friday, Saturday, Sunday and Monday are off: Tuesday
		self.assertEqual(working_time.add_working_days(at("2026-03-04", 9), 2, calendar), at("2026-03-10", 9))

	def test_a_deadline_set_on_a_day_off_counts_from_the_next_working_day(self):
		# Friday 14:00 + 1 working day: all of Sunday
		self.assertEqual(working_time.add_working_days(at("2026-03-06", 14), 1, EGYPT), at("2026-03-09"))

	def test_working_hours_run_only_on_working_days(self):
		self.assertEqual(working_time.add_working_time(at("2026-03-05", 20), 24, EGYPT), at("2026-03-08", 20))
		self.assertEqual(working_time.add_working_time(at("2026-03-05", 20), 4, EGYPT), at("2026-03-08", 0))

	def test_working_hours_before_a_deadline_skip_days_off(self):
		self.assertEqual(
			working_time.subtract_working_time(at("2026-03-08", 10), 24, EGYPT), at("2026-03-05", 10)
		)
		self.assertEqual(working_time.subtract_working_time(at("2026-03-08"), 2, EGYPT), at("2026-03-05", 22))

	def test_working_hours_between_two_moments_leave_out_the_weekend(self):
		self.assertEqual(
			working_time.working_hours_between(at("2026-03-05", 12), at("2026-03-08", 12), EGYPT), 24
		)
		self.assertEqual(
			working_time.working_hours_between(at("2026-03-06", 9), at("2026-03-07", 23), EGYPT), 0
		)

	def test_a_calendar_without_working_days_is_an_error(self):
		with self.assertRaises(working_time.CalendarError):
			working_time.add_working_days(at("2026-03-05"), 1, WorkingCalendar(frozenset(range(7))))

	def test_a_time_with_a_zone_is_read_in_the_sites_time_zone(self):
		with site_time_zone("Africa/Cairo"):
			# Thursday 23:30 UTC is Friday 01:30 in Cairo: a Friday complaint
			thursday_night_utc = datetime(2026, 3, 5, 23, 30, tzinfo=timezone.utc)
			self.assertEqual(working_time.to_system_time(thursday_night_utc), at("2026-03-06", 1, 30))
			self.assertEqual(working_time.add_working_days(thursday_night_utc, 1, EGYPT), at("2026-03-09"))
		with site_time_zone("UTC"):
			# the same moment on a UTC site is still Thursday: one working day ends on Sunday
			self.assertEqual(
				working_time.add_working_days(thursday_night_utc, 1, EGYPT), at("2026-03-08", 23, 30)
			)


class TestWorkingCalendarRecord(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		cls.addClassCleanup(forget_cached_settings)
		super().setUpClass()

	def test_the_installed_calendar_has_egypts_weekend_and_holidays_in_arabic_and_english(self):
		public_holidays.ensure_working_calendar()
		first = frappe.get_all("Working Calendar", order_by="creation asc", limit=1, pluck="name")[0]
		calendar = frappe.get_doc("Working Calendar", first)
		self.assertTrue(calendar.friday_off and calendar.saturday_off)
		self.assertFalse(calendar.sunday_off or calendar.thursday_off)
		year = frappe.utils.now_datetime().year
		self.assertIn(str(year + 1), calendar.seeded_years.split())
		names = {(row.holiday_name_ar, row.holiday_name_en) for row in calendar.holidays}
		self.assertTrue(any("الأضحى" in (ar or "") and "Eid al-Adha" in (en or "") for ar, en in names))

	def test_holidays_come_from_the_package_for_the_calendars_country(self):
		doc = frappe.new_doc("Working Calendar")
		doc.calendar_name = f"Jordan {frappe.generate_hash(length=6)}"
		doc.country = "JO"
		added = public_holidays.add_public_holidays(doc, 2026)
		doc.insert()
		self.assertEqual(added, len(doc.holidays))
		by_date = {row.holiday_date: row for row in doc.holidays}
		self.assertEqual(by_date[date(2026, 5, 25)].holiday_name_en, "Independence Day")  # Jordan's own
		self.assertEqual(by_date[date(2026, 5, 25)].holiday_name_ar, "عيد الاستقلال")

	def test_a_year_is_seeded_once_and_a_removed_holiday_stays_removed(self):
		name = make_working_calendar()
		doc = frappe.get_doc("Working Calendar", name)
		doc.seeded_years = ""
		public_holidays.add_public_holidays(doc, 2026)
		doc.save()
		revolution_day = date(2026, 7, 23)
		doc.holidays = [row for row in doc.holidays if row.holiday_date != revolution_day]
		doc.save()
		public_holidays.seed_coming_years()  # this year and next: 2026 is already there
		doc.reload()
		self.assertNotIn(revolution_day, [row.holiday_date for row in doc.holidays])
		self.assertIn(str(frappe.utils.now_datetime().year + 1), doc.seeded_years.split())

	def test_an_edit_in_the_desk_changes_the_deadlines_at_once(self):
		name = make_working_calendar()
		self.assertEqual(sla.add_working_days(at("2026-03-05", 10), 1), at("2026-03-08", 10))
		doc = frappe.get_doc("Working Calendar", name)
		doc.append(
			"holidays", {"holiday_date": SUNDAY, "holiday_name_en": "Announced", "holiday_name_ar": "عطلة"}
		)
		doc.save()
		self.assertEqual(sla.add_working_days(at("2026-03-05", 10), 1), at("2026-03-09", 10))

	def test_a_date_listed_twice_is_refused(self):
		doc = frappe.get_doc("Working Calendar", make_working_calendar({THURSDAY: "One"}))
		doc.append("holidays", {"holiday_date": THURSDAY, "holiday_name_en": "Two"})
		with self.assertRaises(working_time.CalendarError):
			doc.save()

	def test_a_week_without_working_days_is_refused(self):
		with self.assertRaises(working_time.CalendarError):
			make_working_calendar(
				days_off=("saturday", "sunday", "monday", "tuesday", "wednesday", "thursday", "friday")
			)


class SLATestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		cls.addClassCleanup(forget_cached_settings)
		super().setUpClass()
		ensure_complaint_workflow()
		ensure_appeal_workflow()
		make_working_calendar()
		cls.org = make_organisation()
		cls.category = random_category("Social Unit", resolution_days=15)
		cls.policy = make_sla_policy(cls.category, hours=48, days=3)
		cls.officer = cls.org.officers["Nasr City"]
		cls.reviewer = staff_user("Quality Reviewer")

	def register(self, **fields):
		return make_org_complaint(self.org, category=self.category, **fields)

	def accept(self, doc, deadline="2026-03-19 12:00:00"):
		return act(doc, "Accept", self.officer, deadline=deadline)

	def close(self, doc):
		doc = act(doc, "Start Work", self.officer)
		doc = act(doc, "Respond", self.officer, response="Your payment was sent.")
		doc = act(doc, "Start Review", self.reviewer)
		return act(doc, "Approve", self.reviewer)


class TestPolicies(SLATestCase):
	def terms(self, category=None, priority="Medium"):
		return sla.terms_for(frappe._dict(category=category or self.category, priority=priority))

	def test_the_most_specific_policy_applies(self):
		group = frappe.get_doc("Complaint Category", random_category(is_group=1))
		child = random_category(parent_complaint_category=group.name, acceptance_hours=6, resolution_days=9)
		for policy in frappe.get_all("SLA Policy", fields=["name", "category"]):
			if not policy.category:
				frappe.db.set_value("SLA Policy", policy.name, "enabled", 0)  # the installed ones
		everything = make_sla_policy(hours=100, days=30)
		urgent = make_sla_policy(priority="Urgent", hours=2, days=1)
		no_hours_of_its_own = random_category(acceptance_hours=0, resolution_days=0)
		self.assertEqual(self.terms(no_hours_of_its_own, "Low").policy, everything)  # nothing else fits
		self.assertEqual(self.terms(child, "Low"), sla.Terms(None, 6, 9))  # the category's own
		self.assertEqual(self.terms(child, "Urgent").policy, urgent)
		for_group = make_sla_policy(group.name, hours=12, days=5)
		self.assertEqual(self.terms(child, "Urgent").policy, for_group)  # a category beats a priority
		for_child = make_sla_policy(child, hours=8, days=4)
		self.assertEqual(self.terms(child, "Urgent").policy, for_child)  # the nearest category
		for_child_urgent = make_sla_policy(child, "Urgent", hours=1, days=1)
		self.assertEqual(self.terms(child, "Urgent").policy, for_child_urgent)
		self.assertEqual(self.terms(child, "Low").policy, for_child)

	def test_two_policies_for_the_same_category_and_priority_are_refused(self):
		with self.assertRaises(sla.SLAPolicyError):
			make_sla_policy(self.category, hours=10, days=2)

	def test_a_policy_needs_time_to_accept_and_to_resolve(self):
		with self.assertRaises(sla.SLAPolicyError):
			make_sla_policy(random_category(), hours=0, days=2)


class TestComplaintDeadlines(SLATestCase):
	def test_registration_sets_the_accept_by_in_working_hours(self):
		with self.freeze_time("2026-03-05 10:00:00"):  # Thursday
			doc = self.register()
		self.assertEqual(doc.sla_policy, self.policy)
		self.assertEqual(
			get_datetime(doc.accept_by), at("2026-03-09", 10)
		)  # 14 h Thursday, 24 Sunday, 10 Monday
		self.assertEqual(doc.sla_status, sla.ON_TRACK)

	def test_deadlines_are_counted_in_the_sites_time_zone(self):
		with site_time_zone("Africa/Cairo"):
			# 22:30 UTC on Thursday is 00:30 on Friday in Cairo: the clock starts on Sunday
			with self.freeze_time("2026-03-06 00:30:00"):  # Cairo time
				doc = self.register()
			self.assertEqual(get_datetime(doc.received_on), at("2026-03-06", 0, 30))
			self.assertEqual(get_datetime(doc.accept_by), at("2026-03-10"))

	def test_acceptance_sets_the_resolve_by_in_working_days(self):
		with self.freeze_time("2026-03-05 10:00:00"):
			doc = self.accept(self.register())
		self.assertEqual(get_datetime(doc.resolve_by), at("2026-03-10", 10))  # Sun, Mon, Tue
		self.assertEqual(doc.sla_status, sla.ON_TRACK)

	def test_the_clock_stops_while_awaiting_the_citizen(self):
		with self.freeze_time("2026-03-01 09:00:00"):  # Sunday
			doc = act(self.accept(self.register()), "Start Work", self.officer)
		self.assertEqual(get_datetime(doc.resolve_by), at("2026-03-04", 9))
		with self.freeze_time("2026-03-02 09:00:00"):  # Monday
			doc = act(
				doc,
				"Request Information",
				self.officer,
				information_request="Which month was the payment missed?",
			)
		self.assertEqual(doc.status, states.AWAITING_CITIZEN)
		self.assertIsNone(doc.next_escalation_on)
		with self.freeze_time("2026-03-08 09:00:00"):  # next Sunday: 4 working days later
			doc = act(doc, "Resume", self.officer)
		self.assertEqual(doc.sla_paused_hours, 96)
		self.assertIsNone(doc.sla_paused_on)
		self.assertEqual(get_datetime(doc.resolve_by), at("2026-03-10", 9))  # Wednesday + 4 working days
		self.assertEqual(get_datetime(doc.deadline), at("2026-03-25", 12))  # the officer's, moved as well

	def test_closing_in_time_meets_the_sla(self):
		with self.freeze_time("2026-03-01 09:00:00"):
			doc = self.accept(self.register())
		with self.freeze_time("2026-03-03 09:00:00"):
			doc = self.close(doc)
		self.assertEqual(doc.sla_status, sla.MET)

	def test_closing_after_the_resolve_by_breaches_the_sla(self):
		with self.freeze_time("2026-03-01 09:00:00"):
			doc = self.accept(self.register())
		with self.freeze_time("2026-03-05 09:00:00"):  # resolve-by was Wednesday 09:00
			doc = self.close(doc)
		self.assertEqual(doc.sla_status, sla.BREACHED)

	def test_accepting_late_breaches_the_sla_even_if_closed_in_time(self):
		with self.freeze_time("2026-03-01 09:00:00"):
			doc = self.register()
		with self.freeze_time("2026-03-04 09:00:00"):  # accept-by was Tuesday 09:00
			doc = self.accept(doc)
			self.assertEqual(doc.sla_status, sla.BREACHED)
			doc = self.close(doc)
		self.assertEqual(doc.sla_status, sla.BREACHED)

	def test_a_reopening_by_the_system_starts_a_new_resolve_by(self):
		with self.freeze_time("2026-03-01 09:00:00"):
			doc = self.accept(self.register())
		with self.freeze_time("2026-03-05 09:00:00"):
			doc = self.close(doc)
		with self.freeze_time("2026-03-08 09:00:00"):
			lifecycle.move_by_system(doc, states.REOPENED, "appeal upheld")
		stored = frappe.db.get_value(
			"Complaint", doc.name, ["resolve_by", "sla_status", "escalation_level"], as_dict=True
		)
		self.assertEqual(get_datetime(stored.resolve_by), at("2026-03-11", 9))
		self.assertEqual(stored.sla_status, sla.ON_TRACK)
		self.assertEqual(stored.escalation_level, 0)

	def test_the_lifecycles_maximum_deadline_counts_working_days(self):
		with self.freeze_time("2026-03-05 10:00:00"):
			doc = self.register()
		# 15 working days from Thursday: three weeks and a day off each side
		self.assertEqual(get_datetime(lifecycle.max_deadline(doc)), at("2026-03-26", 10))


class TestComplaintsWrittenWithoutHooks(SLATestCase):
	def test_open_complaints_loaded_in_bulk_get_their_deadlines_and_next_escalation(self):
		set_escalation_levels([(1, "Before the Deadline", 24, "Liaison Officer")])
		with self.freeze_time("2026-03-01 09:00:00"):
			accepted = self.accept(self.register())
			waiting = self.register()
			closed = self.register()
		bare = {"accept_by": None, "resolve_by": None, "next_escalation_on": None}
		for name in (accepted.name, waiting.name, closed.name):
			frappe.db.set_value("Complaint", name, bare, update_modified=False)
		frappe.db.set_value("Complaint", closed.name, "status", states.CLOSED)
		with self.freeze_time("2026-03-01 10:00:00"):
			sla.schedule_open_complaints(batch_size=1, names=[accepted.name, waiting.name, closed.name])
		stored = {name: self.stored(name) for name in (accepted.name, waiting.name, closed.name)}
		self.assertEqual(get_datetime(stored[waiting.name].accept_by), at("2026-03-03", 9))
		self.assertIsNone(stored[waiting.name].resolve_by)
		self.assertEqual(get_datetime(stored[accepted.name].resolve_by), at("2026-03-04", 9))
		self.assertEqual(get_datetime(stored[accepted.name].next_escalation_on), at("2026-03-03", 9))
		self.assertEqual(stored[accepted.name].escalation_level, 0)
		self.assertEqual(
			(stored[closed.name].accept_by, stored[closed.name].next_escalation_on), (None, None)
		)

	def test_a_backlog_of_late_complaints_is_breached_but_not_escalated_all_at_once(self):
		set_escalation_levels([(1, "Before the Deadline", 24, "Liaison Officer")])
		with self.freeze_time("2026-03-01 09:00:00"):
			accepted = self.accept(self.register())
		frappe.db.set_value("Complaint", accepted.name, {"resolve_by": None, "next_escalation_on": None})
		with self.freeze_time("2026-03-08 09:00:00"):  # resolve-by was Wednesday the 4th
			sla.schedule_open_complaints(names=[accepted.name])
		stored = self.stored(accepted.name)
		self.assertEqual(get_datetime(stored.resolve_by), at("2026-03-04", 9))
		self.assertEqual((stored.sla_status, stored.escalation_level), (sla.BREACHED, 1))
		self.assertIsNone(stored.next_escalation_on)

	def stored(self, name):
		fields = ["accept_by", "resolve_by", "next_escalation_on", "escalation_level", "sla_status"]
		return frappe.db.get_value("Complaint", name, fields, as_dict=True)


class TestStatusShown(SLATestCase):
	def test_a_complaint_weeks_past_its_deadline_does_not_read_on_track(self):
		with self.freeze_time("2026-03-01 09:00:00"):
			doc = self.accept(self.register(), deadline="2026-03-05 12:00:00")
		self.assertEqual(doc.sla_status, sla.ON_TRACK)
		with self.freeze_time("2026-04-15 09:00:00"):  # 40 days late, no save or escalation run since
			shown = frappe.get_doc("Complaint", doc.name)
			shown.run_method("onload")
			self.assertEqual(shown.sla_status, sla.BREACHED)
			shown.add_comment("Comment", "still waiting")
			shown.priority = "High"
			shown.save(ignore_permissions=True)
		self.assertEqual(frappe.db.get_value("Complaint", doc.name, "sla_status"), sla.BREACHED)

	def test_a_complaint_within_its_deadlines_reads_on_track(self):
		with self.freeze_time("2026-03-01 09:00:00"):
			doc = self.accept(self.register(), deadline="2026-03-05 12:00:00")
		with self.freeze_time("2026-03-02 09:00:00"):
			shown = frappe.get_doc("Complaint", doc.name)
			shown.run_method("onload")
		self.assertEqual(shown.sla_status, sla.ON_TRACK)
