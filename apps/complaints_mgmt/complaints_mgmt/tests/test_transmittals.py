"""Transmittal sheets (staff_tools/transmittals.py): 200 complaints sent to a department make an Excel sheet
of 200 rows, right to left, and an Arabic cover letter on one page that says 200; each complaint's timeline
records the sending and, later, its reply; only who may read a complaint may send it."""

import io
import os
import unicodedata

import frappe
import openpyxl
from frappe.tests.utils import FrappeTestCase
from frappe.utils import nowdate

from complaints_mgmt.staff_tools import transmittals
from complaints_mgmt.tests.pdf_layout import overlapping_words, pdf_pages, pdf_text
from complaints_mgmt.tests.utils import make_org_complaint, make_organisation, make_user, timeline

COUNT = 200


class TestTransmittals(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = make_organisation()
		cls.complaints = [make_org_complaint(cls.org).name for _i in range(COUNT)]
		cls.manager = make_user(roles=["Complaints Manager"]).name

	def setUp(self):
		self.addCleanup(frappe.set_user, "Administrator")
		self.addCleanup(setattr, frappe.local, "lang", frappe.local.lang)
		frappe.local.lang = "ar"

	def transmittal(self, complaints, user=None):
		frappe.set_user(user or self.manager)
		return frappe.get_doc(
			{
				"doctype": "Transmittal",
				"addressed_to_type": "Directorate",
				"addressed_to": self.org.directorate,
				"items": [{"complaint": name} for name in complaints],
			}
		).insert()

	def test_two_hundred_make_a_sheet_of_two_hundred_rows_right_to_left(self):
		doc = self.transmittal(self.complaints)
		self.assertEqual(
			(doc.complaint_count, doc.answered_count, doc.status), (COUNT, 0, "Awaiting Replies")
		)
		book = openpyxl.load_workbook(io.BytesIO(transmittals.sheet_xlsx(doc)))
		sheet = book.active
		self.assertTrue(sheet.sheet_view.rightToLeft)
		rows = list(sheet.iter_rows(values_only=True))
		self.assertEqual(len(rows), COUNT + 1)
		self.assertEqual(rows[0][1], "رقم المتابعة")
		self.assertEqual([row[1] for row in rows[1:]], self.complaints)
		self.assertEqual([row[0] for row in rows[1:]], list(range(1, COUNT + 1)))
		first = frappe.get_doc("Complaint", self.complaints[0])
		self.assertEqual(rows[1][6], first.subject)
		self.assertEqual(rows[1][4], first.national_id)  # the masked form, never the full number
		self.assertIn("*", rows[1][4])

	def test_the_cover_letter_is_one_arabic_page_with_the_number_of_requests(self):
		doc = self.transmittal(self.complaints)
		pdf = transmittals.cover_letter_pdf(doc)
		pages = pdf_pages(pdf)
		self.assertEqual(len(pages), 1)
		if os.environ.get("COMPLAINTS_PDF_OUT"):  # to look at it: pdftoppm -png -r 80
			with open(os.environ["COMPLAINTS_PDF_OUT"], "wb") as out:
				out.write(pdf)
		text = unicodedata.normalize("NFKC", pdf_text(pdf))
		self.assertIn("عدد الطلبات", text)
		self.assertIn(str(COUNT), text)
		self.assertIn(doc.name, text)
		self.assertEqual(overlapping_words(pages[0]), [])

	def test_each_complaint_records_the_sending_and_its_reply(self):
		doc = self.transmittal(self.complaints[:3])
		for name in self.complaints[:3]:
			self.assertTrue(any(doc.name in note for note in timeline(name)), name)
		doc.items[1].replied_on = nowdate()
		doc.save()
		self.assertEqual((doc.answered_count, doc.status), (1, "Partly Answered"))
		replied = [note for note in timeline(self.complaints[1]) if "رد" in note]
		self.assertEqual(len(replied), 1, timeline(self.complaints[1]))
		self.assertEqual([n for n in timeline(self.complaints[2]) if "رد" in n], [])
		for row in doc.items:
			row.replied_on = nowdate()
		doc.save()
		self.assertEqual(doc.status, "Answered")

	def test_a_complaint_is_sent_once_per_sheet(self):
		with self.assertRaises(frappe.ValidationError):
			self.transmittal([self.complaints[0], self.complaints[0]])

	def test_a_liaison_officer_neither_makes_a_transmittal_nor_downloads_its_sheet(self):
		# the sheet lists complainants' names: only the centre's staff (Complaints Manager, Administrator)
		doc = self.transmittal(self.complaints[:2])
		officer = next(iter(self.org.officers.values()))
		with self.assertRaises(frappe.PermissionError):
			self.transmittal(self.complaints[:1], user=officer)
		frappe.set_user(officer)
		with self.assertRaises(frappe.PermissionError):
			transmittals.download_sheet(doc.name)
