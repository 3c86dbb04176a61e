"""Concurrent REST requests with request keys: no gap lock before the insert (it deadlocked two requests
whose new keys fell into the same gap of the unique index), and a retry whose first request committed
after the retry's snapshot still gets that complaint (intake.insert_once)."""

import frappe
from frappe.tests.utils import FrappeTestCase

from complaints_mgmt.intake import submission as intake
from complaints_mgmt.tests.utils import make_category, make_complaint, make_governorate, other_connection


def neighbour(key: str) -> str:
	"""Another key next to `key` in the unique index: no stored key lies between them."""
	last = "0123456789abcdef".index(key[-1])
	return key[:-1] + "0123456789abcdef"[last ^ 1]


class TestRequestKeyRace(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_governorate()
		make_category()

	def setUp(self):
		self.other = other_connection()
		self.other.sql("set session innodb_lock_wait_timeout = 1")
		self.names = []

	def tearDown(self):
		frappe.db.rollback()
		for name in self.names:
			self.other.sql("delete from `tabComplaint` where name = %s", (name,))
		self.other.commit()
		self.other.close()

	def insert_elsewhere(self, request_key: str) -> str:
		"""A complaint row with this stored key, inserted and committed by the other connection."""
		name = f"RACE-{frappe.generate_hash(length=10)}"
		self.names.append(name)
		self.other.sql(
			"""insert into `tabComplaint` (name, client_request_key, subject, creation, modified)
			values (%s, %s, 'First request', now(), now())""",
			(name, request_key),
		)
		self.other.commit()
		return name

	def test_a_new_key_leaves_its_neighbours_free_for_other_requests(self):
		key = frappe.generate_hash()
		doc = frappe.get_doc({"doctype": "Complaint", "client_request_key": key})
		self.assertFalse(intake.take_retried_request(doc))
		# another request inserting a key in the same gap does not wait for this transaction
		self.insert_elsewhere(neighbour(doc.client_request_key))

	def test_a_retry_whose_first_request_committed_after_its_snapshot_gets_that_complaint(self):
		key = frappe.generate_hash()
		make_complaint()  # this transaction has read: its snapshot is taken
		first = self.insert_elsewhere(intake.scoped_request_key("user:Administrator", key))
		retry = make_complaint(client_request_key=key, subject="Sent again")
		self.assertEqual(retry.name, first)
		self.assertTrue(retry.flags.retried_request)
		self.assertEqual(retry.subject, "First request")
