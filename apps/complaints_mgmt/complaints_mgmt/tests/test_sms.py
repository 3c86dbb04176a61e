"""SMS through a real HTTP gateway on 127.0.0.1: what it receives, and what happens when it is down,
hung or failing (the complaint is saved all the same; the message is logged and retried)."""

import time

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_to_date, get_datetime, now_datetime

from complaints_mgmt.intake.submission import savepoint
from complaints_mgmt.messaging import registration_notices, sms
from complaints_mgmt.setup.workflow import ensure_complaint_workflow
from complaints_mgmt.tests.utils import (
	SmsGatewayServer,
	forget_cached_settings,
	make_org_complaint,
	make_organisation,
	random_category,
)

CITIZEN_MOBILE = "+201012345678"
RECEIPT = "Complaint Received: Citizen SMS"


def send_requested() -> bool:
	"""Whether the transaction's commit asks for the sending job."""
	return sms.request_send in frappe.db.after_commit._functions


class SMSTestCase(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		cls.addClassCleanup(forget_cached_settings)
		super().setUpClass()
		ensure_complaint_workflow()
		cls.org = make_organisation()
		cls.category = random_category()

	def gateway(self, **options) -> SmsGatewayServer:
		gateway = SmsGatewayServer(**options).start()
		self.addCleanup(gateway.stop)
		return gateway

	def set_delivery(self, **values):
		settings = frappe.get_single("Complaints Settings")
		settings.update(values)
		settings.save(ignore_permissions=True)

	def log(self, name):
		return frappe.get_doc(sms.LOG, name)


class TestGateway(SMSTestCase):
	def test_a_message_reaches_the_gateway_in_arabic_only_when_its_job_runs(self):
		gateway = self.gateway().configure()
		[name] = sms.queue_sms(CITIZEN_MOBILE, "تم استلام شكواك رقم 2026-0000001-5")
		self.assertEqual(gateway.received, [])  # nothing leaves inside the caller's transaction
		sms.send(name)
		[received] = gateway.received
		self.assertEqual(received["_method"], "GET")
		self.assertEqual(received["to"], CITIZEN_MOBILE)
		self.assertEqual(received["text"], "تم استلام شكواك رقم 2026-0000001-5")
		self.assertEqual(received["sender"], "MOSS")  # a static parameter of SMS Settings
		log = self.log(name)
		self.assertEqual((log.status, log.attempts, log.response_code), (sms.SENT, 1, 200))
		self.assertIsNone(log.next_attempt)

	def test_post_and_json_gateways_receive_the_same_message(self):
		gateway = self.gateway()
		gateway.configure(use_post=True)
		sms.send(sms.queue_sms(CITIZEN_MOBILE, "رسالة")[0])
		gateway.configure(as_json=True)
		sms.send(sms.queue_sms(CITIZEN_MOBILE, "رسالة")[0])
		form, body = gateway.received
		self.assertEqual((form["_method"], form["text"], form["to"]), ("POST", "رسالة", CITIZEN_MOBILE))
		self.assertEqual(body["_headers"]["Content-Type"], "application/json")
		self.assertEqual((body["text"], body["to"], body["sender"]), ("رسالة", CITIZEN_MOBILE, "MOSS"))

	def test_a_message_is_sent_once_however_often_its_job_runs(self):
		gateway = self.gateway().configure()
		[name] = sms.queue_sms(CITIZEN_MOBILE, "مرة واحدة")
		sms.send(name)
		sms.send(name)
		self.assertEqual(len(gateway.received), 1)

	def test_the_job_is_asked_for_only_when_the_transaction_commits(self):
		gateway = self.gateway().configure()
		frappe.db.after_commit.reset()  # what earlier tests of this transaction asked for
		names = sms.queue_sms(["010-1234-5678", "01112345678", "010 1234 5678"], "نص")
		self.assertEqual([self.log(name).mobile for name in names], ["01012345678", "01112345678"])
		self.assertTrue(send_requested())
		self.assertEqual(list(frappe.db.after_commit._functions).count(sms.request_send), 1)
		self.assertEqual(gateway.received, [])
		self.assertLessEqual(set(names), set(sms.waiting_messages(10**4)))

	def test_one_job_sends_every_waiting_message_once(self):
		gateway = self.gateway().configure()
		names = sms.queue_sms(["01012345678", "01112345678"], "كل الرسائل")
		self.assertGreaterEqual(sms.send_waiting(set(), limit=10**4), 2)
		self.assertEqual(sorted(message["to"] for message in gateway.received), ["01012345678", "01112345678"])
		self.assertEqual([self.log(name).status for name in names], [sms.SENT, sms.SENT])
		self.assertEqual(sms.send_waiting(set(), limit=10**4), 0)  # nothing sent twice
		self.assertEqual(len(gateway.received), 2)

	def test_a_rolled_back_transaction_leaves_no_message_to_send(self):
		self.gateway().configure()
		frappe.db.after_commit.reset()  # what earlier tests of this transaction asked for
		with self.assertRaises(ZeroDivisionError), savepoint():
			name = sms.queue_sms(CITIZEN_MOBILE, "لن تُرسل")[0]
			self.assertTrue(send_requested())
			1 / 0
		self.assertFalse(frappe.db.exists(sms.LOG, name))
		self.assertFalse(send_requested())

	def test_nothing_is_queued_without_a_gateway_or_a_number(self):
		self.gateway().configure()
		self.assertEqual(sms.queue_sms([], "نص"), [])
		self.assertEqual(sms.queue_sms(CITIZEN_MOBILE, "  "), [])
		frappe.db.set_single_value("SMS Settings", "sms_gateway_url", "")
		self.assertEqual(sms.queue_sms(CITIZEN_MOBILE, "نص"), [])


class TestGatewayFailures(SMSTestCase):
	def test_a_gateway_that_is_down_is_retried_until_it_answers(self):
		gateway = SmsGatewayServer()
		gateway.configure()  # nothing listens there yet
		self.set_delivery(sms_retry_minutes=5, sms_max_attempts=5)
		with self.freeze_time("2026-03-01 09:00:00"):
			[name] = sms.queue_sms(CITIZEN_MOBILE, "إعادة المحاولة")
			sms.send(name)
		log = self.log(name)
		self.assertEqual((log.status, log.attempts), (sms.FAILED, 1))
		self.assertIn("ConnectionError", log.last_error)
		self.assertEqual(get_datetime(log.next_attempt), get_datetime("2026-03-01 09:05:00"))
		with self.freeze_time("2026-03-01 09:04:00"):
			self.assertNotIn(name, sms.due_messages())
		gateway.start()
		self.addCleanup(gateway.stop)
		with self.freeze_time("2026-03-01 09:06:00"):
			self.assertIn(name, sms.due_messages())
			sms.send(name)
		log = self.log(name)
		self.assertEqual((log.status, log.attempts), (sms.SENT, 2))
		self.assertEqual(gateway.received[0]["text"], "إعادة المحاولة")

	def test_a_hung_gateway_costs_no_more_than_the_timeout(self):
		self.gateway(delay=5).configure()
		self.set_delivery(sms_timeout_seconds=1)
		[name] = sms.queue_sms(CITIZEN_MOBILE, "بطيء")
		started = time.monotonic()
		sms.send(name)
		self.assertLess(time.monotonic() - started, 3)
		log = self.log(name)
		self.assertEqual(log.status, sms.FAILED)
		self.assertIn("Timeout", log.last_error)

	def test_gateway_errors_are_retried_with_a_growing_wait_then_given_up(self):
		self.gateway(status=500).configure()
		self.set_delivery(sms_retry_minutes=5, sms_max_attempts=3)
		[name] = sms.queue_sms(CITIZEN_MOBILE, "خطأ")
		waits = []
		for attempt in range(3):
			with self.freeze_time(add_to_date("2026-03-01 09:00:00", hours=attempt)):
				sms.send(name)
				log = self.log(name)
				waits.append(
					log.next_attempt and (get_datetime(log.next_attempt) - now_datetime()).seconds // 60
				)
		self.assertEqual(waits, [5, 10, None])
		self.assertEqual((log.status, log.attempts, log.response_code), (sms.FAILED, 3, 500))
		self.assertIn("HTTP 500", log.last_error)
		with self.freeze_time("2026-03-02 09:00:00"):
			self.assertNotIn(name, sms.due_messages())  # given up: left for an administrator to see


class TestComplaintSMS(SMSTestCase):
	def test_registration_does_not_wait_for_a_hung_gateway(self):
		gateway = self.gateway(delay=5).configure()
		started = time.monotonic()
		doc = make_org_complaint(self.org, category=self.category)
		registration_notices.send(doc.name)  # the job its commit queues
		self.assertLess(time.monotonic() - started, 3)
		self.assertTrue(frappe.db.exists("Complaint", doc.name))
		self.assertEqual(gateway.received, [])
		receipt = frappe.get_all(
			sms.LOG,
			filters={"reference_name": doc.name, "notification": RECEIPT},
			fields=["mobile", "status"],
		)
		self.assertEqual(receipt, [{"mobile": CITIZEN_MOBILE, "status": sms.QUEUED}])

	def test_a_complaint_saved_while_the_gateway_is_down_keeps_its_failed_message_for_retry(self):
		SmsGatewayServer().configure()  # nothing listens
		doc = make_org_complaint(self.org, category=self.category)
		registration_notices.send(doc.name)  # the job its commit queues
		[name] = frappe.get_all(
			sms.LOG, filters={"reference_name": doc.name, "notification": RECEIPT}, pluck="name"
		)
		sms.send(name)
		self.assertEqual(frappe.db.get_value("Complaint", doc.name, "name"), doc.name)
		log = self.log(name)
		self.assertEqual(log.status, sms.FAILED)
		self.assertTrue(log.next_attempt)

	def test_the_citizen_gets_the_tracking_number_in_arabic(self):
		gateway = self.gateway().configure()
		doc = make_org_complaint(self.org, category=self.category, language="ar")
		registration_notices.send(doc.name)  # the job its commit queues
		for name in frappe.get_all(sms.LOG, filters={"reference_name": doc.name}, pluck="name"):
			sms.send(name)
		[receipt] = [message for message in gateway.received if message["to"] == CITIZEN_MOBILE]
		self.assertIn(doc.name, receipt["text"])
		self.assertIn("رقم المتابعة", receipt["text"])
		self.assertIn(f"/track?tracking_number={doc.name}", receipt["text"])
