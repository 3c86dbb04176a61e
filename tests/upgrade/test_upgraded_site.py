"""Smoke suite of the upgrade test (scripts/lib/upgrade.sh): a site installed from the previous release
with the demo data, then migrated to this code. What a person does first on the morning after an
upgrade works on it: staff log in and open the list, a complaint's form and a report; a citizen tracks a
complaint on the portal; the jobs the old code queued (and no worker ran) are run by this code.

Run by `scripts/test` (or `scripts/test --upgrade-only`), which sets TEST_SITE to the upgraded site and
UPGRADE_CREDENTIALS to its demo logins; marked `upgrade`, so a plain `pytest tests` leaves it out."""

import json
import os
import subprocess

import pytest
import requests
from conftest import BENCH_ROOT, OUTPUT, TEST_SITE, bench

pytestmark = pytest.mark.upgrade

OFFICER = "officer.nasrcity@demo.complaints.local"  # the demo's printed liaison officer (setup/demo.py)
CITIZEN = "citizen@demo.complaints.local"
# Every state the demo leaves complaints in (setup/demo.py STATE_SPREAD and SHOWCASE)
STATES = {
	"Routed",
	"Accepted",
	"Transferred",
	"In Progress",
	"Awaiting Citizen",
	"Responded",
	"Under Review",
	"Returned",
	"Closed",
	"Reopened",
	"Rejected",
}
# The registration notices' job as the previous release queued it: by its module path before the app's
# domain packages (releases before 0.15, imported through utils/legacy_paths.py), or in its package.
NOTICES_JOBS = {
	"complaints_mgmt.registration_notices.send_pending",
	"complaints_mgmt.messaging.registration_notices.send_pending",
}
# The complaints the notices job has to handle: filed in the last days and not notified yet
NOT_NOTIFIED = "complaints_mgmt.messaging.registration_notices.unstamped"


@pytest.fixture(scope="module")
def passwords() -> dict[str, str]:
	path = os.environ.get("UPGRADE_CREDENTIALS")
	if not path:
		pytest.fail("UPGRADE_CREDENTIALS is not set: run this suite through scripts/test --upgrade-only")
	with open(path) as f:
		return {line.split()[0]: line.split()[1] for line in f if "@" in line.split(" ")[0]}


def logged_in(site_url: str, user: str, password: str) -> requests.Session:
	http = requests.Session()
	http.headers["Accept"] = "application/json"
	response = http.post(f"{site_url}/api/method/login", data={"usr": user, "pwd": password}, timeout=60)
	assert response.status_code == 200, response.text
	return http


def call(http: requests.Session, site_url: str, method: str, **params):
	response = http.post(f"{site_url}/api/method/{method}", json=params, timeout=120)
	assert response.status_code == 200, f"{method}: {response.status_code} {response.text[:500]}"
	return response.json()["message"]


def execute(method: str, **kwargs):
	"""A function's result on the upgraded site, through `bench execute` (None for a falsy one: bench
	prints nothing then)."""
	args = ["execute", method] + (["--kwargs", json.dumps(kwargs)] if kwargs else [])
	out = bench(*args).stdout.strip()
	return json.loads(out.splitlines()[-1]) if out else None


@pytest.fixture(scope="module")
def admin(site_url) -> requests.Session:
	return logged_in(site_url, "Administrator", "admin")


@pytest.fixture(scope="module")
def officer(site_url, passwords) -> requests.Session:
	return logged_in(site_url, OFFICER, passwords[OFFICER])


@pytest.fixture(scope="module")
def officers_complaint(site_url, officer) -> str:
	rows = call(
		officer, site_url, "frappe.client.get_list", doctype="Complaint", fields=["name"], limit_page_length=1
	)
	assert rows, "the demo officer sees no complaint after the upgrade"
	return rows[0]["name"]


def test_staff_log_in(site_url, officer):
	assert call(officer, site_url, "frappe.auth.get_logged_user") == OFFICER


def test_complaints_in_every_state_are_listed(site_url, admin, officer):
	rows = call(
		admin,
		site_url,
		"frappe.desk.reportview.get",
		doctype="Complaint",
		fields=["status", "count(name) as count"],
		group_by="status",
	)
	counted = {status: count for status, count in rows["values"]} if rows else {}
	assert STATES <= set(counted), counted
	# the list as the officer's desk asks for it
	mine = call(
		officer, site_url, "frappe.desk.reportview.get", doctype="Complaint", fields=["name", "status"]
	)
	assert mine and mine["values"], "the officer's list is empty after the upgrade"


def test_a_complaint_form_opens(site_url, officer, officers_complaint):
	loaded = officer.get(
		f"{site_url}/api/method/frappe.desk.form.load.getdoc",
		params={"doctype": "Complaint", "name": officers_complaint},
		timeout=60,
	)
	assert loaded.status_code == 200, loaded.text[:500]
	assert loaded.json()["docs"][0]["name"] == officers_complaint
	page = officer.get(
		f"{site_url}/app/complaint/{officers_complaint}", headers={"Accept": "text/html"}, timeout=60
	)
	assert page.status_code == 200


def test_the_portal_tracks_a_complaint(site_url, passwords):
	citizen = logged_in(site_url, CITIZEN, passwords[CITIZEN])
	mine = call(
		citizen, site_url, "frappe.client.get_list", doctype="Complaint", fields=["name"], limit_page_length=1
	)
	assert mine, "the demo citizen has no complaint after the upgrade"
	number = mine[0]["name"]
	track = requests.get(f"{site_url}/track", params={"tracking_number": number}, timeout=60)
	assert track.status_code == 200 and number in track.text
	page = citizen.get(f"{site_url}/my-complaints/{number}", headers={"Accept": "text/html"}, timeout=60)
	assert page.status_code == 200 and number in page.text


def test_a_report_runs(site_url, admin):
	result = call(
		admin, site_url, "frappe.desk.query_report.run", report_name="Complaints Analysis", filters={}
	)
	assert result["columns"] and result["result"], result


def test_jobs_queued_before_the_upgrade_run_after_it():
	# scripts/lib/upgrade.sh gives the upgraded site a queue of its own (FRAPPE_REDIS_QUEUE): this worker
	# runs its jobs and no other site's. The app's jobs go to the short queue; the default one holds
	# Frappe's own (hundreds of notification logs of the demo's assignments, minutes of work).
	assert os.environ.get("FRAPPE_REDIS_QUEUE"), "run through scripts/test --upgrade-only"
	waiting = execute("frappe.utils.background_jobs.get_jobs", site=TEST_SITE, queue="short")
	assert NOTICES_JOBS & set(
		(waiting or {}).get(TEST_SITE, [])
	), f"no job left waiting by the old code: {waiting}"
	assert execute(NOT_NOTIFIED, limit=10_000), "the demo left no complaint waiting for its notices"
	with open(OUTPUT / "upgrade-worker.log", "w") as log:
		subprocess.run(
			["bench", "worker", "--queue", "short", "--burst"],
			cwd=BENCH_ROOT,
			stdout=log,
			stderr=subprocess.STDOUT,
			check=True,
			timeout=600,
		)
	assert not execute(NOT_NOTIFIED, limit=10_000)
	assert not (execute("frappe.utils.background_jobs.get_jobs", site=TEST_SITE, queue="short") or {}).get(
		TEST_SITE
	)
