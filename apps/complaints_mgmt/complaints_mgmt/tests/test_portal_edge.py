"""The portal's edge: security headers on its pages, the host names the site answers to, and the
proof of work asked of guests before they file, look up or ask for a code."""

import hashlib
import json
import time

import frappe
from frappe.tests.utils import FrappeTestCase
from werkzeug.test import EnvironBuilder
from werkzeug.wrappers import Response

from complaints_mgmt.api import portal
from complaints_mgmt.security import guest_challenge, host_names, portal_headers
from complaints_mgmt.tests.utils import ClientRequest, make_complaint, portal_values, reset_client_limits

SETTINGS = "Citizen Portal Settings"
GUEST_ADDRESS = "203.0.113.77"


def request_for(path: str = "/track", host: str = "127.0.0.1:8000"):
	return EnvironBuilder(path=path, base_url=f"http://{host}/").get_request()


class EdgeTestCase(FrappeTestCase):
	def set_setting(self, field: str, value) -> None:
		previous = frappe.db.get_single_value(SETTINGS, field)
		frappe.db.set_single_value(SETTINGS, field, value)
		frappe.clear_document_cache(SETTINGS, SETTINGS)
		self.addCleanup(frappe.clear_document_cache, SETTINGS, SETTINGS)
		self.addCleanup(frappe.db.set_single_value, SETTINGS, field, previous)


class TestSecurityHeaders(EdgeTestCase):
	def headers_of(self, path: str) -> dict:
		response = Response("page")
		portal_headers.add_security_headers(response=response, request=request_for(path))
		return dict(response.headers)

	def test_the_portals_pages_and_answers_carry_the_policy_and_headers(self):
		paths = (
			"/track",
			"/my-complaints",
			"/my-complaints/2026-0000001-1",
			"/statistics",
			"/file-a-complaint/new",
			"/api/method/complaints_mgmt.api.portal.receipt_pdf",
		)
		for path in paths:
			headers = self.headers_of(path)
			self.assertEqual(headers.get("X-Content-Type-Options"), "nosniff", path)
			self.assertEqual(headers.get("Referrer-Policy"), "same-origin", path)
			policy = headers.get("Content-Security-Policy", "")
			for directive in ("default-src 'self'", "object-src 'none'", "frame-ancestors 'self'"):
				self.assertIn(directive, policy, path)

	def test_other_pages_are_left_as_frappe_makes_them(self):
		for path in ("/app/complaint", "/login", "/api/method/ping", "/trackers"):
			self.assertNotIn("Content-Security-Policy", self.headers_of(path), path)

	def test_the_policy_is_the_administrators_and_can_be_switched_off(self):
		self.set_setting(
			"content_security_policy", "default-src 'self';\nimg-src 'self' https://maps.example"
		)
		self.assertEqual(
			self.headers_of("/track")["Content-Security-Policy"],
			"default-src 'self'; img-src 'self' https://maps.example",
		)
		self.set_setting("content_security_policy", "")
		headers = self.headers_of("/track")
		self.assertNotIn("Content-Security-Policy", headers)
		self.assertEqual(headers.get("X-Content-Type-Options"), "nosniff")


class TestHostNames(EdgeTestCase):
	def check(self, host: str) -> None:
		previous = getattr(frappe.local, "request", None)
		frappe.local.request = request_for("/track", host)
		try:
			host_names.check_host()
		finally:
			frappe.local.request = previous

	def test_another_host_name_is_refused_with_a_400(self):
		for host in ("evil.example", "evil.example:8000", f"evil.example@{frappe.local.site}", "x y"):
			with self.assertRaises(host_names.UnknownHostError) as caught:
				self.check(host)
			self.assertEqual(caught.exception.get_response().status_code, 400)

	def assertAccepted(self, host: str) -> None:
		try:
			self.check(host)
		except host_names.UnknownHostError:
			self.fail(f"{host} was refused")

	def test_the_sites_own_names_and_loopback_are_accepted(self):
		site = frappe.local.site
		for host in (site, f"{site.upper()}:8000", "127.0.0.1:8301", "localhost", "[::1]:80"):
			with self.subTest(host=host):
				self.assertAccepted(host)

	def test_host_name_of_site_config_and_the_allow_list_are_accepted(self):
		self.addCleanup(frappe.local.conf.pop, "host_name", None)
		frappe.local.conf.host_name = "https://complaints.example.gov"
		self.check("complaints.example.gov")
		with self.assertRaises(host_names.UnknownHostError):
			self.check("www.complaints.example.gov")
		self.set_setting("allowed_host_names", "www.complaints.example.gov\nshakawa.example.gov:443\n")
		self.check("www.complaints.example.gov")
		self.check("SHAKAWA.example.gov")

	def test_the_check_can_be_switched_off(self):
		self.set_setting("check_host_name", 1)
		with self.assertRaises(host_names.UnknownHostError):
			self.check("evil.example")
		self.set_setting("check_host_name", 0)
		self.assertAccepted("evil.example")

	def test_the_refusal_is_translated(self):
		frappe.local.lang = "ar"
		self.addCleanup(setattr, frappe.local, "lang", "en")
		with self.assertRaises(host_names.UnknownHostError) as caught:
			self.check("evil.example")
		self.assertIn("evil.example", caught.exception.description)
		self.assertRegex(caught.exception.description, "[\u0600-\u06ff]")


