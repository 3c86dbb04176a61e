"""National IDs over real HTTP: every reader gets the masked form, only the roles of PERMISSIONS.md
("The national ID in full") may show the full value, and nobody reads the ciphertext
(apps/complaints_mgmt/complaints_mgmt/personal_data.py).

People and complaints: security_fixtures.make_access_fixtures (see test_access_over_http.py); complaint
a1 is in unit A1 and carries the national ID of tests.utils.make_complaint.
"""

import json

import pytest

NATIONAL_ID = "29001010112345"  # complaints_mgmt.tests.utils.VALID_NATIONAL_ID
SHOW = "complaints_mgmt.security.personal_data.show_national_id"
# users who may read complaint a1, and whether their role may show its national ID in full
READERS_OF_A1 = {
	"officer_a1": True,
	"System Manager": True,
	"Complaints Administrator": True,
	"Call Center Agent": True,
	"head_a": False,
	"Complaints Manager": False,
	"Quality Reviewer": False,
	"Appeals Board Member": False,
	"citizen_a": False,
}


def a1(access) -> str:
	return access["complaints"]["a1"]["name"]


@pytest.mark.parametrize("user", READERS_OF_A1)
def test_rest_and_desk_reads_show_the_national_id_masked(access, as_user, user):
	client = as_user(user)
	rest = client.get(f"/api/resource/Complaint/{a1(access)}")
	desk = client.get("/api/method/frappe.client.get", params={"doctype": "Complaint", "name": a1(access)})

	for response in (rest, desk):
		assert response.status_code == 200, response.text
		assert NATIONAL_ID not in response.text
		data = response.json().get("data") or response.json().get("message")
		assert data["national_id"] == "2**********345"
		# the ciphertext is sent only to the roles that may show the ID (useless without the site's key)
		assert bool(data.get("national_id_encrypted")) == READERS_OF_A1[user]
		assert NATIONAL_ID not in str(data.get("national_id_encrypted"))


@pytest.mark.parametrize("user", READERS_OF_A1)
def test_only_the_roles_that_need_it_show_the_full_national_id(access, as_user, user):
	response = as_user(user).method(SHOW, complaint=a1(access))

	if READERS_OF_A1[user]:
		assert response.status_code == 200, response.text
		assert response.json()["message"] == NATIONAL_ID
	else:
		assert response.status_code == 403, response.text
		assert NATIONAL_ID not in response.text


@pytest.mark.parametrize("user", ["officer_b1", "officer_a2", "head_b", "citizen_b", "website_user"])
def test_nobody_shows_the_national_id_of_a_complaint_they_cannot_read(access, as_user, user):
	response = as_user(user).method(SHOW, complaint=a1(access))
	assert response.status_code == 403, response.text
	assert NATIONAL_ID not in response.text


def test_a_guest_cannot_show_a_national_id(access, as_user):
	response = as_user(None).method(SHOW, complaint=a1(access))
	assert response.status_code in (401, 403), response.text
	assert NATIONAL_ID not in response.text


@pytest.mark.parametrize("user", READERS_OF_A1)
def test_no_filter_finds_national_id_digits(access, as_user, user):
	"""The stored column is masked: a `like` filter on the middle digits finds nothing, even in the
	complaints the user may read (the keyed hash is the only way to find a national ID)."""
	filters = json.dumps([["national_id", "like", f"{NATIONAL_ID[:7]}%"], ["name", "=", a1(access)]])
	response = as_user(user).get(
		"/api/method/frappe.client.get_count", params={"doctype": "Complaint", "filters": filters}
	)
	assert response.status_code == 200, response.text
	assert response.json()["message"] == 0
