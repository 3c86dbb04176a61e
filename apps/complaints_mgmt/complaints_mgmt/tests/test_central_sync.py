"""Complaints from the central system: validated, taken once per external reference, batched."""

from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase, change_settings

from complaints_mgmt.api import sync
from complaints_mgmt.intake.submission import InvalidSubmissionError
from complaints_mgmt.integration import central_intake
from complaints_mgmt.tests.utils import central_complaint, make_open311_service, make_user


class TestCentralIntake(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_open311_service("TKF-01")

	def assertInvalid(self, payload, field, code):
		with self.assertRaises(InvalidSubmissionError) as caught:
			central_intake.receive(payload)
		self.assertEqual((caught.exception.field, caught.exception.code), (field, code))

	def test_complaint_is_created_with_the_central_channel(self):
		payload = central_complaint()
		answer, created = central_intake.receive(payload)
		self.assertTrue(created)
		doc = frappe.get_doc("Complaint", answer["tracking_number"])
		self.assertEqual(doc.channel, "Central Government System")
		self.assertEqual(doc.external_reference, payload["external_reference"])
		self.assertEqual(answer["external_reference"], payload["external_reference"])

	def test_same_reference_twice_gives_one_complaint_and_the_same_answer(self):
		payload = central_complaint()
		first, created_first = central_intake.receive(payload)
		second, created_second = central_intake.receive(dict(payload, subject="Sent again"))
		self.assertEqual(first, second)
		self.assertEqual((created_first, created_second), (True, False))
		self.assertEqual(
			frappe.db.count("Complaint", {"external_reference": payload["external_reference"]}), 1
		)

	def test_missing_fields_are_named(self):
		self.assertInvalid(central_complaint(external_reference=None), "external_reference", "missing")
		self.assertInvalid(central_complaint(description="  "), "description", "missing")
		self.assertInvalid(central_complaint(national_id=None), "national_id", "missing")
		self.assertInvalid(central_complaint(service_code=None), "service_code", "missing")

	def test_wrong_types_are_named(self):
		self.assertInvalid(central_complaint(description=12), "description", "invalid_type")
		self.assertInvalid(central_complaint(mobile=["010"]), "mobile", "invalid_type")
		self.assertInvalid(central_complaint(is_anonymous="yes"), "is_anonymous", "invalid_type")
		self.assertInvalid(central_complaint(received_on="last week"), "received_on", "invalid_type")
		with self.assertRaises(InvalidSubmissionError):
			central_intake.receive(["not", "an", "object"])

	def test_unknown_codes_and_overlong_text_are_refused(self):
		self.assertInvalid(central_complaint(service_code="NOPE"), "service_code", "unknown")
		self.assertInvalid(central_complaint(governorate="Atlantis"), "governorate", "unknown")
		self.assertInvalid(central_complaint(complaint_type="Praise"), "complaint_type", "unknown")
		self.assertInvalid(central_complaint(subject="x" * 201), "subject", "too_long")

	def test_governorate_by_national_id_code_and_category_by_name(self):
		payload = central_complaint(governorate="01", service_code=None, category="Takaful and Karama")
		answer, _ = central_intake.receive(payload)
		doc = frappe.get_doc("Complaint", answer["tracking_number"])
		self.assertEqual((doc.governorate, doc.category), ("Cairo", "Takaful and Karama"))

	def test_anonymous_complaint_needs_no_identity(self):
		payload = central_complaint(is_anonymous=True, complainant_name=None, national_id=None, mobile=None)
		answer, _ = central_intake.receive(payload)
		self.assertEqual(frappe.db.get_value("Complaint", answer["tracking_number"], "is_anonymous"), 1)

	def test_received_on_with_offset_is_stored_in_system_time(self):
		answer, _ = central_intake.receive(central_complaint(received_on="2026-03-01T10:00:00Z"))
		stored = frappe.db.get_value("Complaint", answer["tracking_number"], "received_on")
		self.assertEqual(stored.date().isoformat(), "2026-03-01")
		self.assertTrue(answer["received_on"].startswith("2026-03-01T"))

	def test_model_validation_error_writes_nothing(self):
		payload = central_complaint(national_id="123")  # passes the payload check, fails the model's
		before = frappe.db.count("Complaint")
		with self.assertRaises(frappe.ValidationError):
			central_intake.receive(payload)
		self.assertEqual(frappe.db.count("Complaint"), before)

	def test_batch_answers_each_item_and_a_bad_one_stops_nothing(self):
		known = central_complaint()
		first, _ = central_intake.receive(known)
		batch = [
			central_complaint(),
			central_complaint(national_id="123"),
			known,
			"not an object",
			central_complaint(service_code="NOPE"),
			central_complaint(),
		]
		before = frappe.db.count("Complaint")
		results = central_intake.receive_batch(batch)
		self.assertEqual([r["index"] for r in results], list(range(6)))
		self.assertEqual([r["ok"] for r in results], [True, False, True, False, False, True])
		self.assertEqual(results[2]["tracking_number"], first["tracking_number"])
		self.assertFalse(results[2]["created"])
		self.assertEqual(results[1]["error"]["code"], "rejected")
		self.assertEqual(
			results[4]["error"],
			{"code": "unknown", "field": "service_code", "message": results[4]["error"]["message"]},
		)
		self.assertEqual(frappe.db.count("Complaint"), before + 2)

	def test_batch_with_one_reference_twice_creates_it_once(self):
		payload = central_complaint()
		results = central_intake.receive_batch([payload, payload])
		self.assertEqual(results[0]["tracking_number"], results[1]["tracking_number"])
		self.assertEqual([r["created"] for r in results], [True, False])

	def test_batch_limits(self):
		with self.assertRaises(InvalidSubmissionError):
			central_intake.receive_batch([])
		with self.assertRaises(InvalidSubmissionError):
			central_intake.receive_batch({"complaints": []})
		with change_settings("Integration Settings", {"max_batch_size": 2}):
			with self.assertRaises(InvalidSubmissionError) as caught:
				central_intake.receive_batch([central_complaint()] * 3)
		self.assertEqual(caught.exception.code, "too_many")

	def test_deadlock_reruns_the_batch(self):
		calls = []
		real = central_intake._receive_batch

		def deadlock_once(payloads):
			calls.append(1)
			if len(calls) == 1:
				raise frappe.QueryDeadlockError("deadlock")
			return real(payloads)

		with (
			patch.object(central_intake, "_receive_batch", deadlock_once),
			patch.object(frappe.db, "rollback"),
		):
			results = central_intake.receive_batch([central_complaint()])
		self.assertEqual(len(calls), 2)
		self.assertTrue(results[0]["ok"])

	def test_only_the_integration_role_may_call(self):
		frappe.set_user(make_user(roles=["Call Center Agent"]).name)
		try:
			with self.assertRaises(frappe.PermissionError):
				sync.receive_complaint(central_complaint())
		finally:
			frappe.set_user("Administrator")
		frappe.set_user(make_user(roles=["Central System Integration"]).name)
		try:
			answer = sync.receive_complaint(central_complaint())
		finally:
			frappe.set_user("Administrator")
		self.assertTrue(answer["ok"])

	def test_endpoint_answers_bad_input_with_400_and_the_field(self):
		answer = sync.receive_complaint(central_complaint(governorate=None))
		self.assertEqual(frappe.local.response.pop("http_status_code"), 400)
		self.assertEqual(answer["error"]["field"], "governorate")
