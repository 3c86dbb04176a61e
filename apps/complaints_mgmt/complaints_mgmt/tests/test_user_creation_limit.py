import frappe
from frappe.installer import update_site_config
from frappe.tests.utils import FrappeTestCase

from complaints_mgmt.setup.site import STAFF_ACCOUNTS_AN_HOUR, set_user_creation_limit

KEY = "throttle_user_limit"


class TestUserCreationLimit(FrappeTestCase):
	"""Frappe refuses the 61st user created in an hour with the bare word "Throttled": a ministry creating
	its staff in batches was stopped with no reason and no next step."""

	def setUp(self):
		self.before = frappe.get_site_config().get(KEY)

	def tearDown(self):
		update_site_config(KEY, self.before if self.before is not None else "None")
		frappe.local.conf[KEY] = self.before

	def test_an_installed_site_allows_staff_accounts_by_the_hundred(self):
		update_site_config(KEY, "None")  # a site as Frappe makes it
		set_user_creation_limit()
		self.assertEqual(frappe.get_site_config()[KEY], STAFF_ACCOUNTS_AN_HOUR)
		self.assertGreaterEqual(STAFF_ACCOUNTS_AN_HOUR, 500)

	def test_a_limit_the_deployer_set_stays(self):
		update_site_config(KEY, 250)
		set_user_creation_limit()
		self.assertEqual(frappe.get_site_config()[KEY], 250)

	def test_the_refusal_says_what_to_do_in_arabic(self):
		message = frappe._("Throttled", lang="ar")
		self.assertIn("استيراد البيانات", message)
		self.assertIn("ساعة", message)
