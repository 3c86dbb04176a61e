"""The citizen portal on the server: filing with the desk's validation, limits per client, tracking that
reveals nothing on a wrong combination, receipts, and a citizen's own complaints."""

import re
import time
from unittest.mock import patch
from urllib.parse import parse_qs, urlparse

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, now_datetime

from complaints_mgmt.api import portal
from complaints_mgmt.intake.national_id import validate_national_id
from complaints_mgmt.intake.tracking import format_tracking_number
from complaints_mgmt.lifecycle import states
from complaints_mgmt.messaging import sms
from complaints_mgmt.portal import citizen_actions, citizen_tracking, public_status, receipt
from complaints_mgmt.portal.attachments import checked_uploads
from complaints_mgmt.portal.citizen_filing import FilingError, file_complaint
from complaints_mgmt.portal.citizen_input import CitizenFieldError
from complaints_mgmt.security import one_time_code
from complaints_mgmt.security.client_limits import ClientLimitExceededError, client_address
from complaints_mgmt.setup.workflow import add_citizen_reply_transition
from complaints_mgmt.tests.utils import (
	VALID_NATIONAL_ID,
	ClientRequest,
	SmsGatewayServer,
	make_category,
	make_complaint,
	make_user,
	portal_values,
	reset_client_limits,
)

# The smallest valid PNG (1x1 pixel)
PNG = bytes.fromhex(
	"89504e470d0a1a0a0000000d4948445200000001000000010806000000"
	"1f15c4890000000d49444154789c6360000000000500010d0a2db40000000049454e44ae426082"
)
SETTINGS = "Citizen Portal Settings"


class PortalTestCase(FrappeTestCase):
	def setUp(self):
		reset_client_limits()
		self.addCleanup(frappe.set_user, "Administrator")

	def set_setting(self, field: str, value) -> None:
		previous = frappe.db.get_single_value(SETTINGS, field)
		frappe.db.set_single_value(SETTINGS, field, value)
		self.addCleanup(frappe.db.set_single_value, SETTINGS, field, previous)

	def file_as_guest(self, uploads=(), request_key=None, **fields) -> dict:
		frappe.set_user("Guest")
		try:
			return file_complaint(portal_values(**fields), list(uploads), request_key)
		finally:
			frappe.set_user("Administrator")

	def errors_of(self, **fields) -> dict:
		with self.assertRaises(FilingError) as caught:
			self.file_as_guest(**fields)
		return dict(caught.exception.errors)


