"""Master data in the reader's language: each record's Arabic name is what Arabic readers
see, through Frappe's translated link fields, lists and `_()`; routing notes read in one language."""

import re

import frappe
from frappe.tests.utils import FrappeTestCase

from complaints_mgmt.lifecycle.routing import DIRECTORATE, SOCIAL_UNIT, find_route
from complaints_mgmt.patches.v0_14 import record_names_in_staff_messages as patch
from complaints_mgmt.setup.demo_names import set_arabic_names
from complaints_mgmt.setup.notifications import DEFAULT_NOTIFICATIONS
from complaints_mgmt.tests.utils import (
	make_directorate,
	make_governorate,
	make_org_complaint,
	make_organisation,
	make_social_unit,
	random_category,
	site_language,
)
from complaints_mgmt.utils.record_names import record_title

LATIN = re.compile(r"[A-Za-z]")
ARABIC = re.compile(r"[\u0600-\u06ff]")


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


class TestRecordNamesInTextsAndMessages(FrappeTestCase):
	"""Texts Frappe does not render through a link field name records by their title in the reader's
	language: the timeline's routing note, the staff's emails (record_names.record_title)."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = make_organisation(("Nasr City",))
		cls.unit = frappe.get_doc("Social Unit", cls.org.units["Nasr City"])
		cls.unit.name_ar = f"الوحدة الاجتماعية بالاختبار {frappe.generate_hash(length=4)}"
		cls.unit.save(ignore_permissions=True)
		cls.category = random_category(SOCIAL_UNIT)
		category = frappe.get_doc("Complaint Category", cls.category)
		category.name_ar = f"فئة الاختبار {frappe.generate_hash(length=4)}"
		category.save(ignore_permissions=True)
		cls.category_ar = category.name_ar

	def tearDown(self):
		frappe.local.lang = "en"

	def test_a_unit_is_named_by_its_title_in_each_language(self):
		self.assertEqual(record_title("Social Unit", self.unit.name, "ar"), self.unit.name_ar)
		self.assertEqual(record_title("Social Unit", self.unit.name, "en"), self.unit.unit_name)
		self.assertEqual(record_title("Social Unit", None, "ar"), "")

	def test_the_routing_note_names_the_unit_not_its_code(self):
		frappe.local.lang = "ar"
		complaint = make_org_complaint(self.org, category=self.category)
		self.assertEqual(complaint.unit, self.unit.name)
		notes = frappe.get_all(
			"Comment",
			filters={"reference_name": complaint.name, "comment_type": "Info"},
			pluck="content",
		)
		routed = [note for note in notes if self.unit.name_ar in note]
		self.assertTrue(routed, notes)
		self.assertFalse(any(self.unit.name in note for note in notes), notes)

	def test_the_officers_email_names_the_category_in_its_language(self):
		definition = next(d for d in DEFAULT_NOTIFICATIONS if d["name"] == "New Complaint: Liaison Officer")
		complaint = make_org_complaint(self.org, category=self.category)
		with site_language("ar"):
			arabic = frappe.render_template(definition["message"], {"doc": complaint})
		with site_language("en"):
			english = frappe.render_template(definition["message"], {"doc": complaint})
		self.assertIn(self.category_ar, arabic)
		self.assertNotIn(self.category, arabic)
		self.assertIn(f"Category: {self.category}.", english)
		self.assertNotRegex(english, ARABIC)

	def test_the_escalation_email_names_the_unit_and_officer_not_their_codes(self):
		definition = next(d for d in DEFAULT_NOTIFICATIONS if d["name"] == "Complaint Escalation: Email")
		complaint = make_org_complaint(self.org, category=self.category)
		officer = frappe.get_doc("Liaison Officer", complaint.liaison_officer)
		escalation = frappe._dict(
			doctype="Complaint Escalation",
			complaint=complaint.name,
			subject=complaint.subject,
			phase="Acceptance",
			due_on=2,
			escalated_on=1,
			unit=complaint.unit,
			liaison_officer=complaint.liaison_officer,
		)
		with site_language("ar"):
			arabic = frappe.render_template(definition["message"], {"doc": escalation})
		self.assertIn(f"الجهة المختصة: {self.unit.name_ar}،", arabic)
		self.assertIn(f"ضابط الاتصال: {officer.full_name}.", arabic)
		self.assertNotIn(self.unit.name, arabic)

	def test_the_patch_gives_old_default_texts_the_new_ones_and_keeps_edited_ones(self):
		officer, escalation = patch.RENAMED
		new = {d["name"]: d["message"] for d in DEFAULT_NOTIFICATIONS}
		frappe.db.set_value("Notification", officer, "message", patch.previous_text(new[officer]))
		frappe.db.set_value("Notification", escalation, "message", "<p>Edited {{ doc.unit }}</p>")
		patch.execute()
		self.assertEqual(frappe.db.get_value("Notification", officer, "message"), new[officer])
		self.assertEqual(
			frappe.db.get_value("Notification", escalation, "message"), "<p>Edited {{ doc.unit }}</p>"
		)
		self.assertNotEqual(patch.previous_text(new[officer]), new[officer])
