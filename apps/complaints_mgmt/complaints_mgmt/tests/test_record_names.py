"""Master data in the reader's language: each record's Arabic name is what Arabic readers
see, through Frappe's translated link fields, lists and `_()`; routing notes read in one language."""

import re

import frappe
from frappe.tests.utils import FrappeTestCase

from complaints_mgmt.routing import DIRECTORATE, SOCIAL_UNIT, find_route
from complaints_mgmt.setup.demo_names import set_arabic_names
from complaints_mgmt.tests.utils import (
	make_directorate,
	make_governorate,
	make_organisation,
	make_social_unit,
	random_category,
)

LATIN = re.compile(r"[A-Za-z]")


def in_arabic(text: str) -> str:
	frappe.local.lang = "ar"
	try:
		return frappe._(text)
	finally:
		frappe.local.lang = "en"


class TestArabicNames(FrappeTestCase):
	def test_a_records_arabic_name_is_what_arabic_readers_see(self):
		directorate = make_directorate("Cairo", name=f"Directorate {frappe.generate_hash(length=6)}")
		directorate.name_ar = "مديرية الاختبار"
		directorate.save(ignore_permissions=True)
		self.assertEqual(in_arabic(directorate.name), "مديرية الاختبار")

		directorate.name_ar = "مديرية الاختبار الجديدة"
		directorate.save(ignore_permissions=True)
		self.assertEqual(in_arabic(directorate.name), "مديرية الاختبار الجديدة")

		directorate.name_ar = ""
		directorate.save(ignore_permissions=True)
		self.assertEqual(in_arabic(directorate.name), directorate.name)

	def test_a_social_unit_is_shown_by_its_title_in_arabic(self):
		unit = make_social_unit(make_directorate("Cairo").name, district="Nasr City")
		unit.name_ar = "الوحدة الاجتماعية بالاختبار"
		unit.save(ignore_permissions=True)
		self.assertEqual(in_arabic(unit.unit_name), "الوحدة الاجتماعية بالاختبار")
		self.assertIn("Social Unit", frappe.get_hooks("doctype_list_js"))

	def test_installed_governorates_carry_their_arabic_names(self):
		self.assertEqual(frappe.db.get_value("Governorate", "Cairo", "name_ar"), "القاهرة")
		self.assertEqual(in_arabic("Luxor"), "الأقصر")

	def test_the_demos_master_data_gets_arabic_names(self):
		from complaints_mgmt.setup.demo import directorate_name

		make_governorate()
		directorate = make_directorate("Cairo", name=directorate_name("Cairo")).name
		frappe.db.set_value("Directorate", directorate, "name_ar", None)
		set_arabic_names()
		self.assertEqual(in_arabic(directorate), "مديرية التضامن الاجتماعي بالقاهرة")


class TestRoutingNotesInOneLanguage(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = make_organisation(("Nasr City",))
		for doctype, name, arabic in (
			("Governorate", cls.org.governorate, "محافظة الاختبار"),
			(
				"District",
				frappe.db.get_value("Social Unit Place", {"parent": cls.org.units["Nasr City"]}, "district"),
				"مدينة نصر",
			),
		):
			doc = frappe.get_doc(doctype, name)
			doc.name_ar = arabic
			doc.save(ignore_permissions=True)

	def setUp(self):
		frappe.local.lang = "ar"

	def tearDown(self):
		frappe.local.lang = "en"

	def test_a_note_naming_the_district_is_all_arabic(self):
		route = find_route(random_category(SOCIAL_UNIT), self.org.governorate, "Nasr City")
		self.assertEqual(route.level, SOCIAL_UNIT)
		self.assertIn("مدينة نصر", route.note)
		self.assertNotRegex(route.note, LATIN)

	def test_a_note_naming_the_governorate_is_all_arabic(self):
		route = find_route(random_category(DIRECTORATE), self.org.governorate, None)
		self.assertEqual(route.note, "مديرية محافظة الاختبار")
