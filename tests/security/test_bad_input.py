"""Hostile and malformed input through every way in: REST, the portal's form, Frappe's web form and
upload endpoints, the central-system sync and Open311. Each is refused with a clear 4xx and nothing is
written (complaint and file counts unchanged); script, HTML and template payloads that are accepted as
text never run where the desk, the portal or a print view shows them (real Chromium).

Guest requests carry a random X-Forwarded-For address each (the server trusts loopback as its proxy), so
the portal's per-client hourly limits, tested in test_abuse.py, do not interfere here.
"""

import itertools
import json

import pytest
from security.fixtures import client_address, execute

NATIONAL_ID = "29001010112345"
MOBILE = "01012345678"
PNG = bytes.fromhex(
	"89504e470d0a1a0a0000000d4948445200000001000000010806000000"
	"1f15c4890000000d49444154789c6360000000000500010d0a2db40000000049454e44ae426082"
)
SQL = "x' OR '1'='1' -- "
SQL_DROP = "Cairo'; DROP TABLE `tabComplaint`; --"
_addresses = itertools.count(1)


def counts(as_user) -> tuple[int, int]:
	"""(complaints, files) on the site, as Administrator sees them."""
	admin = as_user("Administrator")
	return tuple(
		admin.get("/api/method/frappe.client.get_count", params={"doctype": doctype}).json()["message"]
		for doctype in ("Complaint", "File")
	)


# What each channel takes when the input is right ---------------------------------------------------


def complaint_values(access) -> dict:
	"""The complaint and its complainant, as every channel but Open311 names them."""
	return {
		"category": access["category"],
		"subject": "Bad input check",
		"description": "My Takaful payment for this month did not arrive.",
		"complainant_name": "Mona Ahmed",
		"national_id": NATIONAL_ID,
		"mobile": MOBILE,
		"governorate": access["governorate_a"],
		"district": access["district_a"],
	}


def changed(values: dict, changes: dict) -> dict:
	"""`values` with `changes` made; a change to None leaves the field out."""
	return {key: value for key, value in {**values, **changes}.items() if value is not None}


def rest_complaint(access, **changes) -> dict:
	return changed({"complaint_type": "Complaint", "channel": "Hotline", **complaint_values(access)}, changes)


def portal_values(access, **changes) -> dict:
	values = rest_complaint(access, **changes)
	values.pop("channel", None)
	return values


def central_complaint(access, **changes) -> dict:
	reference = f"CAB-BAD-{next(_addresses)}-{access['marker']}"
	return changed({"external_reference": reference, **complaint_values(access)}, changes)


def open311_form(key, **changes) -> dict:
	form = {
		"api_key": key["api_key"],
		"service_code": key["service_code"],
		"description": "My Takaful payment for this month did not arrive.",
		"first_name": "Mona",
		"last_name": "Ahmed",
		"phone": MOBILE,
		"email": "mona@example.com",
		"address_string": "12 Abbas El Akkad St, Nasr City",
		"attribute[national_id]": NATIONAL_ID,
		"attribute[governorate]": "Cairo",
		"attribute[district]": "Nasr City",
	}
	return changed(form, changes)


# Sending --------------------------------------------------------------------------------------------