class TestFiling(PortalTestCase):
	def test_guest_must_give_national_id_and_mobile(self):
		count = frappe.db.count("Complaint")
		errors = self.errors_of(national_id="", mobile="")
		self.assertEqual(set(errors), {"national_id", "mobile"})
		self.assertEqual(frappe.db.count("Complaint"), count)

	def test_every_missing_field_is_named_at_once(self):
		errors = self.errors_of(subject="", description="  ", category="", complainant_name="")
		self.assertEqual(set(errors), {"subject", "description", "category", "complainant_name"})

	def test_invalid_national_id_gets_the_desks_message_next_to_its_field(self):
		with self.assertRaises(frappe.ValidationError) as desk:
			validate_national_id("29013310112345", "EG")
		errors = self.errors_of(national_id="29013310112345")
		self.assertEqual(errors["national_id"], str(desk.exception))

	def test_invalid_mobile_is_reported_on_the_mobile_field(self):
		self.assertIn("mobile", self.errors_of(mobile="0131234567"))

	def test_group_or_inactive_categories_cannot_be_chosen(self):
		group = make_category(f"Portal Group {frappe.generate_hash(length=6)}", is_group=1).name
		inactive = make_category(f"Portal Old {frappe.generate_hash(length=6)}", is_active=0).name
		self.assertIn("category", self.errors_of(category=group))
		self.assertIn("category", self.errors_of(category=inactive))

	def test_the_governorate_of_births_abroad_is_no_place_to_choose(self):
		"""Code 88 of the national ID (born abroad) is a Governorate record, not a place."""
		from complaints_mgmt.complaints.web_form.file_a_complaint.file_a_complaint import governorate_choices

		abroad = frappe.db.get_value("Governorate", {"region": "Abroad"}) or (
			frappe.get_doc(
				{
					"doctype": "Governorate",
					"governorate_name": "Born Abroad",
					"code": "88",
					"region": "Abroad",
				}
			)
			.insert(ignore_permissions=True)
			.name
		)
		self.assertNotIn(abroad, [choice["value"] for choice in governorate_choices()])
		self.assertIn("governorate", self.errors_of(governorate=abroad))

	def test_a_wrong_birth_date_is_explained_without_a_format_code(self):
		errors = self.errors_of(national_id="29013310112345")
		self.assertNotIn("YYMMDD", errors["national_id"])
		self.assertIn("\u2066901331\u2069", errors["national_id"])  # the digits keep their order in Arabic

	def test_guest_filing_gets_tracking_number_and_a_receipt_link(self):
		result = self.file_as_guest()
		doc = frappe.get_doc("Complaint", result["name"])
		self.assertTrue(result["created"])
		self.assertEqual(doc.channel, "Web Portal")
		self.assertIsNone(doc.citizen_user)
		query = parse_qs(urlparse(result["receipt_url"]).query)
		self.assertEqual(query["name"], [doc.name])
		self.assertTrue(receipt.token_is_valid(doc.name, query["token"][0]))
		self.assertFalse(receipt.token_is_valid(make_complaint().name, query["token"][0]))

	def test_a_guest_cannot_set_what_staff_decide(self):
		"""Whatever the way in (here a direct insert, as Frappe's web form endpoint does)."""
		frappe.set_user("Guest")
		doc = frappe.get_doc(
			{
				"doctype": "Complaint",
				**portal_values(),
				"channel": "Central Government System",
				"status": states.CLOSED,
				"response": "Solved already",
				"citizen_user": "Administrator",
				"priority": "Urgent",
				"external_reference": "CENTRAL-TAKEN-BY-A-GUEST",
			}
		).insert(ignore_permissions=True)
		frappe.set_user("Administrator")
		doc.reload()
		self.assertEqual(doc.channel, "Web Portal")
		self.assertNotEqual(doc.status, states.CLOSED)
		self.assertIsNone(doc.response)
		self.assertIsNone(doc.citizen_user)
		self.assertEqual(doc.priority, "Medium")
		# the central system's reference is unique: a citizen must not take one before it arrives
		self.assertIsNone(doc.external_reference)

	def test_frappes_generic_web_form_endpoint_is_not_a_way_in(self):
		from frappe.website.doctype.web_form.web_form import accept

		count = frappe.db.count("Complaint")
		self.addCleanup(setattr, frappe.flags, "in_web_form", False)
		frappe.set_user("Guest")
		with self.assertRaises(CitizenFieldError):
			accept("file-a-complaint", frappe.as_json(portal_values()))
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.count("Complaint"), count)

	def test_a_retry_with_the_same_request_key_files_once(self):
		key = frappe.generate_hash()
		first = self.file_as_guest(request_key=key)
		second = self.file_as_guest(request_key=key, subject="Sent again")
		self.assertEqual(second["name"], first["name"])
		self.assertFalse(second["created"])
		self.assertEqual(
			frappe.db.get_value("Complaint", first["name"], "subject"), portal_values()["subject"]
		)

	def test_attachments_are_stored_private_with_their_real_type(self):
		uploads = checked_uploads([("photo of my card.jpeg", PNG)])
		result = self.file_as_guest(uploads=uploads)
		files = frappe.get_all(
			"File",
			filters={"attached_to_doctype": "Complaint", "attached_to_name": result["name"]},
			fields=["file_name", "is_private"],
		)
		self.assertEqual([(f.file_name, f.is_private) for f in files], [("photo of my card.png", 1)])

	def test_a_file_that_is_not_a_photo_pdf_or_video_is_refused(self):
		with self.assertRaises(frappe.ValidationError) as caught:
			checked_uploads([("invoice.pdf", b"#!/bin/sh\necho not a pdf\n")])
		self.assertIn("invoice.pdf", str(caught.exception))

	def test_files_over_the_size_limit_are_refused(self):
		self.set_setting("max_file_mb", 1)
		big_png = PNG + b"\0" * (1024 * 1024)
		with self.assertRaises(frappe.ValidationError):
			checked_uploads([("big.png", big_png)])

	def test_more_files_than_allowed_are_refused(self):
		self.set_setting("max_attachments", 1)
		with self.assertRaises(frappe.ValidationError):
			checked_uploads([("a.png", PNG), ("b.png", PNG)])

	def test_the_receipt_sms_reaches_the_gateway_in_the_citizens_language(self):
		gateway = SmsGatewayServer().start()
		self.addCleanup(gateway.stop)
		gateway.configure()
		frappe.local.lang = "ar"
		self.addCleanup(setattr, frappe.local, "lang", "en")
		result = self.file_as_guest()
		self.assertTrue(result["sms_sent"])
		self.assertEqual(gateway.received, [])  # the sending job runs after the commit
		sms.send_waiting(set(), limit=10**4)
		[receipt] = [message for message in gateway.received if result["name"] in message["text"]]
		self.assertEqual(receipt["to"], "+201012345678")
		self.assertIn("رقم المتابعة", receipt["text"])
		[logged] = frappe.get_all(
			"SMS Message", filters={"reference_name": result["name"]}, fields=["status", "mobile"]
		)
		self.assertEqual((logged.status, logged.mobile), ("Sent", "+201012345678"))

	def test_numbers_in_the_portals_arabic_sms_keep_their_order(self):
		"""The tracking number, the code and the minutes are marked left to right inside the Arabic text;
		the minutes are not followed by a noun that agrees with some numbers only ("10 دقيقة")."""
		from complaints_mgmt.portal import citizen_sms

		frappe.local.lang = "ar"
		self.addCleanup(setattr, frappe.local, "lang", "en")
		text = citizen_sms.code_message("2026-0000374-8", "123456", 10)
		for value in ("2026-0000374-8", "123456"):
			self.assertIn(f"\u200e{value}\u200e", text)
		self.assertIn("\u200e10\u200e دقائق", text)
		self.assertNotIn("دقيقة", portal.send_tracking_code("2099-0000001-6"))

	def test_the_code_sms_names_its_minutes_with_the_word_their_number_takes(self):
		"""Arabic counts 10 "دقائق" but 15 "دقيقة" and 2 "دقيقتان"; the shipped text had "{minutes} دقيقة"."""
		from complaints_mgmt.portal import citizen_sms

		frappe.local.lang = "ar"
		self.addCleanup(setattr, frappe.local, "lang", "en")
		for minutes, words in ((10, "\u200e10\u200e دقائق"), (15, "\u200e15\u200e دقيقة"), (2, "دقيقتان")):
			self.assertIn(
				f"صالح لمدة {words}.", citizen_sms.code_message("2026-0000374-8", "123456", minutes)
			)
		frappe.local.lang = "en"
		self.assertIn(
			"valid for \u200e10\u200e minutes.", citizen_sms.code_message("2026-0000374-8", "1", 10)
		)

	def test_a_site_holding_the_old_code_sms_gets_the_new_one_and_an_administrators_text_stays(self):
		from complaints_mgmt.patches.v0_14 import code_sms_counts_minutes as patch

		settings = "Citizen Portal Settings"
		new_default = frappe.get_meta(settings).get_field("code_sms").default
		self.assertIn("{validity}", new_default)
		frappe.db.set_single_value(settings, "code_sms", patch.OLD_DEFAULT)
		patch.execute()
		self.assertEqual(frappe.db.get_single_value(settings, "code_sms"), new_default)
		own = "رمزك {code} صالح {minutes} دقيقة"
		frappe.db.set_single_value(settings, "code_sms", own)
		patch.execute()
		self.assertEqual(frappe.db.get_single_value(settings, "code_sms"), own)
		frappe.db.set_single_value(settings, "code_sms", new_default)

	def test_receipt_renders_as_pdf_with_the_tracking_number(self):
		import io

		from pypdf import PdfReader

		name = self.file_as_guest()["name"]
		pdf = receipt.render_receipt_pdf(name)
		self.assertTrue(pdf.startswith(b"%PDF"))
		self.assertIn(name, PdfReader(io.BytesIO(pdf)).pages[0].extract_text())


