"""The portal's edge over real HTTP: the security headers of its pages, the host names the site answers
to, and the challenge a guest solves before filing, looking up or asking for a code."""

import json

from challenge_solver import challenge_fields
from conftest import TEST_SITE
from security.fixtures import client_address

TRACK = "/api/method/complaints_mgmt.api.portal.track"
SEND_CODE = "/api/method/complaints_mgmt.api.portal.send_tracking_code"
FILE = "/api/method/complaints_mgmt.api.portal.file_complaint"
WRONG_ID = "29001010199999"


def test_the_portals_pages_carry_their_security_headers(as_user):
	guest = as_user(None)
	for path in ("/track", "/statistics", "/file-a-complaint/new"):
		response = guest.get(path)
		assert response.status_code == 200, path
		policy = response.headers.get("Content-Security-Policy", "")
		for directive in ("default-src 'self'", "object-src 'none'", "frame-ancestors 'self'"):
			assert directive in policy, (path, policy)
		assert response.headers.get("X-Content-Type-Options") == "nosniff", path
		assert response.headers.get("Referrer-Policy") == "same-origin", path
	assert "Content-Security-Policy" not in guest.get("/login").headers


def test_another_host_name_gets_a_400_and_no_links_to_it(as_user):
	guest = as_user(None)
	for host in ("attacker.example", f"attacker.example@{TEST_SITE}", "attacker.example:80"):
		response = guest.get("/track", headers={"Host": host})
		assert response.status_code == 400, host
		assert "attacker.example" not in response.headers.get("Location", "")
		assert f'href="http://{host}' not in response.text
	reset = guest.post(
		"/api/method/frappe.core.doctype.user.user.reset_password",
		data={"user": "Administrator"},
		headers={"Host": "attacker.example"},
	)
	assert reset.status_code == 400
	for host in (TEST_SITE, f"{TEST_SITE}:443", "localhost"):
		assert guest.get("/api/method/ping", headers={"Host": host}).status_code == 200, host


def test_guest_calls_without_a_solved_challenge_are_refused_and_write_nothing(access, as_user):
	guest = as_user(None)
	name = access["complaints"]["a2"]["name"]
	headers = {"X-Forwarded-For": client_address()}
	for path, data in (
		(TRACK, {"tracking_number": name, "national_id": WRONG_ID}),
		(SEND_CODE, {"tracking_number": name}),
		(FILE, {"data": json.dumps({"subject": "x"})}),
	):
		refused = guest.post(path, data=data, headers=headers)
		assert refused.status_code == 403, (path, refused.text[:300])
		assert refused.json()["message"]["ok"] is False
	count = as_user("Administrator").get(
		"/api/method/frappe.client.get_count", params={"doctype": "Complaint"}
	)
	values = {
		"complaint_type": "Complaint",
		"category": access["category"],
		"subject": f"Challenge check {access['marker']}",
		"description": "My Takaful payment for this month did not arrive.",
		"governorate": access["governorate_a"],
		"district": access["district_a"],
		"complainant_name": "Mona Ahmed",
		"national_id": "29001010112345",
		"mobile": "01012345678",
	}
	refused = guest.post(FILE, data={"data": json.dumps(values)}, headers=headers)
	assert refused.status_code == 403
	after = as_user("Administrator").get(
		"/api/method/frappe.client.get_count", params={"doctype": "Complaint"}
	)
	assert after.json()["message"] == count.json()["message"]


def test_a_solution_works_once_and_a_wrong_one_not_at_all(access, as_user):
	guest = as_user(None)
	name = access["complaints"]["a2"]["name"]
	headers = {"X-Forwarded-For": client_address()}
	data = {"tracking_number": name, "national_id": WRONG_ID}
	proof = challenge_fields(guest.http, guest.base_url, headers=headers)
	assert proof, "the site asks guests for no challenge"
	wrong = {**proof, "solution": proof["solution"] + "x"}
	first_wrong = guest.post(TRACK, data={**data, **wrong}, headers=headers)
	accepted = guest.post(TRACK, data={**data, **proof}, headers=headers)
	reused = guest.post(TRACK, data={**data, **proof}, headers=headers)
	assert accepted.status_code == 404  # past the challenge: the wrong national ID's answer
	assert reused.status_code == 403
	assert first_wrong.status_code == 403
