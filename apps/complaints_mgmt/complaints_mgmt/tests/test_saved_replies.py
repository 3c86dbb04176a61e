"""Saved replies (staff_tools/saved_replies.py): offered by category and field, filled from the complaint
in its complainant's language, counted, and refused when a placeholder cannot be filled."""

import frappe
from frappe.tests.utils import FrappeTestCase

from complaints_mgmt.staff_tools.saved_replies import UnknownPlaceholder, replies_for, use_reply
from complaints_mgmt.tests.utils import make_category, make_org_complaint, make_organisation, make_user
from complaints_mgmt.utils.bidi_text import isolate


def saved_reply(**fields):
	values = {
		"doctype": "Saved Reply",
		"title": f"Reply {frappe.generate_hash(length=6)}",
		"step": "Answer",
		"text_ar": "السيد/ة {citizen_name}، شكواك {tracking_number}: الرد قبل {deadline} من {unit}.",
	}
	values.update(fields)
	return frappe.get_doc(values).insert(ignore_permissions=True)


class TestSavedReplies(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = make_organisation(("Nasr City",))
		suffix = frappe.generate_hash(length=6)
		cls.parent = make_category(f"Replies Parent {suffix}", is_group=1).name
		cls.child = make_category(f"Replies Child {suffix}", parent_complaint_category=cls.parent).name
		cls.other = make_category(f"Replies Other {suffix}").name
		cls.complaint = make_org_complaint(cls.org, category=cls.child, complainant_name="منى أحمد")
		frappe.db.set_value(
			"Complaint", cls.complaint.name, "deadline", "2026-12-20 10:00:00", update_modified=False
		)
		cls.complaint.reload()
		unit = frappe.get_doc("Social Unit", cls.complaint.unit)
		unit.name_ar = f"وحدة الردود {suffix}"
		unit.save(ignore_permissions=True)
		cls.unit_ar = unit.name_ar

	def offered(self, fieldname="response"):
		return {row.name for row in replies_for(self.complaint.name, fieldname)}

	def test_a_reply_is_offered_for_its_category_its_subcategories_and_its_field_only(self):
		for_parent = saved_reply(category=self.parent).name
		for_all = saved_reply().name
		for_other = saved_reply(category=self.other).name
		inactive = saved_reply(category=self.parent, is_active=0).name
		for_transfer = saved_reply(category=self.parent, step="Transfer Reason").name
		offered = self.offered()
		self.assertLessEqual({for_parent, for_all}, offered)
		self.assertFalse({for_other, inactive, for_transfer} & offered)
		self.assertIn(for_transfer, self.offered("transfer_reason"))

	def test_the_reply_is_filled_from_the_complaint_in_arabic_and_counted(self):
		reply = saved_reply(category=self.parent)
		text = use_reply(reply.name, self.complaint.name)
		self.assertEqual(
			text,
			f"السيد/ة منى أحمد، شكواك {isolate(self.complaint.name)}: الرد قبل {isolate('20-12-2026')} "
			f"من {self.unit_ar}.",
		)
		use_reply(reply.name, self.complaint.name)
		self.assertEqual(frappe.db.get_value("Saved Reply", reply.name, "usage_count"), 2)
		self.assertIsNotNone(frappe.db.get_value("Saved Reply", reply.name, "last_used_on"))

	def test_an_english_complainant_gets_the_english_text_where_there_is_one(self):
		frappe.db.set_value("Complaint", self.complaint.name, "language", "en", update_modified=False)
		try:
			with_english = saved_reply(text_en="Dear {citizen_name}, complaint {tracking_number}.")
			arabic_only = saved_reply()
			self.assertEqual(
				use_reply(with_english.name, self.complaint.name),
				f"Dear منى أحمد, complaint {self.complaint.name}.",
			)
			self.assertTrue(use_reply(arabic_only.name, self.complaint.name).startswith("السيد/ة"))
		finally:
			frappe.db.set_value("Complaint", self.complaint.name, "language", "ar", update_modified=False)

	def test_a_placeholder_the_complaint_cannot_fill_is_refused(self):
		for text in ("مرحبًا {name}", "مرحبًا {citizen_name", "{0}"):
			with self.subTest(text=text), self.assertRaises(UnknownPlaceholder):
				saved_reply(text_ar=text)
		self.assertRaises(UnknownPlaceholder, saved_reply, text_en="Hello {citizen}")

	def test_an_officer_uses_replies_on_their_units_complaints_only(self):
		reply = saved_reply().name
		outsider = make_user(roles=["Liaison Officer"]).name
		with self.set_user(outsider):
			self.assertRaises(frappe.PermissionError, use_reply, reply, self.complaint.name)
			self.assertRaises(frappe.PermissionError, replies_for, self.complaint.name, "response")
			new = frappe.get_doc({"doctype": "Saved Reply", "title": "x", "step": "Answer", "text_ar": "نص"})
			self.assertRaises(frappe.PermissionError, new.insert)
		officer = frappe.db.get_value("Liaison Officer", self.complaint.liaison_officer, "user")
		with self.set_user(officer):
			self.assertIn(reply, self.offered())
			self.assertTrue(use_reply(reply, self.complaint.name))
