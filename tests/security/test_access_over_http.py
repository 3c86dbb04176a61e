"""Who sees which complaint, over real HTTP against the served site: REST, the desk's API, a report,
the citizen portal's pages and private attachment files; and each role's rights of
apps/complaints_mgmt/docs/PERMISSIONS.md, as the REST API enforces them.

The app's own tests check the same rules inside one process (test_permission_matrix: the DocTypes'
JSON against the table; test_record_access: frappe.get_list per user). These go through the HTTP
entry points a browser or a script uses, where a missing check in one endpoint would show.

People (security_fixtures.make_access_fixtures): organisations A and B; A has units A1 and A2 with
liaison officers officer_a1 and officer_a2 and the directorate head head_a; B likewise (head_b,
officer_b1, officer_b2). Complaint a1 is in A1 and was filed by citizen_a, a2 is in A2, b1 is in B1
and was filed by citizen_b; each has a private attachment and a timeline comment.
"""

import json
from pathlib import Path

import pytest
from complaints_mgmt.tests.permission_table import documented_permissions

BENCH_ROOT = Path(__file__).resolve().parents[2]
APP = BENCH_ROOT / "apps" / "complaints_mgmt"
ANALYSIS_REPORT = (
	APP / "complaints_mgmt" / "complaints" / "report" / "complaints_analysis" / "complaints_analysis.json"
)

COMPLAINTS = ("a1", "a2", "b1")
NATIONAL = ("System Manager", "Complaints Administrator", "Complaints Manager", "Quality Reviewer")
NATIONAL += ("Call Center Agent", "Appeals Board Member")
# user key: the fixture complaints the user may see (None: no read access to complaints at all)
VISIBLE = {
	"officer_a1": {"a1"},
	"officer_a2": {"a2"},
	"officer_b1": {"b1"},
	"officer_b2": set(),
	"head_a": {"a1", "a2"},
	"head_b": {"b1"},
	"citizen_a": {"a1"},
	"citizen_b": {"b1"},
	# the integration user creates complaints and reads none (it is not a national role)
	"Central System Integration": set(),
	"website_user": None,
	**{role: set(COMPLAINTS) for role in NATIONAL},
}
STAFF = [key for key in VISIBLE if not key.startswith(("citizen", "website"))]
# Who holds each role of the table in these tests: the scoped roles are organisation A's people.
ROLE_USER = {"Directorate Head": "head_a", "Liaison Officer": "officer_a1", "Citizen": "citizen_a"}


def complaint(access, key: str) -> str:
	return access["complaints"][key]["name"]


def fixture_filter(access) -> str:
	return json.dumps([["subject", "like", f"Security {access['marker']} %"]])


def names_to_keys(access, names) -> set[str]:
	by_name = {c["name"]: key for key, c in access["complaints"].items()}
	return {by_name[name] for name in names if name in by_name}


# Record level: REST ---------------------------------------------------------------------------------


@pytest.mark.parametrize("user", VISIBLE)
def test_rest_list_holds_only_the_complaints_the_user_may_see(access, as_user, user):
	response = as_user(user).get(
		"/api/resource/Complaint", params={"filters": fixture_filter(access), "limit_page_length": 0}
	)
	if VISIBLE[user] is None:
		assert response.status_code == 403
		return
	assert response.status_code == 200, response.text
	assert names_to_keys(access, [row["name"] for row in response.json()["data"]]) == VISIBLE[user]


@pytest.mark.parametrize("key", COMPLAINTS)
@pytest.mark.parametrize("user", VISIBLE)
def test_rest_read_of_one_complaint_follows_record_access(access, as_user, user, key):
	response = as_user(user).get(f"/api/resource/Complaint/{complaint(access, key)}")
	allowed = key in (VISIBLE[user] or ())
	assert response.status_code == (200 if allowed else 403), response.text[:300]
	if allowed:
		assert response.json()["data"]["subject"] == f"Security {access['marker']} {key}"
	else:
		assert access["marker"] not in response.text


@pytest.mark.parametrize("user", ["officer_b1", "head_b", "citizen_b", "officer_a2"])
def test_rest_cannot_change_a_complaint_outside_the_users_scope(access, as_user, user):
	response = as_user(user).put(
		f"/api/resource/Complaint/{complaint(access, 'a1')}", json={"priority": "Urgent"}
	)
	assert response.status_code == 403
	check = as_user("System Manager").get(f"/api/resource/Complaint/{complaint(access, 'a1')}")
	assert check.json()["data"]["priority"] != "Urgent"


