import frappe
from frappe.tests.utils import FrappeTestCase

from complaints_mgmt.setup.site import align_language_defaults, set_system_language
from complaints_mgmt.tests.utils import make_complaint, site_language


class TestSiteLanguage(FrappeTestCase):
	"""A complaint filed without a language (by an agent, over REST) takes the site's: it decides the
	language of the citizen's SMS and emails."""

	def setUp(self):
		self.previous = {key: frappe.db.get_default(key) for key in ("language", "lang")}

	def tearDown(self):
		for key, value in self.previous.items():
			frappe.db.set_default(key, value)
		frappe.local.lang = self.previous["lang"] or "en"

	def test_a_site_set_up_by_script_files_complaints_in_its_own_language(self):
		with site_language("ar"):
			frappe.db.set_default("language", "en")  # what the setup wizard left on sites set up by script
			frappe.db.set_default("lang", "en")
			self.assertEqual(make_complaint().language, "en")

			align_language_defaults()

			self.assertEqual(frappe.db.get_default("language"), "ar")
			self.assertEqual(frappe.db.get_default("lang"), "ar")
			self.assertEqual(make_complaint().language, "ar")

	def test_the_system_language_set_by_the_set_up_is_the_complaints_default(self):
		with site_language("en"):
			set_system_language("ar")
			self.assertEqual(frappe.db.get_single_value("System Settings", "language", cache=False), "ar")
			self.assertEqual(make_complaint().language, "ar")
			set_system_language("en")
			self.assertEqual(make_complaint().language, "en")

	def test_a_language_given_with_the_complaint_is_kept(self):
		with site_language("ar"):
			set_system_language("ar")
			self.assertEqual(make_complaint(language="en").language, "en")
