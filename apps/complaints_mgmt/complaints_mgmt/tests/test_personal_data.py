"""National IDs encrypted at rest and shown masked; no copy of them or of mobiles in versions, error
logs, global search or notification texts (security/personal_data.py)."""

import json

import frappe
from frappe.client import get as client_get
from frappe.tests.utils import FrappeTestCase
from frappe.utils.password import decrypt

from complaints_mgmt.intake.national_id import InvalidNationalIDError, mask_national_id, national_id_hash
from complaints_mgmt.security.personal_data import (
	NationalIDNotShownError,
	mask_long_numbers,
	show_national_id,
	stored_national_id,
)
from complaints_mgmt.tests.utils import VALID_MOBILE, VALID_NATIONAL_ID, make_complaint, staff_user

OTHER_NATIONAL_ID = "28507230112345"
OTHER_MOBILE = "01198765432"


def stored_row(name: str) -> dict:
	return frappe.db.sql("select * from `tabComplaint` where name = %s", name, as_dict=True)[0]


class TestNationalIDAtRest(FrappeTestCase):
	def test_the_column_holds_the_masked_id_and_the_clear_id_only_encrypted(self):
		doc = make_complaint()
		row = stored_row(doc.name)

		self.assertEqual(row.national_id, mask_national_id(VALID_NATIONAL_ID))
		self.assertEqual(decrypt(row.national_id_encrypted), VALID_NATIONAL_ID)
		self.assertFalse([field for field, value in row.items() if VALID_NATIONAL_ID in str(value or "")])

	def test_the_keyed_hash_still_finds_the_complaint(self):
		doc = make_complaint()
		found = frappe.get_all(
			"Complaint", filters={"national_id_hash": national_id_hash(VALID_NATIONAL_ID)}, pluck="name"
		)
		self.assertIn(doc.name, found)

	def test_saving_without_changing_the_id_keeps_it(self):
		doc = make_complaint()
		doc.reload()
		doc.subject = "Changed subject"
		doc.save(ignore_permissions=True)

		self.assertEqual(stored_national_id(doc.name), VALID_NATIONAL_ID)
		self.assertEqual(stored_row(doc.name).national_id_hash, national_id_hash(VALID_NATIONAL_ID))

	def test_a_new_id_is_validated_and_encrypted_again(self):
		doc = make_complaint()
		doc.reload()
		doc.national_id = OTHER_NATIONAL_ID
		doc.save(ignore_permissions=True)

		self.assertEqual(stored_row(doc.name).national_id, mask_national_id(OTHER_NATIONAL_ID))
		self.assertEqual(stored_national_id(doc.name), OTHER_NATIONAL_ID)
		self.assertEqual(stored_row(doc.name).national_id_hash, national_id_hash(OTHER_NATIONAL_ID))

	def test_a_masked_value_that_is_not_the_stored_one_is_refused(self):
		doc = make_complaint()
		doc.reload()
		doc.national_id = "2*********9999"
		self.assertRaises(InvalidNationalIDError, doc.save, ignore_permissions=True)
		self.assertRaises(InvalidNationalIDError, make_complaint, national_id=doc.national_id)

	def test_an_anonymous_complaint_keeps_no_encrypted_id(self):
		doc = make_complaint(is_anonymous=1)
		self.assertIsNone(stored_row(doc.name).national_id_encrypted)


class TestWhoSeesTheNationalID(FrappeTestCase):
	def read_as(self, user: str, name: str) -> dict:
		frappe.set_user(user)
		try:
			return client_get("Complaint", name)
		finally:
			frappe.set_user("Administrator")

	def show_as(self, user: str, name: str) -> str:
		frappe.set_user(user)
		try:
			return show_national_id(name)
		finally:
			frappe.set_user("Administrator")

	def test_a_manager_reads_the_masked_id_and_cannot_show_it(self):
		doc = make_complaint()
		manager = staff_user("Complaints Manager")

		read = self.read_as(manager, doc.name)
		self.assertEqual(read["national_id"], mask_national_id(VALID_NATIONAL_ID))
		self.assertIsNone(read.get("national_id_encrypted"))
		self.assertRaises(NationalIDNotShownError, self.show_as, manager, doc.name)

	def test_a_call_center_agent_shows_the_id_and_the_timeline_says_so(self):
		doc = make_complaint()
		agent = staff_user("Call Center Agent")

		self.assertEqual(self.show_as(agent, doc.name), VALID_NATIONAL_ID)
		notes = frappe.get_all(
			"Comment",
			filters={"reference_doctype": "Complaint", "reference_name": doc.name, "comment_type": "Info"},
			pluck="content",
		)
		self.assertTrue([note for note in notes if agent in note])
		self.assertFalse([note for note in notes if VALID_NATIONAL_ID in note])

	def test_nobody_shows_the_id_of_a_complaint_they_cannot_read(self):
		doc = make_complaint()
		citizen = staff_user()  # no role on complaints at all
		self.assertRaises(frappe.PermissionError, self.show_as, citizen, doc.name)