# Record level: the desk's API -------------------------------------------------------------------------

DESK_READS = {
	"frappe.client.get": lambda name: ("GET", {"doctype": "Complaint", "name": name}),
	"frappe.desk.form.load.getdoc": lambda name: ("GET", {"doctype": "Complaint", "name": name}),
	"frappe.desk.form.load.get_docinfo": lambda name: ("GET", {"doctype": "Complaint", "name": name}),
	"frappe.www.printview.get_html_and_style": lambda name: ("GET", {"doc": "Complaint", "name": name}),
	"frappe.client.get_value": lambda name: (
		"GET",
		{"doctype": "Complaint", "filters": json.dumps({"name": name}), "fieldname": "subject"},
	),
}


@pytest.mark.parametrize("endpoint", DESK_READS)
@pytest.mark.parametrize("user", ["officer_a1", "officer_a2", "officer_b1", "head_a", "head_b"])
def test_desk_reads_of_one_complaint_follow_record_access(access, as_user, endpoint, user):
	for key in COMPLAINTS:
		method, params = DESK_READS[endpoint](complaint(access, key))
		response = as_user(user).request(method, f"/api/method/{endpoint}", params=params)
		allowed = key in VISIBLE[user]
		if allowed:
			assert response.status_code == 200, (key, response.text[:300])
			assert access["marker"] in response.text or endpoint == "frappe.desk.form.load.get_docinfo"
		elif endpoint == "frappe.client.get_value":  # a filtered look-up: finds nothing
			assert response.status_code in (200, 403) and not response.json().get("message"), response.text
		else:
			assert response.status_code == 403, (key, response.status_code, response.text[:300])
		assert allowed or access["marker"] not in response.text


@pytest.mark.parametrize("user", ["officer_b1", "head_b", "citizen_b"])
def test_validate_link_tells_nothing_of_a_complaint_outside_the_scope(access, as_user, user):
	response = as_user(user).get(
		"/api/method/frappe.client.validate_link",
		params={
			"doctype": "Complaint",
			"docname": complaint(access, "a1"),
			"fields": json.dumps(["subject", "national_id"]),
		},
	)
	assert access["marker"] not in response.text
	assert "29001010112345" not in response.text


@pytest.mark.parametrize("user", ["citizen_b", "website_user", "officer_b1"])
def test_counts_do_not_reveal_other_peoples_national_ids(access, as_user, user):
	"""frappe.client.get_count with a `like` filter would tell, digit by digit, the national IDs of
	complaints the user cannot read."""
	filters = json.dumps(
		# the column holds the masked form "2**********345" (security/personal_data.py); the count is still limited
		[["national_id", "like", "2%"], ["subject", "like", f"Security {access['marker']} %"]]
	)
	response = as_user(user).get(
		"/api/method/frappe.client.get_count", params={"doctype": "Complaint", "filters": filters}
	)
	if VISIBLE[user] is None:
		assert response.status_code == 403
	else:
		assert response.status_code == 200 and response.json()["message"] == len(VISIBLE[user])
	users = as_user(user).get("/api/method/frappe.client.get_count", params={"doctype": "User"})
	if not user.startswith("officer"):  # a website user sees their own user record only
		assert users.status_code == 403 or users.json()["message"] <= 1, users.text


@pytest.mark.parametrize("user", ["officer_a1", "officer_b1", "head_a", "head_b", "citizen_a", "citizen_b"])
def test_desk_list_count_and_search_hold_only_visible_complaints(access, as_user, user):
	client = as_user(user)
	listed = client.post(
		"/api/method/frappe.desk.reportview.get",
		data={
			"doctype": "Complaint",
			"fields": json.dumps(["`tabComplaint`.`name`"]),
			"filters": fixture_filter(access),
		},
	)
	assert listed.status_code == 200, listed.text[:300]
	message = listed.json()["message"]
	names = [row[0] for row in message["values"]] if message else []
	assert names_to_keys(access, names) == VISIBLE[user]

	count = client.get(
		"/api/method/frappe.client.get_count",
		params={"doctype": "Complaint", "filters": fixture_filter(access)},
	)
	assert count.status_code == 200 and count.json()["message"] == len(VISIBLE[user])

	for key in COMPLAINTS:
		found = client.get(
			"/api/method/frappe.desk.search.search_link",
			params={"doctype": "Complaint", "txt": complaint(access, key)},
		)
		values = [row["value"] for row in found.json().get("message", [])] if found.ok else []
		assert (complaint(access, key) in values) == (key in VISIBLE[user]), (key, found.text[:300])