class TestClientLimits(PortalTestCase):
	def test_forwarded_for_counts_only_from_a_trusted_proxy(self):
		with ClientRequest(peer="198.51.100.7", forwarded_for="203.0.113.5"):
			self.assertEqual(client_address(), "198.51.100.7")
		with ClientRequest(peer="127.0.0.1", forwarded_for="1.2.3.4, 203.0.113.5"):
			self.assertEqual(client_address(), "203.0.113.5")  # nginx appended the client it saw

	def test_lookups_are_limited_per_client_not_for_the_whole_site(self):
		self.set_setting("lookups_per_hour", 2)
		a, b = "203.0.113.21", "203.0.113.22"
		for address in (a, b):
			reset_client_limits(address)
			self.addCleanup(reset_client_limits, address)
		with ClientRequest(forwarded_for=a):
			portal.track("2026-0000001-1", "1")
			portal.track("2026-0000001-1", "1")
			with self.assertRaises(ClientLimitExceededError):
				portal.track("2026-0000001-1", "1")
		with ClientRequest(forwarded_for=b):
			answer = portal.track("2026-0000001-1", "1")
		self.assertFalse(answer["ok"])  # refused as a wrong combination, not by the limit

	def test_filing_counts_against_the_clients_hourly_limit(self):
		self.set_setting("submissions_per_hour", 1)
		address = "203.0.113.31"
		reset_client_limits(address)
		self.addCleanup(reset_client_limits, address)
		with ClientRequest(forwarded_for=address):
			self.file_as_guest()
			with self.assertRaises(FilingError) as caught:
				self.file_as_guest()
		self.assertEqual(caught.exception.http_status_code, 429)


