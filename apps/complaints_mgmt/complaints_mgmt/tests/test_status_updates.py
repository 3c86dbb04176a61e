"""Status changes reach the central system through a logged, retried background job."""

import json
from datetime import timedelta
from unittest.mock import patch

import frappe
from frappe import _
from frappe.tests.utils import FrappeTestCase, change_settings
from frappe.utils import now_datetime

from complaints_mgmt.integration import status_updates
from complaints_mgmt.lifecycle import states
from complaints_mgmt.tests.utils import Receiver, free_port, make_complaint, make_open311_service

LOG = "Outbound Status Update"


class TestStatusUpdates(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_open311_service("TKF-01")

	def setUp(self):
		self.port = free_port()
		self.settings = {
			"send_status_updates": 1,
			"status_update_url": f"http://127.0.0.1:{self.port}/status-updates",
			"status_update_token": "s3cret",
			"send_all_complaints": 0,
			"request_timeout_seconds": 5,
			"max_attempts": 3,
			"retry_after_minutes": 1,
			"max_retry_interval_minutes": 360,
		}

	def central_complaint(self):
		return make_complaint(
			channel="Central Government System", external_reference="CAB-" + frappe.generate_hash(length=10)
		)

	def change_status(self, doc, status):
		doc.db_set("status", status)
		return frappe.get_all(LOG, filters={"complaint": doc.name}, pluck="name", order_by="sequence desc")

	def test_status_change_records_a_queued_update_sent_after_commit(self):
		with change_settings("Integration Settings", self.settings):
			doc = self.central_complaint()
			frappe.db.after_commit.reset()  # what earlier tests of this transaction asked for
			updates = self.change_status(doc, states.ACCEPTED)
		self.assertEqual(len(updates), 1)
		log = frappe.get_doc(LOG, updates[0])
		self.assertEqual((log.status, log.complaint_status, log.sequence), ("Queued", states.ACCEPTED, 1))
		payload = json.loads(log.payload)
		self.assertEqual(payload["tracking_number"], doc.name)
		self.assertEqual(payload["external_reference"], doc.external_reference)
		self.assertEqual(payload["status"], states.ACCEPTED)
		self.assertIn(status_updates.request_send, frappe.db.after_commit._functions)
		self.assertIn(updates[0], status_updates.waiting_updates(10**4))

	def test_no_update_for_registration_unchanged_status_or_when_disabled(self):
		with change_settings("Integration Settings", self.settings):
			doc = self.central_complaint()
			self.assertEqual(frappe.db.count(LOG, {"complaint": doc.name}), 0)
			doc.db_set("subject", "Edited")
			self.assertEqual(frappe.db.count(LOG, {"complaint": doc.name}), 0)
		with change_settings("Integration Settings", dict(self.settings, send_status_updates=0)):
			self.assertEqual(self.change_status(doc, states.ACCEPTED), [])

	def test_only_central_complaints_unless_all_are_sent(self):
		with change_settings("Integration Settings", self.settings):
			local = make_complaint()
			self.assertEqual(self.change_status(local, states.ACCEPTED), [])
		with change_settings("Integration Settings", dict(self.settings, send_all_complaints=1)):
			self.assertEqual(len(self.change_status(local, states.IN_PROGRESS)), 1)

	def test_receiver_down_keeps_the_complaint_and_retries_until_delivered(self):
		with change_settings("Integration Settings", self.settings):
			doc = self.central_complaint()
			update = self.change_status(doc, states.ACCEPTED)[0]

			status_updates.send(update)  # nothing listens on the port
			log = frappe.get_doc(LOG, update)
			self.assertEqual((log.status, log.attempts), ("Failed", 1))
			self.assertTrue(log.last_error)
			self.assertGreater(log.next_attempt, now_datetime())
			self.assertEqual(frappe.db.get_value("Complaint", doc.name, "status"), states.ACCEPTED)
			self.assertNotIn(update, status_updates.due_updates())

			receiver = Receiver(self.port).start()
			try:
				log.db_set("next_attempt", now_datetime() - timedelta(seconds=1))
				self.assertIn(update, status_updates.due_updates())
				status_updates.send(update)
			finally:
				receiver.stop()

		log.reload()
		self.assertEqual((log.status, log.attempts, log.response_code), ("Sent", 2, 200))
		self.assertIsNone(log.next_attempt)
		self.assertEqual(len(receiver.received), 1)
		received = receiver.received[0]
		self.assertEqual(received["json"]["tracking_number"], doc.name)
		self.assertEqual(received["json"]["status"], states.ACCEPTED)
		self.assertEqual(received["headers"]["Authorization"], "Bearer s3cret")
		self.assertEqual(received["headers"]["Idempotency-Key"], update)

	def test_receiver_error_is_a_failure_with_growing_waits_then_given_up(self):
		receiver = Receiver(self.port, status=503).start()
		try:
			with change_settings("Integration Settings", self.settings):
				doc = self.central_complaint()
				update = self.change_status(doc, states.ACCEPTED)[0]
				waits = []
				for _ in range(3):
					frappe.db.set_value(LOG, update, "next_attempt", now_datetime())
					started = now_datetime()
					status_updates.send(update)
					log = frappe.get_doc(LOG, update)
					waits.append(
						log.next_attempt and round((log.next_attempt - started).total_seconds() / 60)
					)
		finally:
			receiver.stop()
		self.assertEqual(waits, [1, 2, None])
		self.assertEqual((log.status, log.attempts, log.response_code), ("Failed", 3, 503))
		self.assertIn("HTTP 503", log.last_error)
		# given up: never due again, so the sending job does not post it again and again
		self.assertNotIn(update, status_updates.due_updates())
		self.assertNotIn(update, status_updates.waiting_updates(10**4))

	def test_older_update_is_superseded_once_a_newer_one_was_sent(self):
		receiver = Receiver(self.port).start()
		try:
			with change_settings("Integration Settings", self.settings):
				doc = self.central_complaint()
				older = self.change_status(doc, states.ACCEPTED)[0]
				newer = self.change_status(doc, states.IN_PROGRESS)[0]
				status_updates.send(newer)
				status_updates.send(older)
		finally:
			receiver.stop()
		self.assertEqual(frappe.db.get_value(LOG, older, "status"), "Superseded")
		self.assertEqual([r["json"]["sequence"] for r in receiver.received], [2])

	def test_retry_due_asks_for_one_sending_job(self):
		with change_settings("Integration Settings", self.settings):
			doc = self.central_complaint()
			update = self.change_status(doc, states.ACCEPTED)[0]
		frappe.db.set_value(LOG, update, "next_attempt", now_datetime() - timedelta(minutes=1))
		with patch("frappe.enqueue") as enqueue:
			status_updates.retry_due()
		[call] = enqueue.call_args_list
		self.assertEqual(call.args[0], status_updates.SEND_JOB)
		self.assertEqual(call.kwargs["job_id"], status_updates.SEND_JOB_ID)
		self.assertTrue(call.kwargs["deduplicate"])
		self.assertIn(update, status_updates.waiting_updates(10**4))
		self.assertNotIn(update, status_updates.waiting_updates(10**4, {update}))

	def test_failure_to_record_an_update_never_blocks_the_status_change(self):
		with change_settings("Integration Settings", self.settings):
			doc = self.central_complaint()
			with patch.object(status_updates, "_record", side_effect=RuntimeError("disk full")):
				doc.db_set("status", states.ACCEPTED)
		self.assertEqual(frappe.db.get_value("Complaint", doc.name, "status"), states.ACCEPTED)
		self.assertEqual(frappe.db.count(LOG, {"complaint": doc.name}), 0)

	def test_queueing_failure_is_logged_not_raised(self):
		logged = {"method": _("Outbound status update not queued")}
		before = frappe.db.count("Error Log", logged)
		with patch("frappe.enqueue", side_effect=ConnectionError("redis down")):
			status_updates.request_send()  # does not raise
		self.assertEqual(frappe.db.count("Error Log", logged), before + 1)
		self.assertIn("redis down", frappe.get_last_doc("Error Log", filters=logged).error)
