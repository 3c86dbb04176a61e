"""A Translation saved in the desk shows at the next page load, not after the next login.

The desk's translations come with the boot, which Frappe keeps in the cache for each user until they log
in again (frappe.sessions.get)."""

import frappe
from frappe.tests.utils import FrappeTestCase

SOURCE = "Awaiting Ministry Decision"


class TestTranslationsAtOnce(FrappeTestCase):
	def tearDown(self):
		frappe.db.rollback()
		frappe.cache.delete_key("bootinfo")

	def test_saving_a_translation_drops_the_boots_users_have_in_the_cache(self):
		frappe.cache.hset("bootinfo", "officer@test.complaints.local", {"__messages": {}})
		translation = frappe.get_doc(
			{
				"doctype": "Translation",
				"language": "ar",
				"source_text": SOURCE,
				"translated_text": "بانتظار قرار الوزارة",
			}
		).insert()
		self.assertIsNone(frappe.cache.hget("bootinfo", "officer@test.complaints.local"))
		frappe.cache.hset("bootinfo", "officer@test.complaints.local", {"__messages": {}})
		translation.delete()
		self.assertIsNone(frappe.cache.hget("bootinfo", "officer@test.complaints.local"))
