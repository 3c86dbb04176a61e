"""The portal's guest endpoints under abuse, over real HTTP: filing, tracking look-ups and one-time code
requests are limited per client and per hour (Citizen Portal Settings); guessing a national ID, a
tracking number or a one-time code gets nowhere.

The served site trusts loopback as its proxy, so requests to 127.0.0.1 name their client in
X-Forwarded-For (as nginx does). Requests to the machine's own non-loopback address come from an
untrusted peer: their X-Forwarded-For is ignored, so a client cannot escape its limit by writing one.
"""

import json
import socket
from urllib.parse import urlsplit

import pytest
from security.fixtures import Client, client_address, execute

TRACK = "/api/method/complaints_mgmt.api.portal.track"
SEND_CODE = "/api/method/complaints_mgmt.api.portal.send_tracking_code"
FILE = "/api/method/complaints_mgmt.api.portal.file_complaint"
NATIONAL_ID = "29001010112345"
UNKNOWN_NUMBER = "2099-0000001-6"  # a well-formed tracking number, never issued


@pytest.fixture(scope="module")
def limits(access):
	return execute("portal_limits")


def post(as_user, path: str, address: str, **data):
	return as_user(None).guest_post(path, data, headers={"X-Forwarded-For": address})


def wrong_id(n: int) -> str:
	"""Valid national IDs (the check digit is not verified) that are not the complainant's."""
	return f"290010101{n:05d}"


def test_tracking_look_ups_are_limited_per_client(access, as_user, limits):
	name = access["complaints"]["a1"]["name"]
	attacker, neighbour = client_address(), client_address()
	for n in range(limits["lookups_per_hour"]):
		response = post(as_user, TRACK, attacker, tracking_number=name, national_id=wrong_id(n))
		assert response.status_code == 404, response.text[:300]
	refused = post(as_user, TRACK, attacker, tracking_number=name, national_id=NATIONAL_ID)
	assert refused.status_code == 429  # even the right ID, once over the limit
	assert access["marker"] not in refused.text
	# another client is not affected
	assert post(as_user, TRACK, neighbour, tracking_number=name, national_id=NATIONAL_ID).status_code == 200


def test_code_requests_are_limited_per_client(access, as_user, limits):
	name = access["complaints"]["a2"]["name"]
	attacker = client_address()
	for _n in range(limits["codes_per_hour"]):
		assert post(as_user, SEND_CODE, attacker, tracking_number=name).status_code == 200
	assert post(as_user, SEND_CODE, attacker, tracking_number=name).status_code == 429


def test_filing_is_limited_per_client(access, as_user, limits):
	address = client_address()
	values = {
		"complaint_type": "Complaint",
		"category": access["category"],
		"subject": f"Abuse check {access['marker']}",
		"description": "My Takaful payment for this month did not arrive.",
		"governorate": access["governorate_a"],
		"district": access["district_a"],
		"complainant_name": "Mona Ahmed",
		"national_id": NATIONAL_ID,
		"mobile": "01012345678",
	}
	for _n in range(limits["submissions_per_hour"]):
		response = post(as_user, FILE, address, data=json.dumps(values))
		assert response.status_code == 200, response.text[:300]
		access["made"].append(response.json()["message"]["name"])
	count = as_user("Administrator").get(
		"/api/method/frappe.client.get_count", params={"doctype": "Complaint"}
	)
	refused = post(as_user, FILE, address, data=json.dumps(values))
	assert refused.status_code == 429, refused.text[:300]
	after = as_user("Administrator").get(
		"/api/method/frappe.client.get_count", params={"doctype": "Complaint"}
	)
	assert after.json()["message"] == count.json()["message"]


def test_a_wrong_national_id_and_an_unknown_number_get_the_same_answer(access, as_user):
	"""Nothing tells a guesser whether a tracking number exists."""
	name = access["complaints"]["a1"]["name"]
	wrong = post(as_user, TRACK, client_address(), tracking_number=name, national_id=wrong_id(1))
	unknown = post(as_user, TRACK, client_address(), tracking_number=UNKNOWN_NUMBER, national_id=NATIONAL_ID)
	malformed = post(as_user, TRACK, client_address(), tracking_number="12345", national_id=NATIONAL_ID)
	assert wrong.status_code == unknown.status_code == malformed.status_code == 404
	assert wrong.json() == unknown.json() == malformed.json()
	for response in (wrong, unknown, malformed):
		assert response.elapsed.total_seconds() >= 0.35  # every failure takes the same floor of time
	right = post(as_user, TRACK, client_address(), tracking_number=name, national_id=NATIONAL_ID)
	assert right.status_code == 200 and name in right.json()["message"]["html"]


def test_guessing_tracking_numbers_finds_nothing(access, as_user):
	"""Numbers next to a real one, with a common national ID, from many clients: no complaint is shown."""
	name = access["complaints"]["b1"]["name"]
	year, serial, _check = name.split("-")
	found = []
	for offset in range(-1, 2):
		for check in range(10):
			guess = f"{year}-{int(serial) + offset:07d}-{check}"
			response = post(as_user, TRACK, client_address(), tracking_number=guess, national_id=wrong_id(7))
			if response.status_code != 404:
				found.append((guess, response.status_code))
	assert found == []


def test_guessing_a_one_time_code_voids_it(access, as_user, limits):
	"""A code survives at most `code_max_attempts` wrong entries, from however many clients: then even
	the right one is refused, so a six-digit code cannot be found by trying."""
	name = access["complaints"]["a1"]["name"]
	code = execute("issue_tracking_code", name=name)
	wrong = [f"{(int(code) + n) % 10**6:06d}" for n in range(1, limits["code_max_attempts"] + 1)]
	for guess in wrong:
		response = post(as_user, TRACK, client_address(), tracking_number=name, code=guess)
		assert response.status_code == 404
	voided = post(as_user, TRACK, client_address(), tracking_number=name, code=code)
	assert voided.status_code == 404

	code = execute("issue_tracking_code", name=name)
	assert post(as_user, TRACK, client_address(), tracking_number=name, code=code).status_code == 200
	used_again = post(as_user, TRACK, client_address(), tracking_number=name, code=code)
	assert used_again.status_code == 404  # a code works once


def test_a_client_cannot_escape_its_limit_by_writing_x_forwarded_for(site_url, access, limits):
	"""From an address that is not a trusted proxy, X-Forwarded-For is ignored: rotating it does not
	reset the count."""
	own_address = _non_loopback_address()
	if not own_address:
		pytest.skip("this machine has no non-loopback IPv4 address to connect from")
	port = urlsplit(site_url).port
	client = Client(f"http://{own_address}:{port}")
	client.http.headers["Host"] = "localhost"  # an address is not one of the site's host names
	name = access["complaints"]["a2"]["name"]
	statuses = []
	for n in range(limits["lookups_per_hour"] + 1):
		response = client.guest_post(
			TRACK,
			{"tracking_number": name, "national_id": wrong_id(100 + n)},
			headers={"X-Forwarded-For": client_address()},
		)
		statuses.append(response.status_code)
	execute("reset_limits_of", address=own_address)
	assert statuses[:-1] == [404] * limits["lookups_per_hour"]
	assert statuses[-1] == 429


def _non_loopback_address() -> str | None:
	with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
		try:
			probe.connect(("192.0.2.1", 9))  # no packet is sent: this only picks the outgoing interface
		except OSError:
			return None
		address = probe.getsockname()[0]
	return None if address.startswith("127.") else address