class TestNoCopies(FrappeTestCase):
	def test_versions_hold_no_clear_id_mobile_hash_or_ciphertext(self):
		doc = make_complaint()
		doc.reload()
		doc.national_id = OTHER_NATIONAL_ID
		doc.mobile = OTHER_MOBILE
		doc.save(ignore_permissions=True, ignore_version=False)  # tests skip versions by default

		versions = frappe.get_all(
			"Version", filters={"ref_doctype": "Complaint", "docname": doc.name}, pluck="data"
		)
		self.assertTrue(versions)
		changed = {row[0]: row for data in versions for row in json.loads(data)["changed"]}
		self.assertIn("mobile", changed)
		self.assertNotIn("national_id_hash", changed)
		self.assertNotIn("national_id_encrypted", changed)
		text = "".join(versions)
		for secret in (VALID_NATIONAL_ID, OTHER_NATIONAL_ID, VALID_MOBILE, OTHER_MOBILE):
			self.assertNotIn(secret, text)
		self.assertNotIn(stored_row(doc.name).national_id_encrypted, text)

	def test_error_logs_mask_national_ids_and_mobiles(self):
		try:
			raise ValueError(f"bad complainant {VALID_NATIONAL_ID} / +2{VALID_MOBILE}")
		except ValueError:
			log = frappe.log_error(title="Complainant failed")
		stored = frappe.db.get_value("Error Log", log.name, "error")

		self.assertIn("bad complainant", stored)
		self.assertNotIn(VALID_NATIONAL_ID, stored)
		self.assertNotIn(VALID_MOBILE, stored)

	def test_masking_leaves_dates_times_and_short_numbers_alone(self):
		text = "at 2026-11-22 21:12:11.123456 line 42 in complaint 2026-000123"
		self.assertEqual(mask_long_numbers(text), text)

	def test_global_search_indexes_no_personal_field(self):
		fields = {df.fieldname for df in frappe.get_meta("Complaint").get_global_search_fields()}
		personal = {"complainant_name", "national_id", "national_id_encrypted", "mobile", "email", "address"}
		self.assertFalse(fields & personal)

	def test_notification_texts_carry_no_national_id_or_mobile(self):
		doc = make_complaint(email="mona@example.com")
		notifications = frappe.get_all(
			"Notification", filters={"document_type": "Complaint"}, fields=["name", "subject", "message"]
		)
		self.assertTrue(notifications)
		for notification in notifications:
			context = {
				"doc": doc,
				"alert": frappe.get_doc("Notification", notification.name),
				"comments": None,
			}
			for template in (notification.subject, notification.message):
				rendered = frappe.render_template(template or "", context)
				self.assertNotIn(VALID_NATIONAL_ID[-6:], rendered, notification.name)
				self.assertNotIn(VALID_MOBILE[-8:], rendered, notification.name)


class TestEncryptingStoredIDs(FrappeTestCase):
	"""The migration patch for complaints written before encryption (patches/v0_10/encrypt_national_ids)."""

	def test_one_update_per_batch_masks_and_encrypts_each_row(self):
		from complaints_mgmt.patches.v0_10.encrypt_national_ids import _store

		first, second = make_complaint(), make_complaint(national_id=OTHER_NATIONAL_ID)
		for name, clear in ((first.name, VALID_NATIONAL_ID), (second.name, OTHER_NATIONAL_ID)):
			frappe.db.sql(
				"update `tabComplaint` set national_id = %s, national_id_encrypted = null where name = %s",
				(clear, name),
			)
		_store(
			[
				frappe._dict(name=first.name, national_id=VALID_NATIONAL_ID),
				frappe._dict(name=second.name, national_id=OTHER_NATIONAL_ID),
			]
		)
		for name, clear in ((first.name, VALID_NATIONAL_ID), (second.name, OTHER_NATIONAL_ID)):
			row = stored_row(name)
			self.assertEqual(row.national_id, mask_national_id(clear))
			self.assertEqual(decrypt(row.national_id_encrypted), clear)


class TestDuplicatingInTheDesk(FrappeTestCase):
	def test_a_copy_asks_for_the_id_again_instead_of_carrying_the_masked_one(self):
		copy = frappe.copy_doc(make_complaint(), ignore_no_copy=False)  # as the desk's Duplicate does
		self.assertFalse(copy.national_id)
		self.assertFalse(copy.get("national_id_encrypted"))
		copy.national_id = VALID_NATIONAL_ID
		copy.insert(ignore_permissions=True)
		self.assertEqual(stored_national_id(copy.name), VALID_NATIONAL_ID)