@pytest.mark.parametrize("user", ["officer_b1", "head_b", "citizen_b"])
def test_the_timeline_of_another_scopes_complaint_is_not_readable(access, as_user, user):
	client = as_user(user)
	name = complaint(access, "a1")
	for doctype, field in (("Comment", "reference_name"), ("Version", "docname")):
		response = client.get(
			f"/api/resource/{doctype}", params={"filters": json.dumps([[field, "=", name]])}
		)
		assert response.status_code == 403 or response.json()["data"] == [], response.text[:300]
	comments = client.get(
		"/api/method/frappe.desk.form.load.get_comments",
		params={"reference_doctype": "Complaint", "reference_name": name},
	)
	assert comments.status_code == 403
	assert "Timeline note" not in comments.text


# Record level: a report -----------------------------------------------------------------------------


@pytest.mark.parametrize(
	"user", ["officer_a1", "officer_a2", "officer_b1", "head_a", "head_b", "Complaints Manager"]
)
def test_complaints_analysis_counts_only_the_users_complaints(access, as_user, user):
	"""Grouped by unit for the fixtures' category: only the user's units appear, and the counts add up
	to what the user may list."""
	client = as_user(user)
	filters = {"group_by": "social_unit", "category": access["category"]}
	response = client.post(
		"/api/method/frappe.desk.query_report.run",
		json={"report_name": "Complaints Analysis", "filters": filters},
	)
	assert response.status_code == 200, response.text[:300]
	rows = [
		row
		for row in response.json()["message"]["result"]
		if isinstance(row, dict) and row.get("group_value")
	]
	visible = client.get(
		"/api/resource/Complaint",
		params={
			"filters": json.dumps([["category", "=", access["category"]]]),
			"fields": json.dumps(["social_unit"]),
			"limit_page_length": 0,
		},
	).json()["data"]
	assert {row["group_value"] for row in rows} == {row["social_unit"] for row in visible}
	assert sum(row["total"] for row in rows) == len(visible)
	own_units = {access["complaints"][key]["unit"] for key in VISIBLE[user]}
	assert own_units <= {row["group_value"] for row in rows}


# Record level: private attachment files --------------------------------------------------------------


@pytest.mark.parametrize("key", ["a1", "b1"])
@pytest.mark.parametrize("user", [*VISIBLE, None])
def test_private_attachments_download_only_for_those_who_see_the_complaint(access, as_user, user, key):
	response = as_user(user).get(access["complaints"][key]["file_url"])
	allowed = user is not None and key in (VISIBLE[user] or ())
	assert response.status_code == (200 if allowed else 403)
	if allowed:
		assert response.content.startswith(b"\x89PNG")
		assert response.content.endswith(access["complaints"][key]["file_name"].encode())
	else:
		assert b"\x89PNG" not in response.content


@pytest.mark.parametrize("user", ["officer_a1", "officer_a2", "officer_b1", "head_a", "head_b", "citizen_b"])
def test_file_records_of_complaints_outside_the_scope_are_not_listed(access, as_user, user):
	"""Downloading is refused, and the file's record (its name and URL) is not listed either."""
	names = {complaint(access, key): key for key in COMPLAINTS}
	response = as_user(user).get(
		"/api/resource/File",
		params={
			"filters": json.dumps(
				[["attached_to_doctype", "=", "Complaint"], ["attached_to_name", "in", list(names)]]
			),
			"fields": json.dumps(["attached_to_name", "file_url"]),
			"limit_page_length": 0,
		},
	)
	listed = {names[row["attached_to_name"]] for row in response.json()["data"]} if response.ok else set()
	assert response.status_code in (200, 403)
	assert listed <= VISIBLE[user]
	if user.startswith(("officer", "head")):
		assert listed == VISIBLE[user]  # staff do see the files of their own complaints


# Record level: the citizen portal's pages -------------------------------------------------------------


@pytest.mark.parametrize("citizen, own, other", [("citizen_a", "a1", "b1"), ("citizen_b", "b1", "a1")])
def test_my_complaints_lists_and_opens_only_the_citizens_own(access, logged_in, citizen, own, other):
	client = logged_in(citizen)
	page = client.get("/my-complaints")
	assert page.status_code == 200
	assert complaint(access, own) in page.text
	assert complaint(access, other) not in page.text

	assert client.get(f"/my-complaints/{complaint(access, own)}").status_code == 200
	foreign = client.get(f"/my-complaints/{complaint(access, other)}")
	assert foreign.status_code == 404
	assert access["marker"] not in foreign.text