def send(channel: str, case: dict, access, as_user, open311_key):
	case = dict(case)
	if channel == "rest":
		client = as_user("Call Center Agent")
		if "raw" in case:
			return client.post(
				"/api/resource/Complaint", data=case["raw"], headers={"Content-Type": "application/json"}
			)
		body = case.pop("body") if "body" in case else rest_complaint(access, **case)
		return client.post("/api/resource/Complaint", json=body)
	if channel == "portal":
		files = [("attachments", (name, content, mime)) for name, content, mime in case.pop("files", [])]
		data = case.pop("data") if "data" in case else json.dumps(portal_values(access, **case))
		return as_user(None).guest_post(
			"/api/method/complaints_mgmt.api.portal.file_complaint",
			{"data": data},
			files=files,
			headers={"X-Forwarded-For": client_address()},
		)
	if channel == "web_form":
		return as_user(None).post(
			"/api/method/frappe.website.doctype.web_form.web_form.accept",
			data={
				"web_form": "file-a-complaint",
				"data": json.dumps({"doctype": "Complaint", **portal_values(access, **case)}),
			},
			headers={"X-Forwarded-For": client_address()},
		)
	if channel == "sync":
		client = as_user(case.pop("user", "Central System Integration"))
		if "raw" in case:
			return client.post(
				"/api/method/complaints_mgmt.api.sync.receive_complaint",
				data=case["raw"],
				headers={"Content-Type": "application/json"},
			)
		body = case.pop("body") if "body" in case else {"complaint": central_complaint(access, **case)}
		method = "receive_complaints" if "complaints" in body else "receive_complaint"
		return client.post(f"/api/method/complaints_mgmt.api.sync.{method}", json=body)
	if channel == "open311":
		return as_user(None).post("/open311/v2/requests.json", data=open311_form(open311_key, **case))
	if channel == "upload":
		client = as_user(case.pop("user"))
		target = case.pop("attach_to", None)
		data = {"is_private": case.pop("is_private", 1), **case.pop("data", {})}
		if target:
			data.update(doctype="Complaint", docname=access["complaints"][target]["name"])
		if data.get("file_url") in access["complaints"]:
			data["file_url"] = access["complaints"][data["file_url"]]["file_url"]
		files = {"file": case.pop("file")} if "file" in case else {}
		return client.post("/api/method/upload_file", data=data, files=files)
	raise ValueError(channel)


def portal_file(name: str, content: bytes, mime: str = "image/png") -> dict:
	return {"files": [(name, content, mime)]}


# The table: channel, input, the status it gets -------------------------------------------------------


def upload(case: str, status: int, user: str | None, **fields):
	"""A bad request to Frappe's upload endpoint (POST /api/method/upload_file) by `user`, None a guest."""
	return pytest.param("upload", {"user": user, **fields}, status, id=f"upload-{case}")


