import hashlib
import hmac
from datetime import date
from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase

from complaints_mgmt.intake import national_id
from complaints_mgmt.intake.national_id import (
	EGYPT_GOVERNORATE_CODES,
	EgyptianNationalID,
	InvalidNationalIDError,
	mask_national_id,
	national_id_country,
	national_id_hash,
	parse_egyptian_national_id,
	validate_national_id,
)

# century 2 (1900s), born 1985-07-23, Cairo (01), serial 1234 (13th digit 4: female), check 5
BORN_1985_CAIRO = "28507230112345"
# century 3 (2000s), born 2001-05-15, Giza (21), serial 8831 (13th digit 1: male), check 7
BORN_2001_GIZA = "30105152188317"
# century 2, born 1999-12-31, abroad (88), serial 0015 (13th digit 5: male), check 3
BORN_1999_ABROAD = "29912318800153"


class TestEgyptianNationalID(FrappeTestCase):
	def assert_rejected(self, value, *message_parts, country="EG"):
		with self.assertRaises(InvalidNationalIDError) as raised:
			validate_national_id(value, country)
		for part in message_parts:
			self.assertIn(part, str(raised.exception))

	def test_accepts_id_born_in_the_1900s(self):
		self.assertEqual(validate_national_id(BORN_1985_CAIRO), BORN_1985_CAIRO)

	def test_accepts_id_born_in_the_2000s(self):
		self.assertEqual(validate_national_id(BORN_2001_GIZA), BORN_2001_GIZA)

	def test_accepts_born_abroad_code_88(self):
		self.assertEqual(validate_national_id(BORN_1999_ABROAD), BORN_1999_ABROAD)

	def test_country_defaults_to_egypt(self):
		self.assert_rejected("1234567890", "14")

	def test_normalises_arabic_indic_digits_and_spaces(self):
		self.assertEqual(validate_national_id("٢٨٥ ٠٧٢٣ ٠١١ ٢٣٤٥"), BORN_1985_CAIRO)

	def test_normalises_persian_digits_and_direction_marks(self):
		self.assertEqual(validate_national_id("\u200f۳۰۱۰۵۱۵۲۱۸۸۳۱۷\u200e"), BORN_2001_GIZA)

	def test_does_not_check_the_last_digit(self):
		for last in "0123456789":
			self.assertEqual(validate_national_id(BORN_1985_CAIRO[:-1] + last), BORN_1985_CAIRO[:-1] + last)

	def test_rejects_empty_value(self):
		self.assert_rejected("  ", "required")

	def test_rejects_non_digits(self):
		self.assert_rejected("2850723011234X", "digits only")

	def test_rejects_wrong_length_and_names_both_lengths(self):
		self.assert_rejected(BORN_1985_CAIRO[:-1], "exactly 14 digits", "13 were entered")

	def test_rejects_bad_century_digit(self):
		self.assert_rejected("1" + BORN_1985_CAIRO[1:], "first digit", "century", "1")

	def test_rejects_impossible_birth_date(self):
		# 1999-02-30 does not exist
		self.assert_rejected("29902300112345", "Digits 2 to 7", "990230", "not a valid birth date")

	def test_rejects_impossible_month(self):
		self.assert_rejected("28513010112345", "Digits 2 to 7", "851301")

	def test_rejects_birth_date_in_the_future(self):
		born_2024_06_01 = "32406010112345"
		with self.freeze_time("2024-05-01"):
			self.assert_rejected(born_2024_06_01, "future", "2024-06-01")
		with self.freeze_time("2024-07-01"):
			self.assertEqual(validate_national_id(born_2024_06_01), born_2024_06_01)

	def test_rejects_unknown_governorate_code(self):
		self.assert_rejected("28507230512345", "Digits 8 and 9", "05", "governorate")

	def test_failure_messages_are_translated(self):
		translated = "الرقم القومي يجب أن يحتوي على أرقام فقط."
		with patch.object(national_id, "_", return_value=translated):
			self.assert_rejected("abc", translated)

	def test_parse_reads_birth_date_governorate_and_gender(self):
		self.assertEqual(
			parse_egyptian_national_id(BORN_1985_CAIRO),
			EgyptianNationalID(birth_date=date(1985, 7, 23), governorate_code="01", gender="Female"),
		)
		parsed = parse_egyptian_national_id(BORN_2001_GIZA)
		self.assertEqual(
			(parsed.birth_date, parsed.governorate_code, parsed.gender), (date(2001, 5, 15), "21", "Male")
		)

	def test_parse_rejects_invalid_id(self):
		with self.assertRaises(InvalidNationalIDError):
			parse_egyptian_national_id("28507230512345")

	def test_governorate_codes_have_english_and_arabic_names(self):
		self.assertEqual(len(EGYPT_GOVERNORATE_CODES), 28)
		self.assertEqual(EGYPT_GOVERNORATE_CODES["01"], ("Cairo", "القاهرة"))
		self.assertEqual(EGYPT_GOVERNORATE_CODES["88"], ("Born Abroad", "مواليد خارج الجمهورية"))
		for code, (english, arabic) in EGYPT_GOVERNORATE_CODES.items():
			self.assertRegex(code, r"^\d\d$")
			self.assertTrue(english.isascii())
			self.assertRegex(arabic, r"^[\u0600-\u06ff ]+$")


