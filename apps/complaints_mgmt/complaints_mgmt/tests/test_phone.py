from frappe.tests.utils import FrappeTestCase

from complaints_mgmt.intake.phone import InvalidMobileError, is_valid_mobile, mask_mobile, normalize_mobile


class TestNormalizeMobile(FrappeTestCase):
	def test_every_accepted_form_gives_the_same_stored_form(self):
		forms = (
			"01012345678",
			"+201012345678",
			"00201012345678",
			"201012345678",
			"+2001012345678",
			"+20 10 1234 5678",
			"010-1234-5678",
			"(010) 1234.5678",
			"٠١٠١٢٣٤٥٦٧٨",
			"+٢٠ ١٠ ١٢٣٤ ٥٦٧٨",
			"۰۱۰۱۲۳۴۵۶۷۸",
			"\u200e+20 101 234 5678\u200f",
		)
		for value in forms:
			self.assertEqual(normalize_mobile(value), "+201012345678", msg=value)

	def test_every_operator_prefix_is_accepted(self):
		for prefix in ("010", "011", "012", "015"):
			self.assertEqual(normalize_mobile(prefix + "98765432"), "+20" + prefix[1:] + "98765432")

	def test_other_prefixes_are_rejected(self):
		for prefix in ("013", "014", "016", "017", "018", "019", "020"):
			with self.assertRaises(InvalidMobileError, msg=prefix):
				normalize_mobile(prefix + "98765432")

	def test_landlines_are_rejected(self):
		for landline in ("0223456789", "+20223456789", "035123456"):
			with self.assertRaises(InvalidMobileError, msg=landline):
				normalize_mobile(landline)

	def test_wrong_lengths_and_garbage_are_rejected(self):
		for value in (
			"",
			"0101234567",
			"010123456789",
			"1012345678",
			"+1 010 1234 5678",
			"010abc45678",
			None,
		):
			with self.assertRaises(InvalidMobileError, msg=value):
				normalize_mobile(value)

	def test_error_message_names_the_accepted_prefixes(self):
		with self.assertRaises(InvalidMobileError) as raised:
			normalize_mobile("01312345678")
		self.assertIn("010, 011, 012 or 015", str(raised.exception))

	def test_is_valid_mobile(self):
		self.assertTrue(is_valid_mobile("0020 115 555 0123"))
		self.assertFalse(is_valid_mobile("0135550123"))


class TestMaskMobile(FrappeTestCase):
	def test_mask_keeps_operator_prefix_and_last_three_digits(self):
		self.assertEqual(mask_mobile("+201012345678"), "+20 10* *** *678")
		self.assertEqual(mask_mobile("٠١٥٩٨٧٦٥٤٣٢"), "+20 15* *** *432")

	def test_mask_of_invalid_value_hides_all_but_last_three(self):
		self.assertEqual(mask_mobile("0223456789"), "*******789")
		self.assertEqual(mask_mobile(""), "")