class TestGuestChallenge(EdgeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.complaint = make_complaint()

	def setUp(self):
		reset_client_limits(GUEST_ADDRESS)
		self.addCleanup(reset_client_limits, GUEST_ADDRESS)
		self.addCleanup(frappe.set_user, "Administrator")
		self.set_setting("challenge_enabled", 1)
		self.set_setting("challenge_bits", 10)

	def solved(self, now: float | None = None) -> dict:
		issued = guest_challenge.issue(now=now)
		return {"challenge": issued["challenge"], "solution": guest_challenge.solve(issued["challenge"])}

	def call(self, endpoint, proof: dict | None = None, user: str = "Guest", **kwargs) -> tuple[dict, int]:
		frappe.set_user(user)
		frappe.local.form_dict = frappe._dict(**(proof or {}), **kwargs)
		frappe.local.response = frappe._dict()
		try:
			with ClientRequest(forwarded_for=GUEST_ADDRESS):
				answer = endpoint(**kwargs)
		finally:
			frappe.set_user("Administrator")
			frappe.local.form_dict = frappe._dict()
		return answer, frappe.local.response.get("http_status_code") or 200

	def track(self, proof: dict | None = None, user: str = "Guest"):
		return self.call(
			portal.track, proof, user, tracking_number=self.complaint.name, national_id="29001010112399"
		)

	def test_a_guest_without_a_solution_is_refused_and_nothing_is_counted(self):
		answer, status = self.track()
		self.assertEqual((answer["ok"], status), (False, 403))
		self.assertEqual(answer["errors"][0]["message"], guest_challenge.failed_message())
		count = frappe.cache.get(frappe.cache.make_key(f"complaints_portal:track:{GUEST_ADDRESS}"))
		self.assertIsNone(count)
		answer, status = self.call(portal.send_tracking_code, None, tracking_number=self.complaint.name)
		self.assertEqual(status, 403)

	def test_a_guest_with_a_solution_gets_through_once(self):
		proof = self.solved()
		answer, status = self.track(proof)
		self.assertEqual(status, 404)  # past the challenge: a wrong national ID, answered as such
		answer, status = self.track(proof)
		self.assertEqual((answer["ok"], status), (False, 403))  # the same solution again

	def test_a_wrong_solution_is_refused(self):
		proof = self.solved()
		wrong = str(int(proof["solution"]) + 1)
		nonce = proof["challenge"].split(":")[0]
		while guest_challenge.leading_zero_bits(hashlib.sha256((nonce + wrong).encode()).digest()) >= 10:
			wrong = str(int(wrong) + 1)
		for solution in (wrong, "", "-1", "1e3", "\u0661\u0662", "9" * 40):
			self.assertEqual(self.track({**proof, "solution": solution})[1], 403, solution)
		self.assertEqual(self.track(proof)[1], 404)  # the right one still works: wrong ones did not use it

	def test_an_expired_or_altered_challenge_is_refused(self):
		expired = self.solved(now=time.time() - (guest_challenge.VALID_MINUTES + 1) * 60)
		self.assertEqual(self.track(expired)[1], 403)
		nonce, bits, token = self.solved()["challenge"].split(":")
		easier = f"{nonce}:1:{token}"  # fewer bits than signed
		self.assertEqual(self.track({"challenge": easier, "solution": guest_challenge.solve(easier)})[1], 403)
		for challenge in ("", "garbage", f"{nonce}:{bits}:1.abc", f"zz:{bits}:{token}"):
			self.assertEqual(self.track({"challenge": challenge, "solution": "1"})[1], 403, challenge)

	def test_a_challenge_easier_than_the_settings_now_ask_is_refused(self):
		proof = self.solved()
		self.set_setting("challenge_bits", 12)
		self.assertEqual(self.track(proof)[1], 403)

	def test_filing_without_a_solution_writes_nothing(self):
		before = frappe.db.count("Complaint")
		data = json.dumps(portal_values())
		answer, status = self.call(portal.file_complaint, None, data=data)
		self.assertEqual((answer["ok"], status), (False, 403))
		self.assertEqual(frappe.db.count("Complaint"), before)
		answer, status = self.call(portal.file_complaint, self.solved(), data=data)
		self.assertTrue(answer["ok"], answer)
		self.assertEqual(frappe.db.count("Complaint"), before + 1)

	def test_the_challenge_endpoint_gives_the_settings_difficulty(self):
		answer, _status = self.call(portal.challenge)
		self.assertEqual((answer["required"], answer["bits"]), (True, 10))
		self.assertTrue(answer["challenge"].startswith(answer["nonce"] + ":10:"))

	def test_logged_in_users_and_a_switched_off_check_need_no_solution(self):
		self.assertEqual(self.track(user="Administrator")[1], 404)
		self.assertEqual(self.call(portal.challenge, user="Administrator")[0], {"required": False})
		self.set_setting("challenge_enabled", 0)
		self.assertEqual(self.track()[1], 404)
		self.assertEqual(self.call(portal.challenge)[0], {"required": False})
