"""Intake takes a complaint exactly once per key, and a failed insert leaves nothing behind."""

from types import SimpleNamespace
from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase

from complaints_mgmt.intake import submission as intake
from complaints_mgmt.tests.utils import (
	complaint_fields,
	make_category,
	make_governorate,
	make_user,
	other_connection,
)


def complaint_values(**fields) -> dict:
	"""A valid complaint from the portal, in a governorate without districts."""
	return complaint_fields(**{"channel": "Web Portal", "district": None, **fields})


class IntakeTestCase(FrappeTestCase):
	"""Complaints filed in Cairo under a category of the tests; the session is Administrator again after
	each test."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_governorate()
		make_category()

	def tearDown(self):
		frappe.set_user("Administrator")


class TestIntake(IntakeTestCase):
	def test_same_request_key_returns_the_same_complaint(self):
		key = intake.scoped_request_key("test", frappe.generate_hash())
		first = intake.submit(complaint_values(), request_key=key)
		second = intake.submit(complaint_values(subject="A retry"), request_key=key)
		self.assertTrue(first.created)
		self.assertEqual(second, intake.IntakeResult(first.name, False))
		self.assertEqual(frappe.db.count("Complaint", {"client_request_key": key}), 1)

	def test_same_external_reference_returns_the_same_complaint(self):
		reference = "CAB-" + frappe.generate_hash(length=10)
		first = intake.submit(complaint_values(), external_reference=reference)
		second = intake.submit(complaint_values(), external_reference=reference)
		self.assertEqual(second.name, first.name)
		self.assertFalse(second.created)

	def test_lost_race_on_the_unique_key_answers_with_the_winner(self):
		reference = "CAB-" + frappe.generate_hash(length=10)
		winner = intake.submit(complaint_values(), external_reference=reference)
		# The look-up before the insert misses, as it does when a concurrent request has not committed.
		with patch.object(intake, "find_existing", side_effect=[None, winner.name]):
			result = intake.submit(complaint_values(), external_reference=reference)
		self.assertEqual(result, intake.IntakeResult(winner.name, False))
		self.assertEqual(frappe.db.count("Complaint", {"external_reference": reference}), 1)

	def test_invalid_complaint_raises_and_writes_nothing(self):
		key = intake.scoped_request_key("test", frappe.generate_hash())
		before = frappe.db.count("Complaint")
		with self.assertRaises(frappe.ValidationError):
			intake.submit(complaint_values(national_id="123"), request_key=key)
		self.assertEqual(frappe.db.count("Complaint"), before)

	def test_rolled_back_block_drops_its_writes_and_after_commit_callbacks(self):
		kept, dropped = [], []
		frappe.db.after_commit.add(lambda: kept.append(1))
		callbacks = len(frappe.db.after_commit._functions)
		name = "Intake Savepoint " + frappe.generate_hash(length=6)
		with self.assertRaises(RuntimeError):
			with intake.savepoint():
				make_category(name)
				frappe.db.after_commit.add(lambda: dropped.append(1))
				raise RuntimeError("fail")
		self.assertFalse(frappe.db.exists("Complaint Category", name))
		self.assertEqual(len(frappe.db.after_commit._functions), callbacks)

	def test_request_keys_are_scoped_by_client(self):
		self.assertNotEqual(intake.scoped_request_key("a", "k1"), intake.scoped_request_key("b", "k1"))
		self.assertEqual(len(intake.scoped_request_key("a", "k1")), 64)

	def test_empty_or_oversized_request_key_is_refused(self):
		for key in ("", " ", "x" * (intake.REQUEST_KEY_MAX_LENGTH + 1)):
			with self.assertRaises(intake.InvalidSubmissionError):
				intake.scoped_request_key("a", key)

	def test_oversized_payload_is_refused(self):
		request = SimpleNamespace(content_length=2048)
		with patch.object(frappe.local, "request", request, create=True):
			with self.assertRaises(intake.PayloadTooLargeError) as caught:
				intake.check_payload_size(1024)
			intake.check_payload_size(4096)
		self.assertEqual(caught.exception.http_status_code, 413)

	def test_subject_from_a_long_description_is_shortened(self):
		self.assertEqual(intake.subject_from("Short line\nmore"), "Short line")
		self.assertEqual(len(intake.subject_from("x" * 500)), 140)


class TestRESTIntake(IntakeTestCase):
	"""POST /api/method/complaints_mgmt.api.intake.submit_complaint"""

	def tearDown(self):
		super().tearDown()
		frappe.local.response.pop("http_status_code", None)

	def test_same_client_request_key_returns_the_same_complaint(self):
		from complaints_mgmt.api.intake import submit_complaint

		key = frappe.generate_hash()
		first = submit_complaint(complaint_values(), client_request_key=key)
		self.assertEqual(frappe.local.response.pop("http_status_code"), 201)
		second = submit_complaint(complaint_values(), client_request_key=key)
		self.assertEqual(frappe.local.response.pop("http_status_code"), 200)
		self.assertEqual(first["name"], second["name"])

	def test_read_only_fields_cannot_be_set(self):
		from complaints_mgmt.api.intake import submit_complaint

		answer = submit_complaint(complaint_values(escalation_level=3, external_reference="X-1"))
		doc = frappe.get_doc("Complaint", answer["name"])
		self.assertEqual((doc.escalation_level, doc.external_reference), (0, None))

	def test_invalid_complaint_is_400_and_writes_nothing(self):
		from complaints_mgmt.api.intake import submit_complaint

		before = frappe.db.count("Complaint")
		answer = submit_complaint(complaint_values(mobile="12"))
		self.assertEqual(frappe.local.response.pop("http_status_code"), 400)
		self.assertFalse(answer["ok"])
		self.assertEqual(frappe.db.count("Complaint"), before)

	def test_users_who_may_not_create_complaints_are_refused(self):
		from complaints_mgmt.api.intake import submit_complaint
		from complaints_mgmt.tests.utils import make_user

		frappe.set_user(make_user(roles=["Central System Integration"]).name)
		with self.assertRaises(frappe.PermissionError):
			submit_complaint(complaint_values())


class TestRequestKeyOnInsert(IntakeTestCase):
	"""Complaint.insert, as the generated REST resource and the desk call it, with a client's key."""

	def new_complaint(self, **fields):
		return frappe.get_doc({"doctype": "Complaint", **complaint_values(**fields)})

	def test_retry_with_the_same_key_returns_the_first_complaint(self):
		key = frappe.generate_hash()
		first = self.new_complaint(client_request_key=key).insert()
		retry = self.new_complaint(client_request_key=key, subject="Sent again").insert()
		self.assertEqual(retry.name, first.name)
		self.assertTrue(retry.flags.retried_request)
		self.assertFalse(retry.is_new())
		self.assertEqual(retry.subject, first.subject)
		stored = frappe.db.get_value("Complaint", first.name, "client_request_key")
		self.assertEqual(stored, intake.scoped_request_key("user:Administrator", key))
		self.assertEqual(frappe.db.count("Complaint", {"client_request_key": stored}), 1)

	def test_same_key_from_another_user_is_another_complaint(self):
		key = frappe.generate_hash()
		first = self.new_complaint(client_request_key=key).insert()
		frappe.set_user(make_user(roles=["Call Center Agent"]).name)
		other = self.new_complaint(client_request_key=key).insert()
		self.assertNotEqual(other.name, first.name)

	def test_insert_without_a_key_is_not_affected(self):
		first = self.new_complaint().insert()
		second = self.new_complaint().insert()
		self.assertNotEqual(first.name, second.name)
		self.assertIsNone(first.client_request_key)

	def test_key_of_a_wrong_type_or_length_is_refused_and_nothing_written(self):
		before = frappe.db.count("Complaint")
		for key in (["a", "b"], "x" * (intake.REQUEST_KEY_MAX_LENGTH + 1)):
			with self.assertRaises(intake.InvalidSubmissionError):
				self.new_complaint(client_request_key=key).insert()
		self.assertEqual(frappe.db.count("Complaint"), before)


