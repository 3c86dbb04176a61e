"""The default notifications' subjects speak one language, the reader's, and keep the tracking number in
order inside Arabic (setup/notifications.py); sites made before keep an edited text and get the new one
where they still had the app's (patches/v0_13/notifications_in_one_language.py)."""

import re

import frappe
from frappe.tests.utils import FrappeTestCase

from complaints_mgmt.patches.v0_13 import notifications_in_one_language as patch
from complaints_mgmt.setup.notifications import DEFAULT_NOTIFICATIONS
from complaints_mgmt.tests.utils import site_language

EMAILS = [definition for definition in DEFAULT_NOTIFICATIONS if definition["channel"] == "Email"]
ARABIC = re.compile(r"[\u0600-\u06ff]")
LATIN = re.compile(r"[A-Za-z]")
TRACKING = "2026-0000374-8"


def subject_of(definition: dict, language: str) -> str:
	doc = frappe._dict(
		doctype=definition["document_type"],
		name=TRACKING,
		complaint=TRACKING,
		language=language,
		level=2,
		due_on=1,
		escalated_on=2,
	)
	return frappe.render_template(definition["subject"], {"doc": doc})


class TestNotificationLanguage(FrappeTestCase):
	def test_subjects_fit_their_field(self):
		for definition in EMAILS:
			self.assertLessEqual(len(definition["subject"]), 140, definition["name"])

	def test_arabic_subjects_have_no_english_and_isolate_the_tracking_number(self):
		with site_language("ar"):
			for definition in EMAILS:
				if definition["document_type"] == "Appeal":
					continue  # its language is its complaint's: below
				subject = subject_of(definition, "ar")
				self.assertFalse(LATIN.search(subject.replace(TRACKING, "")), subject)
				self.assertIn(f"\u2068{TRACKING}\u2069", subject)

	def test_english_subjects_have_no_arabic(self):
		with site_language("en"):
			for definition in EMAILS:
				if definition["document_type"] == "Appeal":
					continue
				subject = subject_of(definition, "en")
				self.assertFalse(ARABIC.search(subject), subject)

	def test_the_patch_replaces_the_old_subjects_but_not_an_edited_one(self):
		frappe.db.set_value(
			"Notification",
			"New Complaint: Liaison Officer",
			"subject",
			patch.OLD_SUBJECTS["New Complaint: Liaison Officer"],
		)
		frappe.db.set_value(
			"Notification", "Complaint Closed: Citizen Email", "subject", "Edited: {{ doc.name }}"
		)
		patch.execute()
		new = next(d for d in EMAILS if d["name"] == "New Complaint: Liaison Officer")["subject"]
		self.assertEqual(
			frappe.db.get_value("Notification", "New Complaint: Liaison Officer", "subject"), new
		)
		self.assertEqual(
			frappe.db.get_value("Notification", "Complaint Closed: Citizen Email", "subject"),
			"Edited: {{ doc.name }}",
		)