@pytest.mark.parametrize("citizen, own, other", [("citizen_a", "a1", "b1"), ("citizen_b", "b1", "a1")])
def test_receipt_and_print_view_only_of_the_citizens_own(access, logged_in, citizen, own, other):
	client = logged_in(citizen)
	receipt = "/api/method/complaints_mgmt.api.portal.receipt_pdf"
	mine = client.get(receipt, params={"name": complaint(access, own)})
	assert mine.status_code == 200 and mine.content.startswith(b"%PDF")
	theirs = client.get(receipt, params={"name": complaint(access, other)})
	assert theirs.status_code == 403 and not theirs.content.startswith(b"%PDF")
	forged = client.get(receipt, params={"name": complaint(access, other), "token": "9999999999.deadbeef"})
	assert forged.status_code == 403

	assert (
		client.get("/printview", params={"doctype": "Complaint", "name": complaint(access, own)}).status_code
		== 200
	)
	printed = client.get("/printview", params={"doctype": "Complaint", "name": complaint(access, other)})
	assert printed.status_code == 403 and access["marker"] not in printed.text


def test_a_guest_is_sent_to_log_in_and_sees_no_complaint(access, as_user):
	guest = as_user(None)
	name = complaint(access, "a1")
	for path in ("/my-complaints", f"/my-complaints/{name}"):
		response = guest.get(path)
		assert response.status_code in (301, 302) and "/login" in response.headers["Location"]
	for path in (
		f"/api/resource/Complaint/{name}",
		f"/printview?doctype=Complaint&name={name}",
		"/api/resource/Complaint",
	):
		response = guest.get(path)
		assert response.status_code == 403, path
		assert access["marker"] not in response.text
	assert access["marker"] not in guest.get(f"/app/complaint/{name}").text


# Role level: docs/PERMISSIONS.md over REST --------------------------------------------------------------


TABLE = documented_permissions()
DOCTYPES = sorted({doctype for doctype, _role in TABLE})
ROLES = sorted({role for _doctype, role in TABLE})
SINGLES = {"Complaints Settings", "Citizen Portal Settings", "Integration Settings"}
REPORT_ROLES = {row["role"] for row in json.loads(ANALYSIS_REPORT.read_text())["roles"]}


def user_of(role: str) -> str:
	return ROLE_USER.get(role, role)


def rights(doctype: str, role: str | None) -> set[str]:
	return TABLE.get((doctype, role), set())


def test_the_table_covers_every_role_the_suite_acts_as():
	assert len(TABLE) > 50
	assert set(ROLES) == {"System Manager", *NATIONAL, "Directorate Head", "Liaison Officer", "Citizen"} | {
		"Central System Integration"
	}


@pytest.mark.parametrize("role", [*ROLES, None])
@pytest.mark.parametrize("doctype", DOCTYPES)
def test_read_and_create_over_rest_follow_the_table(access, as_user, doctype, role):
	"""GET answers 200 to a role that may read, 403 to one that may not; POST of an empty document gets
	past the permission check (and fails validation) only for a role that may create."""
	client = as_user(user_of(role) if role else "website_user")
	expected = rights(doctype, role)
	path = f"/api/resource/{doctype}"
	read = client.get(f"{path}/{doctype}" if doctype in SINGLES else path, params={"limit_page_length": 1})
	assert read.status_code == (200 if "read" in expected else 403), read.text[:300]
	if doctype in SINGLES:
		return
	created = client.post(path, json={})
	if "create" in expected:
		assert created.status_code != 403, created.text[:300]
		if created.ok:  # a document that needs nothing: remove it
			as_user("System Manager").delete(f"{path}/{created.json()['data']['name']}")
	else:
		assert created.status_code == 403, created.text[:300]


