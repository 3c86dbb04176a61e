"""Settings the code would silently ignore, clamp or send broken are refused on save, with a message
that names the field and says what is allowed; the values shipped (and the usual edits) save."""

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import cast

from complaints_mgmt.portal import attachments
from complaints_mgmt.security.client_limits import check_client_limit
from complaints_mgmt.service_levels.escalation import HEADQUARTERS, HEADQUARTERS_ROLE, EscalationLevelError
from complaints_mgmt.setup.service_levels import DEFAULT_LEVELS
from complaints_mgmt.tests.utils import ClientRequest, forget_cached_settings, reset_client_limits

PORTAL = "Citizen Portal Settings"
COMPLAINTS = "Complaints Settings"
TITLE = "Invalid Setting"


class SettingsTestCase(FrappeTestCase):
	def setUp(self):
		previous = frappe.local.lang
		frappe.local.lang = "en"  # the messages are compared in English
		self.addCleanup(setattr, frappe.local, "lang", previous)
		forget_cached_settings()
		self.addCleanup(forget_cached_settings)

	def saved(self, doctype: str, **values):
		doc = frappe.get_single(doctype)
		doc.update(values)
		doc.save(ignore_permissions=True)
		return doc

	def assertStored(self, doctype: str, **values):
		"""The record holds `values` in the database (saved as given: neither refused nor changed)."""
		stored = {field: frappe.db.get_single_value(doctype, field, cache=False) for field in values}
		self.assertEqual(stored, values)

	def assertRefused(self, doctype: str, *expected: str, exc=frappe.ValidationError, **values):
		"""Saving `values` is refused with a message containing each of `expected`; nothing is stored."""
		before = {field: frappe.db.get_single_value(doctype, field, cache=False) for field in values}
		doc = frappe.get_single(doctype)
		doc.update(values)
		frappe.local.message_log = []
		with self.assertRaises(exc) as caught:
			doc.save(ignore_permissions=True)
		message = str(caught.exception)
		for text in expected:
			self.assertIn(text, message)
		self.assertEqual(frappe.local.message_log[-1].get("title"), TITLE)
		after = {field: frappe.db.get_single_value(doctype, field, cache=False) for field in values}
		self.assertEqual(after, before)
		return message


def shipped_defaults(doctype: str) -> dict:
	return {
		df.fieldname: cast(df.fieldtype, df.default)
		for df in frappe.get_meta(doctype).fields
		if df.default is not None and df.default != ""
	}


class TestPortalSettingsValidation(SettingsTestCase):
	def test_the_shipped_defaults_save(self):
		doc = self.saved(PORTAL, **shipped_defaults(PORTAL))
		self.assertEqual(doc.challenge_bits, 15)

	def test_a_code_sms_without_the_code_is_refused(self):
		self.assertRefused(
			PORTAL,
			"One-Time Code SMS",
			"{code}",
			code_sms="Your code for complaint {tracking_number} is valid for {minutes} minutes.",
		)

	def test_a_receipt_sms_without_the_tracking_number_is_refused(self):
		self.assertRefused(
			PORTAL, "Receipt SMS", "{tracking_number}", receipt_sms="Your complaint has been registered."
		)

	def test_a_placeholder_that_is_never_filled_is_refused(self):
		message = self.assertRefused(
			PORTAL, "Receipt SMS", "{code}", receipt_sms="Complaint {tracking_number}, code {code}."
		)
		self.assertIn("{tracking_number}", message)  # what it may contain
		self.assertRefused(
			PORTAL,
			"One-Time Code SMS",
			"{name}",
			"{tracking_number}, {code}, {validity}, {minutes}",
			code_sms="Dear {name}, your code is {code}.",
		)
		self.assertRefused(PORTAL, "{ code }", code_sms="Your code is { code }.")

	def test_texts_with_the_placeholders_filled_save(self):
		doc = self.saved(
			PORTAL,
			code_sms="رمزك {code}",
			receipt_sms="شكواك رقم {tracking_number}",
		)
		self.assertEqual(doc.code_sms, "رمزك {code}")
		self.saved(PORTAL, code_sms="{code} ({tracking_number}, {minutes})")

	def test_a_challenge_difficulty_outside_1_to_24_is_refused(self):
		for bits in (0, 25, 99):
			with self.subTest(bits=bits):
				self.assertRefused(
					PORTAL,
					"Challenge Difficulty (Bits) must be from 1 to 24.",
					challenge_enabled=1,
					challenge_bits=bits,
				)
		for bits in (1, 24):
			self.assertEqual(
				self.saved(PORTAL, challenge_enabled=1, challenge_bits=bits).challenge_bits, bits
			)

	def test_the_difficulty_is_not_checked_while_the_challenge_is_off(self):
		self.saved(PORTAL, challenge_enabled=0, challenge_bits=99)
		self.assertStored(PORTAL, challenge_enabled=0, challenge_bits=99)

	def test_a_host_name_with_a_scheme_port_or_path_is_refused(self):
		for entry in (
			"http://evil.com:80/x",
			"evil.com:80",
			"evil.com/x",
			"user@evil.com",
			"*.example.gov",
			"[::1]:8000",
			"[not-an-address]",
		):
			with self.subTest(entry=entry):
				self.assertRefused(
					PORTAL,
					"Other Allowed Host Names",
					"is not a host name",
					check_host_name=1,
					allowed_host_names=f"complaints.example.gov\n{entry}",
				)

	def test_plain_host_names_save(self):
		listed = (
			"complaints.example.gov\nWWW.Example.Gov.\n\n127.0.0.1\n[::1]\nportal-2.example.gov, intranet"
		)
		self.assertEqual(
			self.saved(PORTAL, check_host_name=1, allowed_host_names=listed).allowed_host_names, listed
		)
		self.saved(PORTAL, check_host_name=1, allowed_host_names="")

	def test_zero_where_the_code_would_use_one_is_refused(self):
		for fieldname, label in (
			("code_valid_minutes", "Minutes a One-Time Code Stays Valid"),
			("code_max_attempts", "Wrong Entries Before a Code Is Void"),
			("receipt_link_minutes", "Minutes a Receipt Link Stays Valid"),
			("max_file_mb", "Largest Photo or PDF (MB)"),
			("max_video_mb", "Largest Video (MB)"),
		):
			with self.subTest(fieldname=fieldname):
				self.assertRefused(PORTAL, f"{label} must be 1 or more.", **{fieldname: 0})

	def test_zero_limits_and_no_attachments_save(self):
		# 0 per hour: no limit; 0 attachments: citizens attach no files
		limits = {"submissions_per_hour": 0, "lookups_per_hour": 0, "codes_per_hour": 0}
		self.saved(PORTAL, max_attachments=0, **limits)
		self.assertStored(PORTAL, max_attachments=0, **limits)
		with ClientRequest(peer="198.51.100.25"):
			self.addCleanup(reset_client_limits, "198.51.100.25")
			for action, field in zip(("file", "track", "code"), limits, strict=True):
				for _n in range(3):
					check_client_limit(action, field)  # never ClientLimitExceededError
		self.assertEqual(attachments.max_attachments(), 0)
		self.assertEqual(attachments.checked_uploads([]), [])
		with self.assertRaises(attachments.AttachmentError):
			attachments.checked_uploads([("receipt.pdf", b"%PDF-1.4\n%%EOF\n")])
		self.saved(PORTAL, code_valid_minutes=1, code_max_attempts=1, receipt_link_minutes=1)
		self.assertStored(PORTAL, code_valid_minutes=1, code_max_attempts=1, receipt_link_minutes=1)


