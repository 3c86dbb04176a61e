"""The messages a block queued for the user, taken back when the app handles its failure (utils/messages.py)."""

import frappe
from frappe.tests.utils import FrappeTestCase

from complaints_mgmt.utils.messages import withdrawn, withdrawn_on_error


class TestWithdrawnMessages(FrappeTestCase):
	def setUp(self):
		frappe.local.message_log = []
		frappe.msgprint("shown before the block")

	def tearDown(self):
		frappe.local.message_log = []

	def messages(self) -> list[str]:
		return [frappe.parse_json(m)["message"] for m in frappe.local.message_log]

	def test_a_failing_block_takes_back_its_messages_and_raises(self):
		with self.assertRaises(frappe.ValidationError), withdrawn_on_error():
			frappe.throw("the block's error")
		self.assertEqual(self.messages(), ["shown before the block"])

	def test_a_block_that_succeeds_keeps_its_messages(self):
		with withdrawn_on_error():
			frappe.msgprint("the block's notice")
		self.assertEqual(self.messages(), ["shown before the block", "the block's notice"])

	def test_withdrawn_takes_back_the_messages_of_a_block_that_succeeds(self):
		with withdrawn():
			frappe.msgprint("the block's notice")
		self.assertEqual(self.messages(), ["shown before the block"])