@pytest.mark.parametrize("role", [*ROLES, None])
def test_complaint_rights_over_http_follow_the_table(access, as_user, role, limits_reset):
	"""On complaint a1, which every role's user here may see: write (PUT), create (POST of a valid
	complaint), delete (DELETE, on a complaint made for it), export, report (Complaints Analysis, for
	the report's roles) and print (the print view)."""
	client = as_user(user_of(role) if role else "website_user")
	expected = rights("Complaint", role)
	name = complaint(access, "a1")

	put = client.put(f"/api/resource/Complaint/{name}", json={})
	assert put.status_code == (200 if "write" in expected else 403), put.text[:300]

	post = client.post("/api/resource/Complaint", json=valid_complaint(access))
	if post.ok:
		access["made"].append(post.json()["data"]["name"])
	assert post.status_code == (200 if "create" in expected else 403), post.text[:300]

	target = access["disposable"].pop() if "delete" in expected else name
	deleted = client.delete(f"/api/resource/Complaint/{target}")
	assert deleted.status_code == (202 if "delete" in expected else 403), deleted.text[:300]
	assert as_user("System Manager").get(f"/api/resource/Complaint/{name}").status_code == 200

	export = client.post(
		"/api/method/frappe.desk.reportview.export_query",
		data={
			"doctype": "Complaint",
			"file_format_type": "CSV",
			"fields": json.dumps(["`tabComplaint`.`name`"]),
			"filters": json.dumps([["name", "=", name]]),
		},
	)
	assert export.status_code == (200 if "export" in expected else 403), export.text[:300]

	report = client.post(
		"/api/method/frappe.desk.query_report.run",
		json={"report_name": "Complaints Analysis", "filters": {"category": access["category"]}},
	)
	may_report = "report" in expected and role in REPORT_ROLES
	assert report.status_code == (200 if may_report else 403), report.text[:300]

	printed = client.get("/printview", params={"doctype": "Complaint", "name": name})
	assert printed.status_code == (200 if "print" in expected else 403)


def valid_complaint(access) -> dict:
	return {
		"complaint_type": "Complaint",
		"channel": "Hotline",
		"category": access["category"],
		"subject": f"Rights check {access['marker']}",
		"description": "My Takaful payment for this month did not arrive.",
		"complainant_name": "Mona Ahmed",
		"national_id": "29001010112345",
		"mobile": "01012345678",
		"governorate": access["governorate_a"],
		"district": access["district_a"],
	}


# User accounts: only those who manage users list them all; staff the people of their directorate ------

# user key: the fixture's people that user lists (the national roles list staff, no citizen)
DIRECTORATE_A = {"officer_a1", "officer_a2", "head_a"}
PEOPLE = (
	"officer_a1",
	"officer_a2",
	"head_a",
	"officer_b1",
	"officer_b2",
	"head_b",
	"citizen_a",
	"citizen_b",
)


def people_of(access, names) -> set[str]:
	by_email = {access["users"][key]: key for key in PEOPLE}
	return {by_email[name] for name in names if name in by_email}


def people_listed(access, response, key: str = "message", field: str = "name") -> set[str]:
	"""The PEOPLE a successful answer lists: `field` of each row under `key` of its JSON."""
	assert response.status_code == 200, response.text
	return people_of(access, [row[field] for row in response.json()[key]])


def people_filter(access) -> str:
	return json.dumps([["name", "in", [access["users"][key] for key in PEOPLE]]])


@pytest.mark.parametrize(
	("user", "expected"),
	[
		("officer_a1", DIRECTORATE_A),
		("head_a", DIRECTORATE_A),
		("citizen_a", {"citizen_a"}),
		("Call Center Agent", set(PEOPLE) - {"citizen_a", "citizen_b"}),
		("Complaints Administrator", set(PEOPLE)),
	],
)
def test_rest_user_list_holds_only_the_people_the_user_works_with(access, as_user, user, expected):
	response = as_user(user).get(
		"/api/resource/User", params={"filters": people_filter(access), "limit_page_length": 0}
	)
	if response.status_code == 403:  # no access to User at all holds no one
		assert expected <= {user}
		return
	assert people_listed(access, response, "data") == expected


def test_client_get_list_of_users_holds_only_a_liaison_officers_directorate(access, as_user):
	response = as_user("officer_a1").method(
		"frappe.client.get_list",
		doctype="User",
		fields=["name", "full_name", "email"],
		filters=json.loads(people_filter(access)),
		limit_page_length=0,
	)
	assert people_listed(access, response) == DIRECTORATE_A


def test_user_link_search_offers_a_liaison_officer_only_their_directorate(access, as_user):
	response = as_user("officer_a1").method(
		"frappe.desk.search.search_link",
		doctype="User",
		txt="security.complaints.local",
		filters={"ignore_user_type": 1},
		page_length=100,
	)
	assert people_listed(access, response, field="value") == DIRECTORATE_A


def test_a_liaison_officer_cannot_open_a_citizens_account_over_rest(access, as_user):
	response = as_user("officer_a1").get(f"/api/resource/User/{access['users']['citizen_a']}")
	assert response.status_code == 403
