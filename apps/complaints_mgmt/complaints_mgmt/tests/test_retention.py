"""Closed complaints lose their personal data after the retention period (security/retention.py)."""

import json

import frappe
from frappe import _
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, now_datetime

from complaints_mgmt.lifecycle import states
from complaints_mgmt.security import retention
from complaints_mgmt.tests.utils import VALID_MOBILE, VALID_NATIONAL_ID, make_complaint, query_plan, timeline

DAYS = 30
OTHER_MOBILE = "01198765432"
PRIVATE_WORDS = "my late husband Ahmed and our three children"
REMOVED = "Personal data removed under the retention policy."


class RetentionTestCase(FrappeTestCase):
	def setUp(self):
		frappe.db.set_single_value("Complaints Settings", retention.PERIOD_FIELD, DAYS)

	def closed_complaint(self, days_ago: int, status: str = states.CLOSED):
		"""A complaint with a version, a typed comment and an SMS, closed `days_ago` days ago."""
		doc = make_complaint(description=PRIVATE_WORDS, email="mona@example.com", address="12 Nile Street")
		doc.reload()
		doc.mobile = OTHER_MOBILE
		doc.save(ignore_permissions=True, ignore_version=False)  # tests skip versions by default
		doc.add_comment("Comment", f"Called Mrs Mona about {PRIVATE_WORDS}")
		frappe.get_doc(
			{
				"doctype": "SMS Message",
				"mobile": OTHER_MOBILE,
				"message": "Your complaint was received",
				"reference_doctype": "Complaint",
				"reference_name": doc.name,
			}
		).insert(ignore_permissions=True)
		frappe.db.set_value(
			"Complaint", doc.name, {"status": status, "closed_on": add_days(now_datetime(), -days_ago)}
		)
		return doc

	def run_batch(self) -> list[str]:
		return retention.anonymise_batch(retention.retention_days(), limit=10_000)

	def versions(self, name: str) -> str:
		return "".join(
			frappe.get_all("Version", filters={"ref_doctype": "Complaint", "docname": name}, pluck="data")
		)


class TestAnonymisation(RetentionTestCase):
	def test_a_complaint_closed_before_the_period_loses_its_personal_data(self):
		doc = self.closed_complaint(DAYS + 1)
		self.run_batch()

		row = frappe.db.get_value("Complaint", doc.name, ["*"], as_dict=True)
		for field in retention.CLEARED_FIELDS:
			self.assertFalse(row[field], field)
		self.assertEqual(row.complainant_name, _("Anonymised"))
		self.assertEqual(row.subject, _("Anonymised"))
		self.assertEqual(row.anonymised, 1)
		self.assertTrue(row.anonymised_on)
		# what statistics need stays
		self.assertEqual(row.status, states.CLOSED)
		self.assertEqual((row.governorate, row.category), (doc.governorate, doc.category))

	def test_no_copy_stays_in_versions_comments_or_sms(self):
		doc = self.closed_complaint(DAYS + 1)
		self.assertIn(OTHER_MOBILE[-3:], self.versions(doc.name))
		self.assertIn("Mrs Mona", frappe.db.get_value("Complaint", doc.name, "_comments"))
		self.run_batch()

		versions = self.versions(doc.name)
		self.assertTrue(versions)
		comments = "".join(
			frappe.get_all(
				"Comment",
				filters={"reference_doctype": "Complaint", "reference_name": doc.name},
				pluck="content",
			)
		)
		sms = frappe.get_all(
			"SMS Message", filters={"reference_name": doc.name}, fields=["mobile", "message"]
		)
		cached = frappe.db.get_value("Complaint", doc.name, "_comments") or ""
		for text in (versions, comments, json.dumps(sms), cached):
			for secret in (VALID_NATIONAL_ID, VALID_MOBILE[-8:], OTHER_MOBILE[-8:], "Mona", PRIVATE_WORDS):
				self.assertNotIn(secret, text)
		self.assertEqual([s.mobile for s in sms], [None])
		self.assertNotIn('"mobile"', versions)

	def test_emails_on_the_timeline_lose_their_addresses_and_text(self):
		doc = self.closed_complaint(DAYS + 1)
		email = frappe.get_doc(
			{
				"doctype": "Communication",
				"communication_type": "Communication",
				"communication_medium": "Email",
				"sent_or_received": "Received",
				"subject": f"About {PRIVATE_WORDS}",
				"content": f"Please help, {PRIVATE_WORDS}. Mona, {OTHER_MOBILE}",
				"sender": "mona@example.com",
				"reference_doctype": "Complaint",
				"reference_name": doc.name,
			}
		).insert(ignore_permissions=True)
		self.run_batch()

		stored = frappe.db.get_value(
			"Communication",
			email.name,
			["subject", "content", "sender", "recipients", "phone_no"],
			as_dict=True,
		)
		self.assertEqual((stored.subject, stored.content), (_("Anonymised"), _("Anonymised")))
		self.assertFalse(stored.sender or stored.recipients or stored.phone_no)

	def test_the_timeline_says_the_data_was_removed_without_personal_data(self):
		doc = self.closed_complaint(DAYS + 1)
		self.run_batch()
		self.assertIn(_(REMOVED), timeline(doc.name))

	def test_attachments_are_deleted(self):
		doc = self.closed_complaint(DAYS + 1)
		file = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "id-card.txt",
				"content": b"national ID card scan",
				"is_private": 1,
				"attached_to_doctype": "Complaint",
				"attached_to_name": doc.name,
			}
		).insert(ignore_permissions=True)
		self.run_batch()
		self.assertFalse(frappe.db.exists("File", file.name))

	def test_a_rejected_complaint_is_anonymised_like_a_closed_one(self):
		doc = self.closed_complaint(DAYS + 1, status=states.REJECTED)
		self.run_batch()
		self.assertEqual(frappe.db.get_value("Complaint", doc.name, "anonymised"), 1)