BAD_INPUTS = [
	# REST: POST /api/resource/Complaint as a call-centre agent
	pytest.param("rest", {"subject": "x" * 201}, 417, id="rest-subject-too-long"),
	pytest.param("rest", {"description": "x" * 16_001}, 417, id="rest-description-too-long"),
	pytest.param("rest", {"description": "x" * 300_000}, 413, id="rest-body-too-large"),
	pytest.param("rest", {"subject": {"$gt": ""}}, 417, id="rest-subject-an-object"),
	pytest.param("rest", {"subject": ["a", "b"]}, 417, id="rest-subject-a-list"),
	pytest.param("rest", {"is_anonymous": [1]}, 417, id="rest-check-a-list"),
	pytest.param("rest", {"received_on": "yesterday"}, 417, id="rest-date-not-a-date"),
	pytest.param("rest", {"deadline": "2026-13-45"}, 417, id="rest-date-out-of-range"),
	pytest.param("rest", {"national_id": "123"}, 417, id="rest-national-id-short"),
	pytest.param("rest", {"national_id": "29913320112345"}, 417, id="rest-national-id-no-birth-date"),
	pytest.param("rest", {"national_id": "2900101011234X"}, 417, id="rest-national-id-letters"),
	pytest.param("rest", {"mobile": "12345"}, 417, id="rest-mobile-short"),
	pytest.param("rest", {"mobile": "+1 202 555 0147"}, 417, id="rest-mobile-foreign"),
	pytest.param("rest", {"email": "<script>alert(1)</script>@example.com"}, 417, id="rest-email-script"),
	pytest.param("rest", {"category": "No Such Category"}, 417, id="rest-unknown-category"),
	pytest.param("rest", {"governorate": "Atlantis"}, 417, id="rest-unknown-governorate"),
	pytest.param("rest", {"duplicate_of": "2099-0000001-6"}, 417, id="rest-unknown-duplicate"),
	pytest.param("rest", {"liaison_officer": "nobody@example.com"}, 417, id="rest-unknown-officer"),
	pytest.param("rest", {"category": SQL}, 417, id="rest-sql-in-link"),
	pytest.param("rest", {"governorate": SQL_DROP}, 417, id="rest-sql-drop-in-link"),
	pytest.param("rest", {"complaint_type": "Bribe"}, 417, id="rest-unknown-select-option"),
	pytest.param("rest", {"status": "Closed"}, 417, id="rest-state-skipping-the-workflow"),
	pytest.param("rest", {"body": [1, 2]}, 400, id="rest-body-an-array"),
	pytest.param(
		"rest",
		{"raw": '{"subject": '},
		400,
		id="rest-body-not-json",
		marks=pytest.mark.xfail(
			strict=True, reason="Frappe 15.44 parses the body before any app hook runs: 500, nothing written"
		),
	),
	# The portal's form: POST api/portal.file_complaint as a guest (multipart)
	pytest.param("portal", {"national_id": "123"}, 422, id="portal-national-id-short"),
	pytest.param("portal", {"national_id": None}, 422, id="portal-guest-without-national-id"),
	pytest.param("portal", {"mobile": "999"}, 422, id="portal-mobile-short"),
	pytest.param("portal", {"category": "No Such Category"}, 422, id="portal-unknown-category"),
	pytest.param("portal", {"governorate": SQL_DROP}, 422, id="portal-sql-in-governorate"),
	pytest.param("portal", {"subject": {"a": 1}}, 422, id="portal-subject-an-object"),
	pytest.param("portal", {"description": "x" * 6_000}, 422, id="portal-description-too-long"),
	pytest.param("portal", {"complaint_type": "Bribe"}, 422, id="portal-unknown-type"),
	pytest.param("portal", {"data": "[1, 2]"}, 400, id="portal-data-an-array"),
	pytest.param("portal", {"data": "{not json"}, 400, id="portal-data-not-json"),
	pytest.param(
		"portal", portal_file("photo.png", b"MZ\x90\x00" + bytes(200)), 422, id="portal-executable-named-png"
	),
	pytest.param(
		"portal",
		portal_file("doc.pdf", b"<html><script>alert(1)</script></html>", "application/pdf"),
		422,
		id="portal-html-named-pdf",
	),
	pytest.param(
		"portal",
		portal_file("x.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "image/svg+xml"),
		422,
		id="portal-svg-with-script",
	),
	pytest.param(
		"portal", portal_file("x.php.png", b"<?php system($_GET['c']); ?>"), 422, id="portal-php-named-png"
	),
	pytest.param(
		"portal",
		{"files": [(f"p{i}.png", PNG + bytes([i]), "image/png") for i in range(6)]},
		422,
		id="portal-too-many-files",
	),
	pytest.param(
		"portal", portal_file("big.png", PNG + bytes(6 * 1024 * 1024)), 422, id="portal-file-too-large"
	),
	# Frappe's generic web form endpoint is not a way in
	pytest.param("web_form", {}, 417, id="web-form-generic-endpoint"),
	pytest.param("web_form", {"national_id": "1"}, 417, id="web-form-bad-national-id"),
	# The central system's sync: POST api/sync.receive_complaint(s) as the integration user
	pytest.param("sync", {"national_id": "123"}, 400, id="sync-national-id-short"),
	pytest.param("sync", {"national_id": 29001010112345}, 400, id="sync-national-id-a-number"),
	pytest.param("sync", {"mobile": "5"}, 400, id="sync-mobile-short"),
	pytest.param("sync", {"category": "No Such Category"}, 400, id="sync-unknown-category"),
	pytest.param("sync", {"governorate": SQL}, 400, id="sync-sql-in-governorate"),
	pytest.param("sync", {"subject": "x" * 201}, 400, id="sync-subject-too-long"),
	pytest.param("sync", {"description": ["a"]}, 400, id="sync-description-a-list"),
	pytest.param("sync", {"is_anonymous": "yes"}, 400, id="sync-check-not-a-boolean"),
	pytest.param("sync", {"received_on": "yesterday"}, 400, id="sync-date-not-a-date"),
	pytest.param("sync", {"external_reference": None}, 400, id="sync-without-reference"),
	pytest.param("sync", {"external_reference": {"a": 1}}, 400, id="sync-reference-an-object"),
	pytest.param("sync", {"description": "x" * 5_000_000}, 413, id="sync-body-too-large"),
	pytest.param("sync", {"body": {"complaint": "text"}}, 417, id="sync-complaint-not-an-object"),
	pytest.param("sync", {"body": {"complaints": "text"}}, 417, id="sync-batch-not-a-list"),
	pytest.param("sync", {"user": "citizen_a"}, 403, id="sync-not-the-integration-user"),
	# Open311: POST /open311/v2/requests.json with an API key
	pytest.param("open311", {"api_key": None}, 403, id="open311-without-api-key"),
	pytest.param("open311", {"api_key": "guessed-key"}, 403, id="open311-wrong-api-key"),
	pytest.param("open311", {"service_code": SQL}, 400, id="open311-sql-in-service-code"),
	pytest.param("open311", {"attribute[national_id]": "123"}, 400, id="open311-national-id-short"),
	pytest.param("open311", {"phone": "999"}, 400, id="open311-phone-short"),
	pytest.param("open311", {"attribute[governorate]": "Atlantis"}, 400, id="open311-unknown-governorate"),
	pytest.param("open311", {"email": "not-an-email"}, 400, id="open311-email-invalid"),
	pytest.param("open311", {"description": "x" * 20_000}, 400, id="open311-description-too-long"),
	pytest.param("open311", {"lat": "abc", "long": "1"}, 400, id="open311-location-not-a-number"),
	pytest.param("open311", {"description": "x" * 70_000}, 413, id="open311-body-too-large"),
	# Frappe's upload endpoint: POST /api/method/upload_file
	upload("to-another-citizens-complaint", 403, "citizen_b", attach_to="a1", file=("o.png", PNG + b"other")),
	upload(
		"by-a-citizen-outside-the-portal", 403, "citizen_a", attach_to="a1", file=("own.png", PNG + b"own")
	),
	upload("to-another-units-complaint", 403, "officer_b1", attach_to="a1", file=("o.png", PNG + b"officer")),
	upload("linking-anothers-private-file", 403, "citizen_b", data={"file_url": "a1"}),
	upload(
		"linking-anothers-file-to-own-complaint", 403, "officer_b1", attach_to="b1", data={"file_url": "a1"}
	),
	upload("html-by-a-citizen", 417, "citizen_a", file=("x.html", b"<script>alert(1)</script>", "text/html")),
	upload(
		"folder-path-trick", 417, "citizen_a", data={"folder": "Home/../../"}, file=("f.png", PNG + b"folder")
	),
	upload("by-a-guest", 403, None, attach_to="a1", file=("g.png", PNG + b"guest")),
]


@pytest.mark.parametrize("channel, case, status", BAD_INPUTS)
def test_bad_input_gets_a_clear_4xx_and_writes_nothing(access, as_user, open311_key, channel, case, status):
	before = counts(as_user)
	response = send(channel, case, access, as_user, open311_key)
	assert counts(as_user) == before, f"something was written: {response.status_code} {response.text[:300]}"
	assert response.status_code == status, response.text[:400]
	assert "Traceback" not in response.text or response.status_code != 500


@pytest.mark.parametrize(
	"filters",
	[[["name", "=", SQL]], [["subject", "like", "%' or 1=1 or '%"]], {"name": SQL_DROP}],
	ids=["eq", "like", "drop"],
)
def test_sql_fragments_in_list_filters_find_nothing(access, as_user, filters):
	before = counts(as_user)
	response = as_user("Call Center Agent").get(
		"/api/resource/Complaint", params={"filters": json.dumps(filters)}
	)
	assert response.status_code == 200 and response.json()["data"] == [], response.text[:300]
	assert counts(as_user) == before


@pytest.mark.parametrize(
	"params",
	[
		pytest.param(
			{"fields": json.dumps(["name", "(select national_id from `tabComplaint` limit 1) as x"])},
			id="sub-query-field",
		),
		pytest.param(
			{"fields": json.dumps(["name", "sleep(3)"])},
			id="function-field",
			marks=pytest.mark.xfail(
				strict=True, reason="Frappe 15.44 refuses it with an IndexError: 500, nothing runs"
			),
		),
		pytest.param({"order_by": "name; drop table `tabComplaint`"}, id="second-statement-in-order"),
		pytest.param({"order_by": "(select 1 from `tabUser` limit 1)"}, id="sub-query-in-order"),
	],
)
def test_sql_smuggled_into_fields_or_ordering_is_refused(access, as_user, params):
	before = counts(as_user)
	response = as_user("Call Center Agent").get("/api/resource/Complaint", params=params)
	assert counts(as_user) == before
	assert response.elapsed.total_seconds() < 3  # no sleep() ran
	assert "national_id" not in response.text or response.status_code != 200
	assert 400 <= response.status_code < 500, (response.status_code, response.text[:300])


def test_a_batch_writes_its_good_items_only(access, as_user):
	good, bad = central_complaint(access), central_complaint(access, national_id="1")
	before = counts(as_user)
	response = as_user("Central System Integration").post(
		"/api/method/complaints_mgmt.api.sync.receive_complaints", json={"complaints": [good, bad]}
	)
	assert response.status_code == 200, response.text[:300]
	results = response.json()["message"]["results"]
	access["made"].append(results[0].get("tracking_number"))
	assert [item["ok"] for item in results] == [True, False]
	assert counts(as_user)[0] == before[0] + 1


@pytest.mark.parametrize(
	"file_name",
	[
		"../../../../etc/passwd.png",
		"..\\..\\sites\\common_site_config.png",
		"a/../../b.png",
		"%2e%2e%2fx.png",
		".htaccess.png",
	],
)
def test_path_tricks_in_file_names_become_plain_private_names(access, as_user, file_name):
	response = send("portal", portal_file(file_name, PNG + file_name.encode()), access, as_user, None)
	assert response.status_code == 200, response.text[:300]
	name = response.json()["message"]["name"]
	access["made"].append(name)
	files = (
		as_user("Administrator")
		.get(
			"/api/resource/File",
			params={
				"filters": json.dumps([["attached_to_name", "=", name]]),
				"fields": json.dumps(["file_url", "is_private"]),
			},
		)
		.json()["data"]
	)
	assert len(files) == 1
	url = files[0]["file_url"]
	assert files[0]["is_private"] == 1
	assert url.startswith("/private/files/") and "/" not in url.removeprefix("/private/files/")
	assert ".." not in url and "\\" not in url and "%" not in url and not url.endswith("/.htaccess")
	assert as_user(None).get(url).status_code == 403
	assert as_user("Administrator").get(url).content == PNG + file_name.encode()


def test_a_file_staff_attach_is_served_as_a_download_never_rendered(access, as_user):
	"""Staff may attach any type of document; an HTML or SVG file is sent as an attachment, so a
	browser saves it instead of running it on the site's origin."""
	client = as_user("officer_a1")
	for name, content, mime in (
		("note.html", b"<script>window.__xss=1</script>", "text/html"),
		("plan.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "image/svg+xml"),
	):
		response = client.post(
			"/api/method/upload_file",
			data={"doctype": "Complaint", "docname": access["complaints"]["a1"]["name"], "is_private": 1},
			files={"file": (name, content + access["marker"].encode(), mime)},
		)
		assert response.status_code == 200, response.text[:300]
		served = client.get(response.json()["message"]["file_url"])
		assert served.status_code == 200
		assert served.headers["Content-Disposition"].startswith("attachment")


# Stored payloads in the browser -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def payloads(access):
	"""Closed complaints of citizen A whose texts and timeline comment are script, HTML and template
	payloads: one saved the normal way (Frappe sanitises HTML on save: what every path of the app does),
	one written raw into the database past that. The desk renders some texts and comments as HTML by
	design and relies on that sanitising; the app's own pages escape whatever they print."""
	made = {
		variant: execute("make_payload_complaint", raw=variant == "raw") for variant in ("sanitised", "raw")
	}
	access["made"].extend(data["name"] for data in made.values())
	return made


def watch(page) -> list[str]:
	"""Dialogs the page opens (each dismissed)."""
	dialogs: list[str] = []

	def on_dialog(dialog):
		dialogs.append(dialog.message)
		dialog.dismiss()

	page.on("dialog", on_dialog)
	return dialogs


def assert_inert(page, dialogs: list[str], where: str) -> None:
	page.wait_for_timeout(1500)  # let late scripts and image errors fire
	assert dialogs == [], f"{where}: a dialog opened: {dialogs}"
	assert page.evaluate("window.__xss") is None, f"{where}: a payload ran"
	assert "1343433" not in page.content(), f"{where}: text was rendered as a template"


def browser_login(page, site_url: str, user: str, password: str) -> None:
	response = page.request.post(f"{site_url}/api/method/login", form={"usr": user, "pwd": password})
	assert response.ok, response.text()


def test_payloads_do_not_run_in_the_desk_or_its_print_view(site_url, page, access, payloads):
	dialogs = watch(page)
	browser_login(page, site_url, access["users"]["System Manager"], access["password"])
	name = payloads["sanitised"]["name"]
	page.goto(f"{site_url}/app/complaint/{name}")
	page.wait_for_selector(".form-layout", timeout=60_000)
	page.wait_for_selector(".timeline-item", timeout=30_000)
	assert "__xss" in page.content()  # the payload is on the page
	assert_inert(page, dialogs, "desk form")
	page.goto(f"{site_url}/app/complaint?name={name}")
	page.wait_for_selector(".list-row-container, .result", timeout=60_000)
	assert_inert(page, dialogs, "desk list")
	page.goto(f"{site_url}/printview?doctype=Complaint&name={name}&format=Standard")
	assert_inert(page, dialogs, "print view")


@pytest.mark.parametrize("variant", ["sanitised", "raw"])
def test_payloads_do_not_run_in_the_complaint_receipt(site_url, page, access, payloads, variant):
	dialogs = watch(page)
	browser_login(page, site_url, access["users"]["System Manager"], access["password"])
	page.goto(
		f"{site_url}/printview?doctype=Complaint&name={payloads[variant]['name']}&format=Complaint Receipt"
	)
	assert "__xss" in page.content()
	assert_inert(page, dialogs, "receipt")


@pytest.mark.parametrize("variant", ["sanitised", "raw"])
def test_payloads_do_not_run_on_the_citizens_portal_pages(site_url, page, access, payloads, variant):
	dialogs = watch(page)
	browser_login(page, site_url, access["users"]["citizen_a"], access["password"])
	name = payloads[variant]["name"]
	page.goto(f"{site_url}/my-complaints")
	assert name in page.content()
	assert_inert(page, dialogs, "my complaints")
	page.goto(f"{site_url}/my-complaints/{name}")
	assert "window.__xss=2" in page.inner_text("body")  # shown, as text
	assert_inert(page, dialogs, "my complaint")


@pytest.mark.parametrize("variant", ["sanitised", "raw"])
def test_payloads_do_not_run_on_the_tracking_page(site_url, page, access, payloads, variant, limits_reset):
	payload_complaint = payloads[variant]
	dialogs = watch(page)
	page.goto(f"{site_url}/track")
	page.fill("#track-tracking-number", payload_complaint["name"])
	page.fill("#track-national-id", payload_complaint["national_id"])
	page.click("#track-submit")
	page.wait_for_selector("#track-result .tracking-number", timeout=30_000)
	assert "window.__xss=2" in page.inner_text("#track-result")
	assert_inert(page, dialogs, "tracking page")
