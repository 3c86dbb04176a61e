"""The default Notification records: created once and never overwritten, and what each sends, in
Arabic or English, to the citizen and to the liaison officer as a complaint and its appeal move on."""

import re
from unittest import mock

import frappe
from frappe.utils import add_days, add_to_date, now_datetime

from complaints_mgmt.messaging import registration_notices, sms
from complaints_mgmt.overrides import notifications
from complaints_mgmt.setup.notifications import DEFAULT_NOTIFICATIONS, ensure_notifications, seed_key
from complaints_mgmt.setup.seeding import SEEDED, forget_seeded
from complaints_mgmt.setup.workflow import ensure_appeal_workflow
from complaints_mgmt.tests.utils import (
	SmsGatewayServer,
	StaffNoticesTestCase,
	act,
	ask_the_citizen,
	citizen_user,
	make_org_complaint,
	make_organisation,
	query_plan,
	random_category,
	staff_user,
)

CITIZEN_MOBILE = "+201012345678"
OFFICER_MOBILE = "01112345678"


def texts_to(reference: str, mobile: str) -> list[str]:
	return frappe.get_all(
		sms.LOG,
		filters={"reference_name": reference, "mobile": mobile},
		pluck="message",
		order_by="creation asc",
	)


def emails_about(doctype: str, name: str) -> list:
	"""Emails as the document's communications keep them (sending itself needs an outgoing account)."""
	return frappe.get_all(
		"Communication",
		filters={"reference_doctype": doctype, "reference_name": name, "communication_medium": "Email"},
		fields=["recipients", "subject", "content"],
		order_by="creation asc",
	)


