import frappe
from frappe.model import no_value_fields
from frappe.tests.utils import FrappeTestCase

from complaints_mgmt.api.portal import PORTAL_SETTINGS
from complaints_mgmt.tests.utils import forget_cached_settings
from complaints_mgmt.utils import settings_values


class TestSettingsValues(FrappeTestCase):
	def setUp(self):
		self.addCleanup(forget_cached_settings)
		for doctype in PORTAL_SETTINGS:
			frappe.db.value_cache.pop(doctype, None)

	def test_one_query_gives_each_field_as_get_single_value_does(self):
		for doctype in PORTAL_SETTINGS:
			settings_values.prefetch(doctype)
			for df in frappe.get_meta(doctype).fields:
				if df.fieldtype in no_value_fields:
					continue
				self.assertEqual(
					frappe.db.get_single_value(doctype, df.fieldname),
					frappe.db.get_single_value(doctype, df.fieldname, cache=False),
					f"{doctype}.{df.fieldname}",
				)

	def test_a_write_after_the_prefetch_is_read(self):
		settings_values.prefetch("Citizen Portal Settings")
		bits = frappe.db.get_single_value("Citizen Portal Settings", "challenge_bits")
		frappe.db.set_single_value("Citizen Portal Settings", "challenge_bits", bits + 1)
		self.assertEqual(frappe.db.get_single_value("Citizen Portal Settings", "challenge_bits"), bits + 1)
		settings_values.prefetch("Citizen Portal Settings")
		self.assertEqual(frappe.db.get_single_value("Citizen Portal Settings", "challenge_bits"), bits + 1)