class TestComplaintsSettingsValidation(SettingsTestCase):
	def levels(self, *levels):
		return [
			{
				"level": level,
				"timing": timing,
				"hours": hours,
				"notify": notify,
				"notify_role": HEADQUARTERS_ROLE if notify == HEADQUARTERS else None,
			}
			for level, timing, hours, notify in levels
		]

	def test_a_headquarters_level_that_names_nobody_is_refused(self):
		doc = frappe.get_single(COMPLAINTS)
		doc.set("escalation_levels", self.levels((1, "After the Deadline", 0, HEADQUARTERS)))
		doc.escalation_levels[0].notify_role = None
		with self.assertRaises(EscalationLevelError) as refused:
			doc.save(ignore_permissions=True)
		self.assertIn("names no role, user or email", str(refused.exception))
		doc = frappe.get_single(COMPLAINTS)
		doc.set("escalation_levels", self.levels((1, "After the Deadline", 0, HEADQUARTERS)))
		doc.escalation_levels[0].notify_role = None
		doc.escalation_levels[0].notify_email = "complaints-hq@example.gov"
		doc.save(ignore_permissions=True)
		self.assertEqual(
			frappe.get_single(COMPLAINTS).escalation_levels[0].notify_email,
			doc.escalation_levels[0].notify_email,
		)

	def test_the_shipped_levels_and_defaults_save(self):
		values = {
			field: value
			for field, value in shipped_defaults(COMPLAINTS).items()
			if field not in ("working_calendar", "triage_directorate")
		}
		doc = self.saved(COMPLAINTS, escalation_levels=self.levels(*DEFAULT_LEVELS), **values)
		self.assertEqual([row.level for row in doc.escalation_levels], [1, 2, 3])

	def test_level_zero_is_refused(self):
		self.assertRefused(
			COMPLAINTS,
			"Row 2 of Escalation Levels: Level must be 1 or more.",
			exc=EscalationLevelError,
			escalation_levels=self.levels(
				(1, "Before the Deadline", 24, "Liaison Officer"),
				(0, "After the Deadline", 0, "Directorate Head"),
			),
		)

	def test_a_negative_level_is_refused(self):
		doc = frappe.get_single(COMPLAINTS)
		doc.set("escalation_levels", self.levels((-1, "After the Deadline", 0, "Directorate Head")))
		self.assertRaises(frappe.ValidationError, doc.save, ignore_permissions=True)

	def test_a_level_number_listed_twice_is_refused(self):
		doc = frappe.get_single(COMPLAINTS)
		doc.set(
			"escalation_levels",
			self.levels(
				(1, "Before the Deadline", 24, "Liaison Officer"),
				(1, "After the Deadline", 0, "Directorate Head"),
			),
		)
		self.assertRaises(EscalationLevelError, doc.save, ignore_permissions=True)

	def test_zero_days_and_sms_values_save(self):
		# 0 days: no reopening by the complainant, no appeal, an appeal due the same day; 0 for the SMS
		# values and the batch size: the code's own default
		zeros = dict.fromkeys(
			(
				"citizen_reopen_days",
				"appeal_days",
				"appeal_decision_days",
				"escalation_batch_size",
				"sms_timeout_seconds",
				"sms_max_attempts",
				"sms_retry_minutes",
			),
			0,
		)
		self.saved(COMPLAINTS, **zeros)
		self.assertStored(COMPLAINTS, **zeros)