class NotificationTestCase(StaffNoticesTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_appeal_workflow()
		# the cache of the "made once" marks outlives the rollback of an earlier class that made a default
		frappe.cache.hdel("defaults", SEEDED)
		ensure_notifications()
		cls.org = make_organisation()
		cls.category = random_category()
		cls.officer = cls.org.officers["Nasr City"]
		cls.reviewer = staff_user("Quality Reviewer")
		cls.board = staff_user("Appeals Board Member")

	def setUp(self):
		gateway = SmsGatewayServer().start()
		self.addCleanup(gateway.stop)
		gateway.configure()

	def register(self, **fields):
		"""Register a complaint and run the job its commit queues (registration_notices.send)."""
		doc = make_org_complaint(self.org, category=self.category, **fields)
		registration_notices.send(doc.name)
		return doc

	def close(self, doc):
		doc = act(doc, "Accept", self.officer, deadline=add_days(now_datetime(), 5))
		doc = act(doc, "Start Work", self.officer)
		doc = act(doc, "Respond", self.officer, response="صُرف المبلغ يوم الإثنين.")
		doc = act(doc, "Start Review", self.reviewer)
		return act(doc, "Approve", self.reviewer)


class TestDefaultRecords(NotificationTestCase):
	def test_each_record_is_made_once_and_the_administrators_changes_survive_a_migrate(self):
		names = [definition["name"] for definition in DEFAULT_NOTIFICATIONS]
		self.assertEqual(
			sorted(frappe.get_all("Notification", filters={"name": ["in", names]}, pluck="name")),
			sorted(names),
		)
		frappe.db.savepoint("administrators_changes")
		self.addCleanup(frappe.db.rollback, save_point="administrators_changes")
		renamed = "إيصال الشكوى للمواطن"
		frappe.db.set_value("Notification", "Complaint Received: Citizen SMS", "message", "نص الإدارة")
		frappe.rename_doc("Notification", "Complaint Received: Citizen SMS", renamed, force=True)
		frappe.delete_doc("Notification", "Complaint Closed: Citizen SMS", force=True)
		ensure_notifications()
		self.assertEqual(frappe.db.get_value("Notification", renamed, "message"), "نص الإدارة")
		self.assertFalse(frappe.db.exists("Notification", "Complaint Received: Citizen SMS"), "sent twice")
		self.assertFalse(frappe.db.exists("Notification", "Complaint Closed: Citizen SMS"))
		self.assertEqual(frappe.db.count("Notification", {"name": ["in", names]}), len(names) - 2)

		forget_seeded(seed_key("Complaint Closed: Citizen SMS"))  # as a default an app update adds
		ensure_notifications()
		self.assertTrue(frappe.db.exists("Notification", "Complaint Closed: Citizen SMS"))

	def test_the_records_are_ordinary_records_administrators_edit(self):
		for definition in DEFAULT_NOTIFICATIONS:
			record = frappe.get_doc("Notification", definition["name"])
			self.assertFalse(record.is_standard)
			self.assertTrue(record.enabled)


class TestComplaintNotifications(NotificationTestCase):
	def test_the_receipt_carries_the_tracking_number_in_the_citizens_language(self):
		arabic = self.register(language="ar")
		english = self.register(language="en")
		[text] = texts_to(arabic.name, CITIZEN_MOBILE)
		self.assertIn(f"تم استلام شكواك، ورقم المتابعة {arabic.name}", text)
		[text] = texts_to(english.name, CITIZEN_MOBILE)
		self.assertIn(f"Tracking number: {english.name}", text)

	def test_the_portal_sends_its_own_receipt(self):
		doc = self.register(channel="Web Portal")
		self.assertEqual(texts_to(doc.name, CITIZEN_MOBILE), [])

	def test_the_liaison_officer_hears_of_a_new_complaint_by_email_alert_and_sms(self):
		doc = self.register()
		[email] = emails_about("Complaint", doc.name)
		self.assertEqual(email.recipients, self.officer)
		self.assertIn(f"شكوى جديدة: \u2068{doc.name}\u2069", email.subject)
		self.assertIn("وردت إلى وحدتكم الشكوى", email.content)
		alerts = frappe.get_all(
			"Notification Log", filters={"document_name": doc.name, "for_user": self.officer}, pluck="subject"
		)
		self.assertIn(f"شكوى جديدة: \u2068{doc.name}\u2069", alerts)
		[text] = texts_to(doc.name, OFFICER_MOBILE)
		self.assertIn(f"شكوى جديدة {doc.name} لوحدتكم", text)

	def test_the_notices_of_a_new_complaint_wait_for_its_commit_and_go_out_once(self):
		doc = make_org_complaint(self.org, category=self.category)
		self.assertEqual(texts_to(doc.name, CITIZEN_MOBILE), [])  # nothing rendered during the insert
		self.assertEqual(emails_about("Complaint", doc.name), [])
		self.assertIn(registration_notices.request_send, frappe.db.after_commit._functions)
		self.assertTrue(registration_notices.send(doc.name))
		self.assertFalse(registration_notices.send(doc.name))  # a second job finds it stamped
		self.assertEqual(len(texts_to(doc.name, CITIZEN_MOBILE)), 1)
		self.assertEqual(len(texts_to(doc.name, OFFICER_MOBILE)), 1)
		self.assertEqual(len(emails_about("Complaint", doc.name)), 1)

	def test_one_job_sends_the_notices_of_every_new_complaint(self):
		first = make_org_complaint(self.org, category=self.category)
		second = make_org_complaint(self.org, category=self.category)
		self.assertEqual(list(frappe.db.after_commit._functions).count(registration_notices.request_send), 1)
		self.assertGreaterEqual(registration_notices.send_unstamped(set(), limit=10**4), 2)
		for doc in (first, second):
			self.assertTrue(frappe.db.get_value("Complaint", doc.name, registration_notices.STAMP))
			self.assertEqual(len(texts_to(doc.name, CITIZEN_MOBILE)), 1)
		self.assertEqual(registration_notices.send_unstamped(set(), limit=10**4), 0)  # none sent twice
		self.assertEqual(len(texts_to(first.name, CITIZEN_MOBILE)), 1)

	def test_notices_whose_job_was_lost_are_found_by_the_sweep(self):
		doc = make_org_complaint(self.org, category=self.category)
		created = frappe.db.get_value("Complaint", doc.name, "creation")
		self.assertNotIn(doc.name, registration_notices.missed(add_to_date(created, minutes=1)))
		self.assertIn(doc.name, registration_notices.missed(add_to_date(created, minutes=10), limit=10**6))
		self.assertNotIn(doc.name, registration_notices.missed(add_to_date(created, days=3), limit=10**6))
		registration_notices.send(doc.name)
		self.assertNotIn(doc.name, registration_notices.missed(add_to_date(created, minutes=10), limit=10**6))

	def test_the_sweep_reads_its_index(self):
		plan = query_plan(registration_notices.missed_query(now_datetime(), 500).get_sql())
		self.assertEqual(plan.key, "registration_notified_on_creation_index")

	def test_the_citizen_hears_of_the_steps_that_concern_them(self):
		doc = self.register(language="ar")
		doc = ask_the_citizen(doc, self.officer, deadline=add_days(now_datetime(), 5))
		texts = texts_to(doc.name, CITIZEN_MOBILE)
		self.assertEqual(len(texts), 3)  # the receipt, accepted, awaiting: not "started work"
		self.assertIn(f"قُبلت شكواك رقم {doc.name}", texts[1])
		self.assertIn("والموعد المتوقع للرد", texts[1])
		self.assertIn("تحتاج إلى معلومات إضافية منك", texts[2])

	def test_closure_brings_the_answer_by_email_and_where_to_read_it_by_sms(self):
		doc = self.close(self.register(language="en", email="mona@example.com"))
		closing = texts_to(doc.name, CITIZEN_MOBILE)[-1]
		self.assertIn(f"Your complaint {doc.name} is closed", closing)
		self.assertIn(f"/track?tracking_number={doc.name}", closing)
		[answer] = [
			email for email in emails_about("Complaint", doc.name) if email.recipients == "mona@example.com"
		]
		self.assertIn("صُرف المبلغ يوم الإثنين.", answer.content)
		self.assertIn(doc.name, answer.subject)

	def test_the_appellant_hears_the_boards_decision(self):
		citizen = citizen_user()
		doc = self.close(self.register(citizen_user=citizen, language="ar"))
		frappe.set_user(citizen)
		try:
			appeal = frappe.get_doc(
				{"doctype": "Appeal", "complaint": doc.name, "grounds": "لم يصلني المبلغ."}
			).insert()
		finally:
			frappe.set_user("Administrator")
		appeal = act(appeal, "Start Consideration", self.board)
		appeal = act(appeal, "Decide", self.board, decision="Upheld", decision_note="ثبت عدم الصرف.")
		[text] = texts_to(appeal.name, CITIZEN_MOBILE)
		self.assertIn(f"قُبل تظلمك رقم {appeal.name} وأُعيد فتح الشكوى {doc.name}", text)
		[email] = emails_about("Appeal", appeal.name)
		self.assertEqual(email.recipients, citizen)
		self.assertIn("ثبت عدم الصرف.", email.content)


class TestWithoutOutgoingEmailAccount(NotificationTestCase):
	"""A site with no outgoing Email Account (a new one): the action a user takes is told as done, the
	email is skipped, and the administrators hear once, in their language, where to set one up."""

	def setUp(self):
		super().setUp()
		mute_emails = frappe.flags.mute_emails
		frappe.flags.mute_emails = False  # the test runner mutes emails, which stands in an account
		self.addCleanup(setattr, frappe.flags, "mute_emails", mute_emails)
		frappe.db.set_value("Email Account", {"default_outgoing": 1}, "default_outgoing", 0)
		frappe.db.set_value("Email Account", {"enable_outgoing": 1}, "enable_outgoing", 0)
		frappe.local.outgoing_email_account = {}
		self.addCleanup(setattr, frappe.local, "outgoing_email_account", {})
		frappe.db.set_default(notifications.MISSING_EMAIL_ACCOUNT_NOTED, None)
		self.administrator = staff_user("Complaints Administrator", "System Manager")
		frappe.db.set_value("User", self.administrator, "language", "ar")

	def test_the_reviewer_who_approves_is_told_nothing_failed(self):
		doc = self.register(email="mona@example.com")
		frappe.local.message_log = []
		doc = self.close(doc)
		self.assertEqual(doc.status, "Closed")
		self.assertEqual(frappe.local.message_log, [])

	def test_the_administrators_hear_once_where_to_set_an_account(self):
		self.close(self.register(email="mona@example.com"))
		self.close(self.register(email="ali@example.com"))
		alerts = frappe.get_all("Notification Log", filters={"for_user": self.administrator}, pluck="subject")
		self.assertEqual(len(alerts), 1, alerts)
		self.assertIn("حساب بريد", alerts[0])


class TestOfficerNotices(NotificationTestCase):
	def test_the_officer_is_alerted_when_the_reviewer_returns_the_answer(self):
		doc = self.register()
		doc = act(doc, "Accept", self.officer, deadline=add_days(now_datetime(), 5))
		doc = act(doc, "Start Work", self.officer)
		doc = act(doc, "Respond", self.officer, response="صُرف المبلغ.")
		doc = act(doc, "Start Review", self.reviewer)
		act(doc, "Return", self.reviewer, review_note="اذكر تاريخ الصرف.")
		alerts = frappe.get_all(
			"Notification Log", filters={"document_name": doc.name, "for_user": self.officer}, pluck="subject"
		)
		self.assertIn(f"أُعيد الرد: \u2068{doc.name}\u2069", alerts)

	def test_the_new_officer_gets_an_sms_when_a_transferred_complaint_is_routed_again(self):
		manager = staff_user("Complaints Manager")
		doc = self.register()
		before = len(texts_to(doc.name, OFFICER_MOBILE))
		doc = act(doc, "Transfer", self.officer, transfer_reason="The address is in Shubra.")
		act(doc, "Route", manager, social_unit=self.org.units["Shubra"])
		texts = texts_to(doc.name, OFFICER_MOBILE)[before:]
		self.assertTrue(any(f"أُحيلت إلى وحدتكم الشكوى {doc.name}" in text for text in texts), texts)


class TestRecordsReadFromTheCache(NotificationTestCase):
	"""The Notification records of a complaint are read from Frappe's document cache at each save
	(overrides/notifications.run_notifications), and still send as Frappe's own evaluation does."""

	def setUp(self):
		super().setUp()
		self.mark = f"TEST-{frappe.generate_hash(length=8)}"
		self.record = frappe.get_doc(
			{
				"doctype": "Notification",
				"name": self.mark,
				"subject": self.mark,
				"enabled": 1,
				"is_standard": 0,
				"channel": "SMS",
				"document_type": "Complaint",
				"event": "Value Change",
				"value_changed": "status",
				"condition": 'doc.status == "Accepted"',
				"message": self.mark + " {{ doc.name }} {{ doc.status }} {{ doc.deadline }}",
				"recipients": [{"receiver_by_document_field": "mobile"}],
			}
		).insert(ignore_permissions=True)
		self.addCleanup(frappe.delete_doc, "Notification", self.mark, force=True, ignore_permissions=True)

	def marked_texts(self, name: str) -> list[str]:
		return [text for text in texts_to(name, CITIZEN_MOBILE) if text.startswith(self.mark)]

	def test_a_rule_whose_condition_passes_sends_once_with_the_saved_values(self):
		doc = self.register(language="ar")
		deadline = add_days(now_datetime(), 5)
		doc = act(doc, "Accept", self.officer, deadline=deadline)
		saved = frappe.db.get_value("Complaint", doc.name, "deadline")
		self.assertEqual(self.marked_texts(doc.name), [f"{self.mark} {doc.name} Accepted {saved}"])

	def test_a_rule_whose_condition_fails_sends_nothing(self):
		doc = self.register(language="ar")
		doc = act(doc, "Accept", self.officer, deadline=add_days(now_datetime(), 5))
		act(doc, "Start Work", self.officer)
		self.assertEqual(len(self.marked_texts(doc.name)), 1)  # Accepted only, not In Progress

	def test_an_edited_record_takes_effect_at_the_next_save(self):
		doc = self.register(language="ar")
		self.record.reload()
		self.record.condition = 'doc.status == "In Progress"'
		self.record.save(ignore_permissions=True)
		doc = act(doc, "Accept", self.officer, deadline=add_days(now_datetime(), 5))
		self.assertEqual(self.marked_texts(doc.name), [])
		frappe.db.set_value("Notification", self.record.name, "message", self.mark + " edited {{ doc.name }}")
		act(doc, "Start Work", self.officer)
		self.assertEqual(self.marked_texts(doc.name), [f"{self.mark} edited {doc.name}"])

	def test_a_save_reads_no_notification_record_from_the_database(self):
		doc = self.register(language="ar")
		doc = act(doc, "Accept", self.officer, deadline=add_days(now_datetime(), 5))  # the cache filled
		doc = frappe.get_doc("Complaint", doc.name)
		queries = []
		real_sql = frappe.db.sql

		def sql(query, *args, **kwargs):
			queries.append(str(query))
			return real_sql(query, *args, **kwargs)

		with mock.patch.object(frappe.db, "sql", sql):
			doc.save(ignore_permissions=True)
		self.assertTrue(queries)
		self.assertEqual(
			[query for query in queries if re.search(r"`tabNotification( Recipient)?`", query)], []
		)