class TestWhatIsKept(RetentionTestCase):
	def test_a_complaint_closed_within_the_period_is_kept(self):
		doc = self.closed_complaint(DAYS - 1)
		self.assertNotIn(doc.name, self.run_batch())
		self.assertEqual(frappe.db.get_value("Complaint", doc.name, "anonymised"), 0)
		self.assertTrue(frappe.db.get_value("Complaint", doc.name, "national_id_encrypted"))

	def test_an_open_complaint_is_never_touched(self):
		doc = self.closed_complaint(DAYS + 1, status=states.REOPENED)
		self.run_batch()
		self.assertFalse(retention.anonymise(doc.name))
		self.assertEqual(frappe.db.get_value("Complaint", doc.name, "complainant_name"), "Mona Ahmed")

	def test_a_period_of_zero_means_never(self):
		doc = self.closed_complaint(3650)
		frappe.db.set_single_value("Complaints Settings", retention.PERIOD_FIELD, 0)
		self.assertEqual(retention.retention_days(), 0)
		retention.run()
		self.assertEqual(frappe.db.get_value("Complaint", doc.name, "anonymised"), 0)

	def test_the_default_is_five_years_until_the_setting_is_saved(self):
		frappe.db.delete("Singles", {"doctype": "Complaints Settings", "field": retention.PERIOD_FIELD})
		self.assertEqual(retention.retention_days(), 1825)

	def test_anonymising_twice_changes_nothing_more(self):
		doc = self.closed_complaint(DAYS + 1)
		self.run_batch()
		self.assertNotIn(doc.name, self.run_batch())
		self.assertFalse(retention.anonymise(doc.name))
		notes = timeline(doc.name)
		self.assertEqual(notes.count(_(REMOVED)), 1)


class TestBatchQuery(FrappeTestCase):
	def test_the_batch_query_reads_the_retention_index(self):
		plan = query_plan(retention.due_complaints_query(now_datetime(), 500).get_sql())
		self.assertEqual(plan.key, "anonymised_status_closed_on_index")
		self.assertEqual(plan.type, "range")
