"""The registration SMS has two texts, the portal's receipt and a notification for the other channels:
each says where the other is."""

import frappe
from frappe.tests.utils import FrappeTestCase

from complaints_mgmt.setup.notifications import (
	CITIZEN,
	RECEIVED_SMS,
	RECEIVED_SMS_NOTE,
	RECEIVED_SMS_TEXTS,
	bilingual,
	note_where_the_portals_receipt_is,
)


class TestRegistrationSmsNotes(FrappeTestCase):
	def tearDown(self):
		frappe.db.rollback()

	def test_the_portals_receipt_sms_names_the_notification_of_the_other_channels(self):
		description = frappe.get_meta("Citizen Portal Settings").get_field("receipt_sms").description
		self.assertIn(RECEIVED_SMS, description)
		self.assertTrue(frappe.db.exists("Notification", RECEIVED_SMS))

	def test_the_notification_names_the_portals_receipt_sms_and_does_not_send_the_note(self):
		message = frappe.db.get_value("Notification", RECEIVED_SMS, "message")
		self.assertIn("Citizen Portal Settings", message)
		sent = frappe.render_template(message, {"doc": frappe._dict(name="2026-0000001-1", language="ar")})
		self.assertNotIn("Citizen Portal Settings", sent)
		self.assertIn("2026-0000001-1", sent)

	def test_a_site_made_before_gets_the_note_unless_the_text_was_edited(self):
		frappe.db.set_value("Notification", RECEIVED_SMS, "message", bilingual(CITIZEN, *RECEIVED_SMS_TEXTS))
		note_where_the_portals_receipt_is()
		self.assertTrue(
			frappe.db.get_value("Notification", RECEIVED_SMS, "message").startswith(RECEIVED_SMS_NOTE)
		)
		frappe.db.set_value("Notification", RECEIVED_SMS, "message", "نص الإدارة {{ doc.name }}")
		note_where_the_portals_receipt_is()
		self.assertEqual(
			frappe.db.get_value("Notification", RECEIVED_SMS, "message"), "نص الإدارة {{ doc.name }}"
		)
