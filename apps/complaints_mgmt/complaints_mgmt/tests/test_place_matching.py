"""A place typed as text, in Arabic or English and in any common spelling, resolves to the District or
Village it names."""

import frappe
from frappe.tests.utils import FrappeTestCase

from complaints_mgmt.places.governorates import resolve_governorate
from complaints_mgmt.places.matching import resolve_place
from complaints_mgmt.places.normalise import normalise
from complaints_mgmt.places.search import search_places
from complaints_mgmt.tests.utils import make_village

VARIANTS_OF_NASR_CITY = ("مدينة نصر", "مدينه نصر", "مدينة  نصر", "مَدِينَة نـصـر", "Nasr City", "nasr  city")


class TestNormalise(FrappeTestCase):
	def test_alef_forms_are_one_letter(self):
		self.assertEqual(normalise("أحمد"), normalise("احمد"))
		self.assertEqual(normalise("إسنا"), normalise("اسنا"))
		self.assertEqual(normalise("آمنة"), normalise("امنه"))

	def test_ya_and_alef_maqsura_ta_marbuta_and_ha(self):
		self.assertEqual(normalise("مصطفى"), normalise("مصطفي"))
		self.assertEqual(normalise("مدينة"), normalise("مدينه"))

	def test_diacritics_tatweel_and_spaces_are_ignored(self):
		self.assertEqual(normalise("  مَدِينَـــة   نَصْر "), normalise("مدينة نصر"))

	def test_arabic_indic_digits_are_digits(self):
		self.assertEqual(normalise("١٥ مايو"), "15 مايو")
		self.assertEqual(normalise("۶ أكتوبر"), normalise("6 اكتوبر"))

	def test_english_ignores_case_punctuation_and_articles(self):
		self.assertEqual(normalise("El-Matareya"), normalise("matareya"))
		self.assertEqual(normalise("Al Gomrok"), normalise("el gomrok"))

	def test_nothing_is_empty(self):
		self.assertEqual(normalise(None), "")
		self.assertEqual(normalise(" ـ "), "")


class TestResolvePlace(FrappeTestCase):
	def test_variant_spellings_in_both_languages(self):
		for text in VARIANTS_OF_NASR_CITY:
			with self.subTest(text=text):
				self.assertEqual(resolve_place(text, "Cairo").district, "Nasr City")

	def test_aliases_and_kind_words(self):
		self.assertEqual(resolve_place("التجمع الخامس", "Cairo").district, "New Cairo")
		self.assertEqual(resolve_place("قسم المعادي", "Cairo").district, "Maadi")
		self.assertEqual(resolve_place("مركز ملوى", "Minya").district, "Mallawi")

	def test_the_governorate_chooses_between_places_of_one_name(self):
		self.assertEqual(resolve_place("دار السلام", "Cairo").district, "Dar El Salam")
		self.assertEqual(resolve_place("دار السلام", "Sohag").district, "Dar El Salam (Sohag)")
		self.assertIsNone(resolve_place("دار السلام"))  # two governorates: no guess

	def test_a_place_of_another_governorate_or_unknown_text_is_none(self):
		self.assertIsNone(resolve_place("مدينة نصر", "Giza"))
		self.assertIsNone(resolve_place("شارع لا يعرفه أحد", "Cairo"))
		self.assertIsNone(resolve_place("", "Cairo"))

	def test_a_village_resolves_with_its_district(self):
		village = make_village("Mallawi", "Deir Abu Hennis", "دير أبو حنس", kind="Village")
		place = resolve_place("دير ابو حنس", "Minya")
		self.assertEqual((place.district, place.village), ("Mallawi", village.name))

	def test_a_new_alias_resolves_at_once(self):
		district = frappe.get_doc("District", "Heliopolis")
		district.append("aliases", {"alias": "الكوربة"})
		district.save(ignore_permissions=True)
		self.assertEqual(resolve_place("الكوربه", "Cairo").district, "Heliopolis")

	def test_the_desk_search_finds_variant_spellings(self):
		rows = search_places("District", "مدينه نصر", "name", 0, 10, {"governorate": "Cairo"})
		self.assertEqual(rows[0][0], "Nasr City")
		rows = search_places("District", "nasr", "name", 0, 10, {"governorate": "Cairo"})
		self.assertIn("Nasr City", [row[0] for row in rows])


class TestResolveGovernorate(FrappeTestCase):
	def test_by_name_code_or_arabic_in_any_spelling(self):
		for text in ("Cairo", "01", "القاهرة", "القاهره", "محافظة القاهرة", " cairo "):
			with self.subTest(text=text):
				self.assertEqual(resolve_governorate(text), "Cairo")
		self.assertEqual(resolve_governorate("الاسكندرية"), "Alexandria")
		self.assertIsNone(resolve_governorate("أطلانتس"))
