"""Escalation: each level at its time and to its people, never twice, in batches through an index, and
two runs at once sending each level once."""

import random
import threading

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_to_date, get_datetime, now_datetime

from complaints_mgmt.lifecycle import states
from complaints_mgmt.messaging import sms
from complaints_mgmt.permissions import escalation_has_permission
from complaints_mgmt.service_levels import escalation, sla
from complaints_mgmt.setup.workflow import ensure_complaint_workflow
from complaints_mgmt.tests.utils import (
	SmsGatewayServer,
	StaffNoticesTestCase,
	act,
	ask_the_citizen,
	citizen_user,
	delete_complaints,
	forget_cached_settings,
	make_category,
	make_escalation_org,
	make_org_complaint,
	make_organisation,
	make_sla_policy,
	make_user,
	make_working_calendar,
	query_plan,
	random_category,
	set_escalation_levels,
	timeline,
)

BEFORE, AFTER = "Before the Deadline", "After the Deadline"
HQ_EMAIL = "citizen-services@test.complaints.local"
OFFICER_MOBILE = "01112345678"


def escalations(complaint: str) -> list:
	return frappe.get_all(
		"Complaint Escalation",
		filters={"complaint": complaint},
		fields=["name", "level", "notify", "phase", "recipient_emails", "recipient_mobiles", "due_on"],
		order_by="level asc",
	)


def escalation_notes(complaint: str) -> list[str]:
	"""The escalations on the complaint's timeline, written in the site's language."""
	lang = frappe.get_system_settings("language") or frappe.local.lang
	prefix = frappe._("Escalation level {0}: {1} notified ({2}); deadline {3}.", lang=lang).split("{0}")[0]
	return [note for note in timeline(complaint) if note.startswith(prefix)]


