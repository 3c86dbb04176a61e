"""Arabic that reads right: numbers agree with the word they count, a required note is asked for in
words that agree with its gender, and an approved answer does not carry an earlier return note."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, today

from complaints_mgmt.complaints.report.citizen_satisfaction.citizen_satisfaction import columns
from complaints_mgmt.lifecycle import states
from complaints_mgmt.lifecycle.transitions import MissingInformationError
from complaints_mgmt.setup.workflow import ensure_complaint_workflow
from complaints_mgmt.tests.utils import (
	act,
	make_org_complaint,
	make_organisation,
	random_category,
	staff_user,
)
from complaints_mgmt.utils.plurals import counted, plural_form


class InArabic:
	def __enter__(self):
		self.previous = frappe.local.lang
		frappe.local.lang = "ar"

	def __exit__(self, *exc):
		frappe.local.lang = self.previous


class TestPluralForms(FrappeTestCase):
	def test_arabic_plural_forms(self):
		forms = {n: plural_form(n, "ar") for n in (0, 1, 2, 3, 10, 11, 99, 100, 103, 111)}
		self.assertEqual(
			forms,
			{0: "zero", 1: "one", 2: "two", 3: "few", 10: "few", 11: "many", 99: "many", 100: "other"}
			| {103: "few", 111: "many"},
		)

	def test_minutes_agree_with_their_number_in_arabic(self):
		with InArabic():
			said = {n: counted(n, "{0} minute", "{0} minutes") for n in (1, 2, 10, 15)}
		self.assertEqual(said, {1: "دقيقة واحدة", 2: "دقيقتان", 10: "10 دقائق", 15: "15 دقيقة"})

	def test_english_says_minute_for_one(self):
		self.assertEqual(counted(1, "{0} minute", "{0} minutes"), "1 minute")
		self.assertEqual(counted(10, "{0} minute", "{0} minutes"), "10 minutes")

	def test_satisfaction_report_counts_stars_in_arabic(self):
		with InArabic():
			labels = [column["label"] for column in columns("governorate", 5)]
		self.assertIn("نجمة واحدة", labels)
		self.assertIn("نجمتان", labels)
		self.assertIn("3 نجوم", labels)
		self.assertNotIn("1 نجوم", labels)


class TestReviewNote(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_complaint_workflow()
		cls.org = make_organisation()
		cls.category = random_category("Social Unit", resolution_days=15)
		cls.officer = cls.org.officers["Nasr City"]
		cls.reviewer = staff_user("Quality Reviewer")

	def under_review(self):
		doc = make_org_complaint(self.org, category=self.category)
		doc = act(doc, "Accept", self.officer, deadline=add_days(today(), 5))
		doc = act(doc, "Start Work", self.officer)
		doc = act(doc, "Respond", self.officer, response="The payment is on its way.")
		return act(doc, "Start Review", self.reviewer)

	def test_a_missing_return_note_is_asked_for_in_arabic_that_agrees(self):
		doc = self.under_review()
		with InArabic(), self.assertRaises(MissingInformationError) as raised:
			act(doc, "Return", self.reviewer)
		message = str(raised.exception)
		self.assertIn("ملاحظة المراجع", message)
		self.assertNotIn("ملاحظة المراجع مطلوب", message)
		self.assertTrue(message.startswith("يجب إدخال"), message)

	def test_approval_drops_the_note_of_an_earlier_return(self):
		doc = self.under_review()
		doc = act(doc, "Return", self.reviewer, review_note="Say on which day the payment arrives.")
		doc = act(doc, "Resume", self.officer)
		doc = act(doc, "Respond", self.officer, response="The payment arrives on Monday.")
		doc = act(doc, "Start Review", self.reviewer)
		doc = act(doc, "Approve", self.reviewer)
		self.assertEqual(doc.status, states.CLOSED)
		self.assertFalse(doc.review_note)
		self.assertFalse(frappe.db.get_value("Complaint", doc.name, "review_note"))

	def test_a_note_written_with_the_approval_stays(self):
		doc = self.under_review()
		doc = act(doc, "Approve", self.reviewer, review_note="A clear answer.")
		self.assertEqual(doc.review_note, "A clear answer.")