class TestOtherNationalIDFormats(FrappeTestCase):
	def test_jordan_national_number_is_ten_digits(self):
		self.assertEqual(validate_national_id("9 8 7 1 0 2 3 4 5 6", "JO"), "9871023456")
		with self.assertRaises(InvalidNationalIDError) as raised:
			validate_national_id("987102345", "JO")
		self.assertIn("exactly 10 digits", str(raised.exception))

	def test_iraq_unified_card_is_twelve_digits(self):
		self.assertEqual(validate_national_id("١٩٩٠١٢٣٤٥٦٧٨", "IQ"), "199012345678")
		with self.assertRaises(InvalidNationalIDError) as raised:
			validate_national_id(BORN_1985_CAIRO, "IQ")
		self.assertIn("exactly 12 digits", str(raised.exception))

	def test_any_format_accepts_4_to_20_letters_or_digits(self):
		self.assertEqual(validate_national_id("a12345b", "ANY"), "A12345B")
		self.assertEqual(validate_national_id("x" * 20, "any"), "X" * 20)
		for invalid in ("ab1", "x" * 21, "AB-123", "جواز١٢٣٤"):
			with self.assertRaises(InvalidNationalIDError, msg=invalid):
				validate_national_id(invalid, "ANY")

	def test_unknown_country_is_rejected(self):
		with self.assertRaises(InvalidNationalIDError) as raised:
			validate_national_id(BORN_1985_CAIRO, "XX")
		self.assertIn("Unknown national ID format", str(raised.exception))

	def test_registry_holds_every_format_of_the_setting(self):
		self.assertEqual(set(national_id.NATIONAL_ID_FORMATS), {"EG", "JO", "IQ", "ANY"})

	def test_country_falls_back_to_egypt_without_settings_doctype(self):
		with patch.object(national_id, "SETTINGS_DOCTYPE", "No Such Settings DocType"):
			self.assertEqual(national_id_country(), "EG")

	def test_country_follows_complaints_settings(self):
		if not frappe.db.exists("DocType", "Complaints Settings"):
			self.skipTest("Complaints Settings does not exist yet")
		settings = frappe.get_single("Complaints Settings")
		previous = settings.national_id_format
		try:
			frappe.db.set_single_value("Complaints Settings", "national_id_format", "JO")
			frappe.db.value_cache.pop("Complaints Settings", None)
			self.assertEqual(national_id_country(), "JO")
		finally:
			frappe.db.set_single_value("Complaints Settings", "national_id_format", previous)
			frappe.db.value_cache.pop("Complaints Settings", None)


class TestNationalIDHashAndMask(FrappeTestCase):
	def test_hash_is_stable(self):
		self.assertEqual(national_id_hash(BORN_1985_CAIRO), national_id_hash(BORN_1985_CAIRO))
		self.assertRegex(national_id_hash(BORN_1985_CAIRO), r"^[0-9a-f]{64}$")

	def test_different_ids_hash_differently(self):
		self.assertNotEqual(national_id_hash(BORN_1985_CAIRO), national_id_hash(BORN_2001_GIZA))

	def test_hash_ignores_digit_script_and_spaces(self):
		self.assertEqual(national_id_hash("٢٨٥ ٠٧٢٣ ٠١١ ٢٣٤٥"), national_id_hash(BORN_1985_CAIRO))

	def test_hash_is_hmac_sha256_with_the_site_key(self):
		with patch.dict(frappe.local.conf, {"national_id_hash_key": "k" * 64}):
			expected = hmac.new(b"k" * 64, BORN_1985_CAIRO.encode(), hashlib.sha256).hexdigest()
			self.assertEqual(national_id_hash(BORN_1985_CAIRO), expected)
			self.assertNotEqual(
				national_id_hash(BORN_1985_CAIRO), hashlib.sha256(BORN_1985_CAIRO.encode()).hexdigest()
			)

	def test_missing_key_is_generated_and_saved_in_site_config(self):
		with (
			patch.dict(frappe.local.conf, {"national_id_hash_key": None}),
			patch("frappe.get_site_config", return_value=frappe._dict()),
			patch("frappe.installer.update_site_config") as update_site_config,
		):
			digest = national_id_hash(BORN_1985_CAIRO)
			update_site_config.assert_called_once()
			key_name, key = update_site_config.call_args.args
			self.assertEqual(key_name, "national_id_hash_key")
			self.assertRegex(key, r"^[0-9a-f]{64}$")
			self.assertEqual(frappe.local.conf.national_id_hash_key, key)
			self.assertEqual(
				digest, hmac.new(key.encode(), BORN_1985_CAIRO.encode(), hashlib.sha256).hexdigest()
			)
			# the key is now known: no second write
			national_id_hash(BORN_2001_GIZA)
			update_site_config.assert_called_once()

	def test_key_written_by_another_worker_is_reused(self):
		with (
			patch.dict(frappe.local.conf, {"national_id_hash_key": None}),
			patch("frappe.get_site_config", return_value=frappe._dict(national_id_hash_key="a" * 64)),
			patch("frappe.installer.update_site_config") as update_site_config,
		):
			national_id_hash(BORN_1985_CAIRO)
			update_site_config.assert_not_called()
			self.assertEqual(frappe.local.conf.national_id_hash_key, "a" * 64)

	def test_mask_shows_first_digit_and_last_three(self):
		self.assertEqual(mask_national_id(BORN_1985_CAIRO), "2**********345")
		self.assertEqual(mask_national_id("٢٨٥٠٧٢٣٠١١٢٣٤٥"), "2**********345")

	def test_mask_of_short_value_shows_only_last_character(self):
		self.assertEqual(mask_national_id("AB12"), "***2")