class EscalationTestCase(StaffNoticesTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_working_calendar()
		cls.org = make_organisation()
		cls.officer = cls.org.officers["Nasr City"]
		cls.head = make_user(roles=["Directorate Head"]).name
		cls.head_mobile = f"+2010{random.randrange(10**7, 10**8)}"  # unique among users
		frappe.db.set_value("User", cls.head, "mobile_no", cls.head_mobile)
		frappe.db.set_value("Directorate", cls.org.directorate, "head", cls.head)
		cls.hq = make_user(roles=["Complaints Manager"]).name
		cls.category = random_category()
		make_sla_policy(cls.category, hours=48, days=3)
		set_escalation_levels(
			[
				(1, BEFORE, 24, escalation.LIAISON_OFFICER),
				(2, AFTER, 0, escalation.DIRECTORATE_HEAD),
				(3, AFTER, 48, escalation.HEADQUARTERS, {"notify_user": cls.hq, "notify_email": HQ_EMAIL}),
			]
		)

	def setUp(self):
		self.complaints = []  # the test's own: the site may hold many more, due at the frozen times
		self.gateway = SmsGatewayServer().start()
		self.addCleanup(self.gateway.stop)
		self.gateway.configure()

	def register(self, when: str = "2026-03-01 09:00:00", **fields):
		"""Sunday 09:00: accept by Tuesday 09:00 (48 working hours)."""
		with self.freeze_time(when):
			doc = make_org_complaint(self.org, category=self.category, **fields)
		self.complaints.append(doc.name)
		return doc

	def run_at(self, when: str) -> list[str]:
		"""A run at `when` over the test's complaints (the batch query has its own tests)."""
		with self.freeze_time(when):
			return escalation.escalate_batch(self.complaints)

	def stored(self, name: str):
		return frappe.db.get_value(
			"Complaint", name, ["escalation_level", "next_escalation_on", "sla_status"], as_dict=True
		)


class TestLevels(EscalationTestCase):
	def test_the_levels_climb_at_their_times_to_their_people(self):
		doc = self.register()
		self.assertEqual(get_datetime(doc.accept_by), get_datetime("2026-03-03 09:00:00"))
		self.assertEqual(get_datetime(doc.next_escalation_on), get_datetime("2026-03-02 09:00:00"))
		self.assertEqual(self.run_at("2026-03-01 10:00:00"), [])

		self.assertEqual(self.run_at("2026-03-02 09:30:00"), [doc.name])
		[first] = escalations(doc.name)
		self.assertEqual((first.level, first.notify, first.phase), (1, "Liaison Officer", sla.ACCEPTANCE))
		self.assertEqual((first.recipient_emails, first.recipient_mobiles), (self.officer, OFFICER_MOBILE))
		self.assertEqual(self.stored(doc.name).escalation_level, 1)
		self.assertEqual(self.stored(doc.name).sla_status, sla.ON_TRACK)
		self.assertEqual(get_datetime(self.stored(doc.name).next_escalation_on), get_datetime(doc.accept_by))

		self.assertEqual(self.run_at("2026-03-03 09:30:00"), [doc.name])
		second = escalations(doc.name)[1]
		self.assertEqual((second.level, second.notify), (2, "Directorate Head"))
		self.assertEqual((second.recipient_emails, second.recipient_mobiles), (self.head, self.head_mobile))
		self.assertEqual(self.stored(doc.name).sla_status, sla.BREACHED)
		# level 3: 48 working hours after Tuesday 09:00 is Thursday 09:00
		self.assertEqual(
			get_datetime(self.stored(doc.name).next_escalation_on), get_datetime("2026-03-05 09:00:00")
		)

		self.assertEqual(self.run_at("2026-03-05 09:30:00"), [doc.name])
		third = escalations(doc.name)[2]
		self.assertEqual((third.level, third.notify), (3, "Headquarters"))
		self.assertEqual(third.recipient_emails.split(","), [self.hq, HQ_EMAIL])
		self.assertIsNone(self.stored(doc.name).next_escalation_on)
		self.assertEqual(self.run_at("2026-03-12 09:30:00"), [])

		notes = escalation_notes(doc.name)
		self.assertEqual(len(notes), 3)
		self.assertIn(self.head, notes[1])

	def test_running_twice_sends_each_level_once(self):
		doc = self.register()
		self.assertEqual(self.run_at("2026-03-02 09:30:00"), [doc.name])
		self.assertEqual(self.run_at("2026-03-02 09:30:00"), [])
		self.assertEqual(self.run_at("2026-03-02 11:00:00"), [])
		self.assertEqual(len(escalations(doc.name)), 1)

	def test_a_level_already_sent_is_not_sent_again_even_if_the_complaint_says_otherwise(self):
		doc = self.register()
		self.run_at("2026-03-02 09:30:00")
		# as a run that read the complaint before the first committed would see it
		frappe.db.set_value(
			"Complaint", doc.name, {"escalation_level": 0, "next_escalation_on": "2026-03-02 09:00:00"}
		)
		notes = len(timeline(doc.name))
		self.assertEqual(self.run_at("2026-03-02 09:40:00"), [])
		self.assertEqual(len(escalations(doc.name)), 1)
		self.assertEqual(len(timeline(doc.name)), notes)
		self.assertEqual(self.stored(doc.name).escalation_level, 1)

	def test_when_the_job_was_down_only_the_highest_due_level_is_sent(self):
		doc = self.register()
		self.assertEqual(self.run_at("2026-03-05 10:00:00"), [doc.name])
		self.assertEqual([row.level for row in escalations(doc.name)], [3])
		self.assertEqual(self.run_at("2026-03-09 10:00:00"), [])

	def test_nobody_at_a_level_notifies_the_next_one_up(self):
		doc = self.register()
		frappe.db.set_value("Complaint", doc.name, "liaison_officer", None)
		self.run_at("2026-03-02 09:30:00")
		[first] = escalations(doc.name)
		self.assertEqual(
			(first.level, first.notify, first.recipient_emails), (1, "Directorate Head", self.head)
		)

	def test_acceptance_starts_the_levels_again_for_the_resolve_by(self):
		doc = self.register()
		self.run_at("2026-03-02 09:30:00")
		with self.freeze_time("2026-03-02 10:00:00"):  # Monday: resolve by Thursday 10:00
			doc = act(doc, "Accept", self.officer, deadline="2026-03-12 10:00:00")
		self.assertEqual(get_datetime(doc.resolve_by), get_datetime("2026-03-05 10:00:00"))
		self.assertEqual(doc.escalation_level, 0)
		self.assertEqual(get_datetime(doc.next_escalation_on), get_datetime("2026-03-04 10:00:00"))
		self.assertEqual(self.run_at("2026-03-04 10:30:00"), [doc.name])
		self.assertEqual(
			[(row.level, row.phase) for row in escalations(doc.name)],
			[(1, sla.ACCEPTANCE), (1, sla.RESOLUTION)],
		)

	def test_a_complaint_awaiting_the_citizen_is_not_escalated(self):
		doc = self.register()
		with self.freeze_time("2026-03-01 10:00:00"):
			doc = ask_the_citizen(doc, self.officer, deadline="2026-03-12 10:00:00")
		self.assertIsNone(doc.next_escalation_on)
		self.assertEqual(self.run_at("2026-03-12 10:00:00"), [])
		self.assertEqual(escalations(doc.name), [])

	def test_a_closed_complaint_left_due_is_not_escalated(self):
		doc = self.register()
		frappe.db.set_value("Complaint", doc.name, "status", states.CLOSED)
		self.assertEqual(self.run_at("2026-03-05 10:00:00"), [])
		self.assertEqual(escalations(doc.name), [])
		self.assertIsNone(self.stored(doc.name).next_escalation_on)


def reschedule_all() -> int:
	"""What the rescheduling job does, without its commits (the test's writes are rolled back)."""
	after, changed = "", 0
	while True:
		read, count, after = escalation._reschedule_batch(after, 5000)
		changed += count
		if not read:
			return changed


class TestLevelsChanged(EscalationTestCase):
	"""Escalation switched on again, or a level added: open complaints are rescheduled."""

	def tearDown(self):
		set_escalation_levels(
			[
				(1, BEFORE, 24, escalation.LIAISON_OFFICER),
				(2, AFTER, 0, escalation.DIRECTORATE_HEAD),
				(3, AFTER, 48, escalation.HEADQUARTERS, {"notify_user": self.hq, "notify_email": HQ_EMAIL}),
			]
		)
		forget_cached_settings()

	def switch_escalation(self, enabled: int):
		settings = frappe.get_single("Complaints Settings")
		settings.escalation_enabled = enabled
		settings.save(ignore_permissions=True)
		forget_cached_settings()

	def test_a_complaint_registered_while_escalation_was_off_escalates_once_it_is_on(self):
		self.switch_escalation(0)
		doc = self.register()
		self.assertIsNone(self.stored(doc.name).next_escalation_on)

		self.switch_escalation(1)
		self.assertIn(escalation._request_reschedule, frappe.db.after_commit._functions)
		self.assertGreaterEqual(reschedule_all(), 1)
		self.assertEqual(
			get_datetime(self.stored(doc.name).next_escalation_on), get_datetime("2026-03-02 09:00:00")
		)
		self.assertEqual(self.run_at("2026-03-03 09:30:00"), [doc.name])
		self.assertEqual([row.level for row in escalations(doc.name)], [2], "the highest level due")

	def test_switching_escalation_off_stops_the_open_complaints(self):
		doc = self.register()
		self.switch_escalation(0)
		reschedule_all()
		self.assertIsNone(self.stored(doc.name).next_escalation_on)
		self.assertEqual(self.run_at("2026-03-03 09:30:00"), [])

	def test_a_level_added_after_the_last_reaches_complaints_past_it(self):
		doc = self.register()
		self.assertEqual(self.run_at("2026-03-05 10:00:00"), [doc.name])
		self.assertIsNone(self.stored(doc.name).next_escalation_on)
		settings = frappe.get_single("Complaints Settings")
		settings.append(
			"escalation_levels",
			{
				"level": 4,
				"timing": AFTER,
				"hours": 96,
				"notify": escalation.HEADQUARTERS,
				"notify_user": self.hq,
			},
		)
		settings.save(ignore_permissions=True)
		forget_cached_settings()
		reschedule_all()
		# 96 working hours (four working days) after Tuesday 09:00, Friday and Saturday off: Monday 09:00
		self.assertEqual(
			get_datetime(self.stored(doc.name).next_escalation_on), get_datetime("2026-03-09 09:00:00")
		)
		self.assertEqual(self.run_at("2026-03-09 09:30:00"), [doc.name])
		self.assertEqual([row.level for row in escalations(doc.name)], [3, 4])

	def test_saving_the_settings_unchanged_reschedules_nothing(self):
		frappe.db.after_commit._functions.clear()
		settings = frappe.get_single("Complaints Settings")
		settings.sms_retry_minutes = (settings.sms_retry_minutes or 5) + 1
		settings.save(ignore_permissions=True)
		self.assertNotIn(escalation._request_reschedule, frappe.db.after_commit._functions)


class TestEscalationNotifications(EscalationTestCase):
	def test_the_directorate_head_gets_an_email_an_alert_and_an_sms(self):
		doc = self.register()
		self.run_at("2026-03-03 09:30:00")
		[escalated] = escalations(doc.name)
		self.assertEqual(escalated.notify, "Directorate Head")
		# the run only asks for the notifying job: Frappe takes a fifth of a second to render and queue an
		# email
		self.assertEqual(frappe.db.count(sms.LOG, {"reference_name": escalated.name}), 0)
		self.assertIn(escalation.request_notify, frappe.db.after_commit._functions)
		with self.freeze_time("2026-03-03 09:50:00"):
			self.assertIn(escalated.name, escalation.unnotified(now_datetime()))
			# one the job failed on is left out until its next run
			self.assertNotIn(escalated.name, escalation.unnotified(now_datetime(), 10, {escalated.name}))
			escalation.notify(escalated.name)
			escalation.notify(escalated.name)  # a second job for the same escalation sends nothing
			self.assertNotIn(escalated.name, escalation.unnotified(now_datetime()))
		# the email, as the complaint's communications keep it (sending needs an outgoing account)
		[email] = frappe.get_all(
			"Communication",
			filters={"reference_doctype": "Complaint Escalation", "reference_name": escalated.name},
			fields=["recipients", "subject", "content"],
		)
		self.assertEqual(email.recipients, self.head)
		self.assertIn(doc.name, email.subject)
		self.assertIn("موعد القبول", email.content)
		alert = frappe.get_all(
			"Notification Log",
			filters={"document_name": escalated.name, "for_user": self.head},
			fields=["subject"],
		)
		self.assertEqual(len(alert), 1)
		self.assertIn(doc.name, alert[0].subject)
		[message] = frappe.get_all(
			sms.LOG, filters={"reference_name": escalated.name}, fields=["name", "mobile", "message"]
		)
		self.assertEqual(message.mobile, self.head_mobile)
		sms.send(message.name)
		[received] = self.gateway.received
		self.assertEqual(received["to"], self.head_mobile)
		self.assertIn(f"تصعيد (المستوى 2): تأخرت الشكوى {doc.name}", received["text"])

	def test_escalations_are_read_by_the_staff_of_the_complaint_only(self):
		doc = self.register()
		self.run_at("2026-03-02 09:30:00")
		[escalated] = escalations(doc.name)
		record = frappe.get_doc("Complaint Escalation", escalated.name)
		other_officer = self.org.officers["Shubra"]
		self.assertTrue(escalation_has_permission(record, "read", self.officer))
		self.assertTrue(escalation_has_permission(record, "read", self.head))
		self.assertFalse(escalation_has_permission(record, "read", other_officer))
		self.assertFalse(escalation_has_permission(record, "read", citizen_user()))
		for user, expected in ((self.officer, [escalated.name]), (other_officer, [])):
			frappe.set_user(user)
			try:
				listed = frappe.get_list(
					"Complaint Escalation", filters={"complaint": doc.name}, pluck="name"
				)
			finally:
				frappe.set_user("Administrator")
			self.assertEqual(listed, expected)


class TestBatches(EscalationTestCase):
	def test_the_batch_query_reads_the_index_on_next_escalation(self):
		plan = query_plan(escalation.due_complaints_query(now_datetime(), 500).get_sql())
		self.assertEqual(plan.key, "next_escalation_on_index")
		self.assertEqual(plan.type, "range")
		self.assertNotIn("filesort", plan.Extra or "")

	def test_a_batch_takes_the_earliest_due_complaints_first(self):
		first, second, third = (self.register() for _i in range(3))
		# long before anything else the site may hold, and after only for the third
		for name, when in (
			(first.name, "1999-01-02"),
			(second.name, "1999-01-01"),
			(third.name, "2999-01-01"),
		):
			frappe.db.set_value("Complaint", name, "next_escalation_on", when)
		with self.freeze_time("2026-03-02 09:30:00"):
			due = escalation.due_complaints(now_datetime(), limit=2)
			self.assertNotIn(third.name, escalation.due_complaints(now_datetime(), limit=500))
		self.assertEqual(due, [second.name, first.name])
		self.assertEqual(escalation.escalate_batch([third.name]), [])  # not due: left alone


class TestConcurrentRuns(FrappeTestCase):
	"""Two scheduler runs at once, each in its own thread and database connection, on committed data."""

	def test_two_runs_at_once_send_each_level_once(self):
		ensure_complaint_workflow()
		org = make_escalation_org()
		category = make_category("Escalation Category").name
		names = [make_org_complaint(org, category=category).name for _i in range(12)]
		past = add_to_date(now_datetime(), hours=-1)
		for name in names:
			frappe.db.set_value(
				"Complaint", name, {"accept_by": past, "next_escalation_on": past}, update_modified=False
			)
		frappe.db.commit()  # the runs see only committed rows
		self.addCleanup(remove_escalated, names)

		site, sites_path = frappe.local.site, frappe.local.sites_path
		start, errors = threading.Barrier(2), []

		def run():
			frappe.init(site=site, sites_path=sites_path)
			frappe.connect()
			try:
				start.wait()
				# a run's batch, limited to these complaints: the site may hold others that are due
				escalation.escalate_batch(names)
				frappe.db.commit()
			except Exception as e:
				errors.append(e)
			finally:
				frappe.destroy()

		threads = [threading.Thread(target=run) for _i in range(2)]
		for thread in threads:
			thread.start()
		for thread in threads:
			thread.join(120)
		self.assertEqual(errors, [])
		frappe.db.rollback()  # a fresh snapshot: see what the runs committed
		counts = frappe.db.sql(
			"""select complaint, count(*) as n, max(level) as level from `tabComplaint Escalation`
			where complaint in %(names)s group by complaint""",
			{"names": names},
			as_dict=True,
		)
		self.assertEqual(sorted(row.complaint for row in counts), sorted(names))
		self.assertEqual({row.n for row in counts}, {1})
		for name in names:
			notes = escalation_notes(name)
			self.assertEqual(len(notes), 1)
			self.assertIsNotNone(frappe.db.get_value("Complaint", name, "escalation_level"))


def remove_escalated(names: list[str]) -> None:
	escalated = frappe.get_all("Complaint Escalation", filters={"complaint": ["in", names]}, pluck="name")
	# the notices sent of the escalations and of the complaints
	for doctype, field in (
		("Notification Log", "document_name"),
		("Communication", "reference_name"),
		("Email Queue", "reference_name"),
		(sms.LOG, "reference_name"),
	):
		frappe.db.delete(doctype, {field: ["in", [*escalated, *names]]})
	if escalated:
		frappe.db.delete("Complaint Escalation", {"name": ["in", escalated]})
	delete_complaints(names)
	frappe.db.commit()
