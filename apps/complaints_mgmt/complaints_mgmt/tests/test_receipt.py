"""The printable receipt as wkhtmltopdf prints it, in Arabic: one clean A4 page, read back from the PDF."""

import re
import unicodedata

import frappe
from frappe.tests.utils import FrappeTestCase

from complaints_mgmt.portal import receipt
from complaints_mgmt.portal.citizen_filing import file_complaint
from complaints_mgmt.tests.pdf_layout import MM, overlapping_words, pdf_pages, pdf_text
from complaints_mgmt.tests.utils import portal_values, reset_client_limits
from complaints_mgmt.utils.print_bidi import print_runs

# Arabic with Latin words, numbers and a code in one subject, as citizens write them
MIXED_SUBJECT = (
	"لم يصلني معاش Takaful and Karama عن شهر October 2026 رغم تقديم الطلب رقم REQ-2026-000123456 "
	"في مكتب Nasr City الاجتماعي منذ ثلاثة أشهر."
)
A4 = (595, 842)
MARGIN = 15 * MM


class TestReceiptPdf(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		reset_client_limits()
		frappe.set_user("Guest")
		try:
			cls.name = file_complaint(portal_values(subject=MIXED_SUBJECT), [], None)["name"]
		finally:
			frappe.set_user("Administrator")
		previous, frappe.local.lang = frappe.local.lang, "ar"
		try:
			cls.pdf = receipt.render_receipt_pdf(cls.name)
		finally:
			frappe.local.lang = previous
		cls.pages = pdf_pages(cls.pdf)

	def test_the_receipt_is_one_a4_page(self):
		self.assertEqual(len(self.pages), 1)
		self.assertEqual((round(self.pages[0].width), round(self.pages[0].height)), A4)

	def test_no_print_toolbar_is_printed(self):
		text = pdf_text(self.pdf)
		self.assertNotIn("Get PDF", text)
		self.assertNotIn("PDF", text)
		self.assertIn(self.name, text)

	def test_every_arabic_word_is_printed_whole(self):
		"""The intro sentence and each Arabic word of the subject come out whole, none cut at an edge or
		broken over two lines (poppler reads lam-alef ligatures back as blanks: those words are left out)."""
		text = unicodedata.normalize("NFKC", pdf_text(self.pdf))
		self.assertIn("تم تسجيل شكواك", text)
		words = [w for w in re.findall(r"[\u0600-\u06ff]+", MIXED_SUBJECT) if "لا" not in w and "لأ" not in w]
		self.assertEqual([w for w in words if w not in text], [])

	def test_nothing_is_printed_past_the_margins(self):
		page = self.pages[0]
		outside = [
			word.text for word in page.words if word.x0 < MARGIN - 1 or word.x1 > page.width - MARGIN + 1
		]
		self.assertEqual(outside, [])

	def test_no_text_is_printed_over_other_text(self):
		self.assertEqual(overlapping_words(self.pages[0]), [])

	def test_the_subject_stays_in_its_column(self):
		"""The mixed subject wraps inside the value column: none of it reaches the label column (the
		right 30% of the table) and its Latin words come out whole."""
		page = self.pages[0]
		label_column = page.width - MARGIN - 0.3 * (page.width - 2 * MARGIN)
		subject_words = {"Takaful", "Karama", "October", "REQ-2026-000123456", "Nasr", "City"}
		placed = [w for w in page.words if w.text in subject_words]
		self.assertEqual({w.text for w in placed}, subject_words)
		self.assertTrue(all(w.x1 < label_column for w in placed), [(w.text, w.x1) for w in placed])


class TestPrintRuns(FrappeTestCase):
	def test_arabic_words_and_latin_runs_each_get_their_own_box(self):
		self.assertEqual(
			print_runs("شكواك رقم 2026-0000001-6."),
			'<span class="bidi-rtl" dir="rtl">شكواك</span> <span class="bidi-rtl" dir="rtl">رقم</span> '
			'<span class="bidi-ltr" dir="ltr">2026-0000001-6</span>.',
		)

	def test_text_is_escaped(self):
		self.assertEqual(print_runs("<b>"), '<span class="bidi-ltr" dir="ltr">&lt;b&gt;</span>')
		self.assertEqual(
			print_runs("رقم <b>"),
			'<span class="bidi-rtl" dir="rtl">رقم</span> &lt;<span class="bidi-ltr" dir="ltr">b</span>&gt;',
		)

	def test_a_text_without_arabic_is_one_left_to_right_box_with_its_full_stop(self):
		# in an Arabic page the full stop of an English sentence, left out of the box, went to its start
		self.assertEqual(
			print_runs("I applied six months ago."),
			'<span class="bidi-ltr" dir="ltr">I applied six months ago.</span>',
		)
