"""Hijri (Umm al-Qura) dates beside the Gregorian ones (utils/hijri_dates.py): known dates written as
Chromium writes them, and shown to citizens (tracking page, receipt PDF) only while Complaints
Settings ask for it."""

import unicodedata

import frappe
from frappe.tests.utils import FrappeTestCase

from complaints_mgmt.portal import receipt
from complaints_mgmt.portal.citizen_sms import receipt_message
from complaints_mgmt.portal.public_status import citizen_view
from complaints_mgmt.tests.pdf_layout import pdf_pages
from complaints_mgmt.tests.utils import make_complaint
from complaints_mgmt.utils.bidi_text import ltr_marked
from complaints_mgmt.utils.hijri_dates import citizen_hijri, extend_bootinfo, hijri_date

SETTINGS = "Complaints Settings"
RECEIVED_HIJRI = "27 جمادى الآخرة 1448 هـ"  # 7 December 2026


def in_arabic(fn, *args):
	previous, frappe.local.lang = frappe.local.lang, "ar"
	try:
		return fn(*args)
	finally:
		frappe.local.lang = previous


class TestHijriDate(FrappeTestCase):
	def test_known_dates_in_arabic(self):
		# Umm al-Qura: 1 Ramadan 1445 and 1 Muharram 1447 as announced; the rest as Chromium's Intl writes them
		known = {
			"2024-03-11": "1 رمضان 1445 هـ",
			"2025-06-26": "1 محرم 1447 هـ",
			"2026-12-07": "27 جمادى الآخرة 1448 هـ",
			"2023-01-01": "8 جمادى الآخرة 1444 هـ",
			"2030-02-05": "2 شوال 1451 هـ",
		}
		self.assertEqual({day: hijri_date(day, "ar") for day in known}, known)

	def test_english(self):
		self.assertEqual(hijri_date("2026-12-07", "en"), "27 Jumada al-Akhirah 1448 AH")

	def test_a_datetime_is_its_calendar_day_and_the_current_language_is_the_default(self):
		self.assertEqual(in_arabic(hijri_date, "2026-12-07 23:59:00"), "27 جمادى الآخرة 1448 هـ")

	def test_no_date_or_one_outside_the_tables_gives_nothing(self):
		self.assertEqual(hijri_date(None, "ar"), "")
		self.assertEqual(hijri_date("1900-01-01", "ar"), "")
		self.assertEqual(hijri_date("2099-01-01", "ar"), "")


class TestHijriOnCitizensPages(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.name = make_complaint().name
		frappe.db.set_value(
			"Complaint", cls.name, "received_on", "2026-12-07 10:00:00", update_modified=False
		)

	def setUp(self):
		frappe.db.set_single_value(SETTINGS, {"hijri_for_citizens": 1, "hijri_in_desk": 0})

	def test_the_tracking_view_carries_the_hijri_date_while_the_setting_asks(self):
		view = in_arabic(citizen_view, self.name)
		self.assertEqual(view["received_on_hijri"], RECEIVED_HIJRI)
		self.assertTrue(all(step["on_hijri"] for step in view["history"]), view["history"])
		frappe.db.set_single_value(SETTINGS, "hijri_for_citizens", 0)
		view = in_arabic(citizen_view, self.name)
		self.assertEqual(view["received_on_hijri"], "")
		self.assertEqual(citizen_hijri("2026-12-07"), "")

	def test_the_receipt_prints_the_hijri_date_in_order_on_its_own_line(self):
		"""Read right to left, the line says "التاريخ الهجري   27 جمادى الآخرة 1448 هـ" (poppler gives Arabic
		letter by letter, and reads the lam-alef ligature back as a blank)."""
		lines = self.receipt_lines()
		hijri = [line for line in lines if "الهجري" in line]
		self.assertEqual(len(hijri), 1, lines)
		self.assertRegex(hijri[0], r"^التاريخالهجري27جمادى.*خرة1448هـ$")

	def test_the_receipt_has_no_hijri_date_when_the_setting_is_off(self):
		frappe.db.set_single_value(SETTINGS, "hijri_for_citizens", 0)
		lines = self.receipt_lines()
		self.assertFalse([line for line in lines if "1448" in line or "الهجري" in line], lines)

	def test_the_receipt_sms_carries_both_dates_where_its_text_asks(self):
		portal = frappe.get_doc("Citizen Portal Settings")
		portal.receipt_sms = "سُجلت شكواك {tracking_number} يوم {date}."
		portal.save()  # {date} is a placeholder the settings accept
		expected = f"سُجلت شكواك {ltr_marked(self.name)} يوم {ltr_marked('07-12-2026')}"
		self.assertEqual(in_arabic(receipt_message, self.name), f"{expected} ({RECEIVED_HIJRI}).")
		frappe.db.set_single_value(SETTINGS, "hijri_for_citizens", 0)
		self.assertEqual(in_arabic(receipt_message, self.name), f"{expected}.")

	def test_the_desk_is_told_by_its_boot(self):
		boot = frappe._dict()
		extend_bootinfo(boot)
		self.assertEqual(boot.complaints_hijri_in_desk, 0)
		frappe.db.set_single_value(SETTINGS, "hijri_in_desk", 1)
		extend_bootinfo(boot)
		self.assertEqual(boot.complaints_hijri_in_desk, 1)

	def receipt_lines(self) -> list[str]:
		"""The receipt's lines, each read right to left without spaces."""
		pdf = in_arabic(receipt.render_receipt_pdf, self.name)
		lines: dict[int, list] = {}
		for word in pdf_pages(pdf)[0].words:
			lines.setdefault(round(word.y0), []).append(word)
		return [
			"".join(unicodedata.normalize("NFKC", w.text) for w in sorted(words, key=lambda w: -w.x1))
			for _y, words in sorted(lines.items())
		]