class TestRequestKeyLock(FrappeTestCase):
	"""The lock that makes concurrent requests with one key wait. No fixtures: the tests end their
	transaction, as a request does."""

	def setUp(self):
		self.key = intake.scoped_request_key("user:Administrator", frappe.generate_hash())
		self.lock = intake.request_key_lock_name(self.key)
		self.other = other_connection()

	def tearDown(self):
		self.other.sql("select release_lock(%s)", (self.lock,))
		self.other.close()
		frappe.db.rollback()

	def test_lock_is_held_until_the_transaction_ends(self):
		intake.lock_request_key(self.key)
		self.assertEqual(self.other.sql("select get_lock(%s, 0)", (self.lock,))[0][0], 0)
		frappe.db.rollback()
		self.assertEqual(self.other.sql("select get_lock(%s, 0)", (self.lock,))[0][0], 1)

	def test_key_held_too_long_by_another_request_is_a_409(self):
		self.assertEqual(self.other.sql("select get_lock(%s, 0)", (self.lock,))[0][0], 1)
		with patch.object(intake, "REQUEST_KEY_LOCK_SECONDS", 1):
			with self.assertRaises(intake.RequestInProgressError) as caught:
				intake.lock_request_key(self.key)
		self.assertEqual(caught.exception.http_status_code, 409)


class TestComplaintInputRules(IntakeTestCase):
	def test_overlong_text_is_refused_with_its_label_and_nothing_written(self):
		before = frappe.db.count("Complaint")
		doc = frappe.get_doc(
			{"doctype": "Complaint", **complaint_values(description="x" * (intake.MAX_TEXT_LENGTH + 1))}
		)
		with self.assertRaises(intake.TextTooLongError) as caught:
			doc.insert()
		self.assertIn("Description", str(caught.exception))
		self.assertEqual(frappe.db.count("Complaint"), before)

	def test_text_at_the_limit_is_kept_whole(self):
		description = "ش" * intake.MAX_TEXT_LENGTH
		doc = frappe.get_doc({"doctype": "Complaint", **complaint_values(description=description)}).insert()
		self.assertEqual(
			len(frappe.db.get_value("Complaint", doc.name, "description")), intake.MAX_TEXT_LENGTH
		)
