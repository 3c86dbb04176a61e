"""Editable defaults are made once: what an administrator deletes, empties or changes stays so."""

import frappe
from frappe.tests.utils import FrappeTestCase

from complaints_mgmt.patches.v0_12 import mark_seeded_defaults
from complaints_mgmt.setup import notifications, portal, service_levels
from complaints_mgmt.setup.install import after_migrate
from complaints_mgmt.setup.seeding import SEEDED, forget_seeded, mark_seeded, was_seeded
from complaints_mgmt.tests.utils import forget_cached_settings


class TestDefaultsMadeOnce(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		cls.addClassCleanup(forget_cached_settings)
		super().setUpClass()

	def setUp(self):
		after_migrate()  # a site installed before the defaults were marked gets its marks here

	def tearDown(self):
		frappe.db.rollback()
		frappe.cache.hdel("defaults", SEEDED)  # the rolled-back marks
		forget_cached_settings()

	def test_a_deleted_sla_policy_is_not_made_again(self):
		frappe.delete_doc("SLA Policy", "Urgent", force=True)
		after_migrate()
		self.assertFalse(frappe.db.exists("SLA Policy", "Urgent"))

	def test_an_emptied_escalation_matrix_stays_empty(self):
		settings = frappe.get_single("Complaints Settings")
		settings.set("escalation_levels", [])
		settings.save(ignore_permissions=True)
		after_migrate()
		self.assertEqual(frappe.get_single("Complaints Settings").escalation_levels, [])

	def test_the_portal_default_role_cleared_by_the_administrator_stays_cleared(self):
		frappe.db.set_single_value("Portal Settings", "default_role", None)
		after_migrate()
		self.assertFalse(frappe.db.get_single_value("Portal Settings", "default_role"))

	def test_a_setting_saved_as_zero_stays_zero(self):
		frappe.db.set_single_value("Complaints Settings", "sms_retry_minutes", 0)
		after_migrate()
		self.assertEqual(
			frappe.db.get_single_value("Complaints Settings", "sms_retry_minutes", cache=False), 0
		)

	def test_a_setting_never_stored_gets_its_default(self):
		frappe.db.delete("Singles", {"doctype": "Complaints Settings", "field": "sms_retry_minutes"})
		after_migrate()
		self.assertEqual(
			frappe.db.get_single_value("Complaints Settings", "sms_retry_minutes", cache=False), 5
		)

	def test_a_default_never_made_on_the_site_is_made_by_the_next_migrate(self):
		frappe.delete_doc("SLA Policy", "Urgent", force=True)
		forget_seeded(service_levels.policy_key("Urgent"))  # as a default an update of the app adds
		after_migrate()
		self.assertTrue(frappe.db.exists("SLA Policy", "Urgent"))
		self.assertTrue(was_seeded(service_levels.policy_key("Urgent")))

	def test_the_patch_marks_every_default_of_an_installed_site(self):
		keys = [
			*(notifications.seed_key(d["name"]) for d in notifications.DEFAULT_NOTIFICATIONS),
			*(service_levels.policy_key(name) for name, *_rest in service_levels.DEFAULT_POLICIES),
			service_levels.LEVELS_KEY,
			portal.DEFAULT_ROLE_KEY,
		]
		forget_seeded(*keys)
		self.assertFalse(any(was_seeded(key) for key in keys))
		mark_seeded_defaults.execute()
		self.assertTrue(all(was_seeded(key) for key in keys))

	def test_the_marks_are_not_anyones_defaults(self):
		mark_seeded("SLA Policy:Example")
		self.assertNotIn("SLA Policy:Example", frappe.defaults.get_defaults())
		self.assertIsNone(frappe.db.get_default("SLA Policy:Example"))