class TestTrackingSecrecy(PortalTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.complaint = make_complaint()
		cls.unknown = format_tracking_number(2099, 9999999)  # valid, and never issued

	def track(self, tracking_number, national_id=None, code=None) -> tuple[dict, int, float]:
		frappe.local.response = frappe._dict()
		started = time.monotonic()
		answer = portal.track(tracking_number, national_id, code)
		return answer, frappe.local.response.get("http_status_code"), time.monotonic() - started

	def test_the_right_national_id_shows_status_history_and_answer(self):
		frappe.db.set_value(
			"Complaint", self.complaint.name, {"status": states.CLOSED, "response": "Paid on the 5th."}
		)
		arabic_digits = VALID_NATIONAL_ID.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
		answer, _status, _took = self.track(self.complaint.name, arabic_digits)
		self.assertTrue(answer["ok"])
		self.assertIn(self.complaint.name, answer["html"])
		self.assertIn("Paid on the 5th.", answer["html"])
		self.assertIn("status-history", answer["html"])

	def test_a_wrong_national_id_and_an_unknown_number_get_the_same_answer(self):
		wrong_id = self.track(self.complaint.name, "29001010112399")
		unknown = self.track(self.unknown, VALID_NATIONAL_ID)
		invalid_id = self.track(self.complaint.name, "not an id")
		self.assertEqual(wrong_id[:2], unknown[:2])
		self.assertEqual(wrong_id[:2], invalid_id[:2])
		self.assertEqual(wrong_id[1], 404)
		self.assertEqual(wrong_id[0]["errors"][0]["field"], None)

	def test_an_anonymous_complaint_is_not_found_by_national_id(self):
		anonymous = make_complaint(is_anonymous=1)
		answer, status, _took = self.track(anonymous.name, VALID_NATIONAL_ID)
		self.assertEqual((answer["ok"], status), (False, 404))

	def test_failed_lookups_take_the_same_time_whether_the_number_exists_or_not(self):
		existing = [self.track(self.complaint.name, "29001010112399")[2] for _i in range(3)]
		unknown = [self.track(self.unknown, VALID_NATIONAL_ID)[2] for _i in range(3)]
		for took in existing + unknown:
			self.assertGreaterEqual(took, citizen_tracking.FAILURE_FLOOR_SECONDS)
		self.assertLess(abs(sum(existing) / 3 - sum(unknown) / 3), 0.05)

	def test_a_one_time_code_by_sms_works_once(self):
		gateway = SmsGatewayServer().start()
		self.addCleanup(gateway.stop)
		gateway.configure()
		sent = portal.send_tracking_code(self.complaint.name)
		not_sent = portal.send_tracking_code(self.unknown)
		self.assertEqual(sent, not_sent)  # the same answer whether a code went out or not
		self.assertEqual(len(gateway.received), 1)
		code = re.search(r"(?<![\d-])\d{6}(?![\d-])", gateway.received[0]["text"]).group()
		self.assertFalse(
			self.track(self.complaint.name, code="000000" if code != "000000" else "111111")[0]["ok"]
		)
		self.assertTrue(self.track(self.complaint.name, code=code)[0]["ok"])
		self.assertFalse(self.track(self.complaint.name, code=code)[0]["ok"])

	def test_codes_for_one_number_are_limited_whoever_asks(self):
		self.set_setting("codes_per_hour", 2)
		subject = frappe.generate_hash(length=8)
		self.assertEqual([one_time_code.may_send("track", subject) for _i in range(3)], [True, True, False])


class TestCitizensOwnComplaints(PortalTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		# Fixed accounts: Frappe throttles creating many users in an hour, and these are reused.
		cls.citizen_a, cls.citizen_b = (
			make_user(f"portal-citizen-{x}@test.complaints.local", ["Citizen"], "Website User").name
			for x in ("a", "b")
		)

	def file_as(self, user: str) -> str:
		frappe.set_user(user)
		try:
			return file_complaint(portal_values(national_id="", mobile=""), [])["name"]
		finally:
			frappe.set_user("Administrator")

	def close(self, name: str, days_ago: int = 1) -> None:
		frappe.db.set_value(
			"Complaint",
			name,
			{"status": states.CLOSED, "response": "Paid.", "closed_on": add_days(now_datetime(), -days_ago)},
		)

	def test_a_citizen_answers_a_request_for_information_and_it_goes_back_to_the_officer(self):
		add_citizen_reply_transition()  # what the v0_13 patch does on sites made before it
		name = self.file_as(self.citizen_a)
		frappe.db.set_value(
			"Complaint", name, {"status": states.AWAITING_CITIZEN, "information_request": "Your file number?"}
		)
		frappe.set_user(self.citizen_a)
		self.assertTrue(citizen_actions.available_actions(frappe.get_doc("Complaint", name))["can_reply"])
		self.assertEqual(public_status.citizen_view(name)["question"], "Your file number?")
		with self.assertRaises(citizen_actions.CitizenActionError):
			citizen_actions.reply(name, "   ")
		citizen_actions.reply(name, "My file number at the unit is 4411.")
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Complaint", name, "status"), states.IN_PROGRESS)
		self.assertIsNone(public_status.citizen_view(name)["question"])  # answered: not shown as asked
		comments = frappe.get_all(
			"Comment", filters={"reference_name": name, "comment_type": "Comment"}, pluck="content"
		)
		self.assertTrue(any("4411" in comment for comment in comments), comments)
		frappe.set_user(self.citizen_a)
		with self.assertRaises(citizen_actions.CitizenActionError):  # nothing is asked any more
			citizen_actions.reply(name, "Again")

	def test_the_reply_transition_is_added_once(self):
		add_citizen_reply_transition()
		add_citizen_reply_transition()
		workflow = frappe.get_doc("Workflow", {"document_type": "Complaint"})
		replies = [
			t for t in workflow.transitions if t.state == states.AWAITING_CITIZEN and t.allowed == "Citizen"
		]
		self.assertEqual(len(replies), 1)

	def test_the_citizen_sees_what_internal_states_mean_and_the_answer_once_given(self):
		name = self.file_as(self.citizen_a)
		frappe.db.set_value(
			"Complaint", name, {"status": states.UNDER_REVIEW, "response": "Paid on the 5th."}
		)
		view = public_status.citizen_view(name)
		self.assertEqual(view["status_label"], "Answered, answer under review")
		self.assertTrue(view["status_hint"])
		self.assertEqual(view["answer"], "Paid on the 5th.")
		frappe.db.set_value("Complaint", name, "status", states.RETURNED)
		view = public_status.citizen_view(name)
		self.assertEqual(view["status_label"], "Answer being completed")
		self.assertIsNone(view["answer"])  # being redone

	def test_a_citizen_lists_and_opens_only_their_own_complaints(self):
		mine, theirs = self.file_as(self.citizen_a), self.file_as(self.citizen_b)
		frappe.set_user(self.citizen_a)
		listed = [row.name for row in citizen_actions.my_complaints()]
		self.assertIn(mine, listed)
		self.assertNotIn(theirs, listed)
		self.assertFalse(frappe.has_permission("Complaint", "read", doc=theirs))
		with self.assertRaises(frappe.DoesNotExistError):
			citizen_actions.get_own_complaint(theirs)

	def test_the_answer_is_rated_only_after_closure(self):
		name = self.file_as(self.citizen_a)
		frappe.set_user(self.citizen_a)
		with self.assertRaises(citizen_actions.CitizenActionError):
			citizen_actions.rate(name, 4)
		frappe.set_user("Administrator")
		self.close(name)
		frappe.set_user(self.citizen_a)
		citizen_actions.rate(name, 4, "Quick and clear")
		self.assertEqual(frappe.db.get_value("Complaint", name, "satisfaction_rating"), 0.8)

	def test_a_rating_without_valid_stars_gets_the_forms_error_not_a_crash(self):
		name = self.file_as(self.citizen_a)
		self.close(name)
		frappe.set_user(self.citizen_a)
		answers = []
		for stars in ({"stars": 0}, {"stars": "9"}, {}, {"stars": ""}, {"stars": "abc"}, {"stars": "3.5"}):
			frappe.local.response = frappe._dict()
			with patch.object(frappe.db, "rollback"):  # keep the test's records
				answers.append(portal.rate(name=name, **stars))
			self.assertEqual(frappe.local.response.get("http_status_code"), 422, stars)
		self.assertFalse(answers[0]["ok"])
		self.assertEqual(answers, [answers[0]] * len(answers))  # the translated "choose 1 to 5 stars"
		frappe.local.response = frappe._dict()
		self.assertTrue(portal.rate(name=name, stars="٣")["ok"])  # Arabic-Indic digit
		self.assertEqual(frappe.db.get_value("Complaint", name, "satisfaction_rating"), 0.6)

	def test_a_citizen_cannot_rate_someone_elses_complaint(self):
		name = self.file_as(self.citizen_b)
		self.close(name)
		frappe.set_user(self.citizen_a)
		with self.assertRaises(frappe.DoesNotExistError):
			citizen_actions.rate(name, 1)

	def test_a_citizen_appeals_their_closed_complaint(self):
		name = self.file_as(self.citizen_a)
		self.close(name)
		frappe.set_user(self.citizen_a)
		self.assertTrue(citizen_actions.available_actions(frappe.get_doc("Complaint", name))["can_appeal"])
		appeal = citizen_actions.appeal(name, "The payment is still missing.")
		self.assertEqual(appeal.citizen_user, self.citizen_a)
		self.assertFalse(citizen_actions.available_actions(frappe.get_doc("Complaint", name))["can_appeal"])

	def test_reopening_is_offered_only_within_the_allowed_days(self):
		days = frappe.db.get_single_value("Complaints Settings", "citizen_reopen_days")
		recent, old = self.file_as(self.citizen_a), self.file_as(self.citizen_a)
		self.close(recent, days_ago=1)
		self.close(old, days_ago=days + 1)
		frappe.set_user(self.citizen_a)
		self.assertTrue(citizen_actions.available_actions(frappe.get_doc("Complaint", recent))["can_reopen"])
		self.assertFalse(citizen_actions.available_actions(frappe.get_doc("Complaint", old))["can_reopen"])

	def test_a_citizen_reopens_their_closed_complaint_with_a_reason(self):
		name = self.file_as(self.citizen_a)
		self.close(name)
		frappe.set_user(self.citizen_a)
		with self.assertRaises(citizen_actions.CitizenActionError):
			citizen_actions.reopen(name, " ")
		citizen_actions.reopen(name, "The money never arrived.")
		frappe.set_user("Administrator")
		self.assertEqual(frappe.db.get_value("Complaint", name, "status"), states.REOPENED)
		comments = frappe.get_all(
			"Comment", filters={"reference_name": name, "comment_type": "Comment"}, pluck="content"
		)
		self.assertTrue(any("The money never arrived." in c for c in comments))

	def test_proof_on_the_tracking_page_adds_a_guest_complaint_to_the_account(self):
		name = self.file_as_guest()["name"]
		frappe.set_user(self.citizen_a)
		with self.assertRaises(frappe.DoesNotExistError):
			citizen_actions.claim(name, "1.forged")
		citizen_actions.claim(name, citizen_actions.proof_token(name))
		self.assertEqual(frappe.db.get_value("Complaint", name, "citizen_user"), self.citizen_a)
		frappe.set_user(self.citizen_b)
		with self.assertRaises(citizen_actions.CitizenActionError):
			citizen_actions.claim(name, citizen_actions.proof_token(name))


class TestPageLanguage(PortalTestCase):
	def test_website_pages_take_the_portal_language_not_the_desk_rest_or_files(self):
		from complaints_mgmt.portal.portal_page import _is_page_request

		for path in ("/", "/login", "/me", "/statistics", "/apps", "/update-password"):
			self.assertTrue(_is_page_request(path), path)
		for path in ("/app", "/app/complaint", "/api/method/ping", "/assets/x.css", "/files/a.png"):
			self.assertFalse(_is_page_request(path), path)
		frappe.set_user("Guest")
		self.assertTrue(_is_page_request("/api/method/login"))  # the login form's messages
