"""Factories for tests: a small organisation and complaints in it. Shared by every test module."""

from contextlib import contextmanager

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_to_date, now_datetime, random_string

# A second database connection, as a concurrent request has
from complaints_mgmt.intake.tracking import own_connection as other_connection
from complaints_mgmt.setup.service_levels import escalation_level
from complaints_mgmt.setup.site import allow_many_users

# A valid Egyptian national ID: century 2 (1900s), born 1990-01-01, governorate 01 (Cairo).
VALID_NATIONAL_ID = "29001010112345"
VALID_MOBILE = "01012345678"


def make_user(email: str | None = None, roles: list[str] | tuple = (), user_type: str = "System User"):
	email = email or f"{frappe.generate_hash(length=12)}@test.complaints.local"
	if frappe.db.exists("User", email):
		user = frappe.get_doc("User", email)
	else:
		allow_many_users()  # a full test run creates hundreds, rolled back or not
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": email.split("@")[0],
				"send_welcome_email": 0,
				"user_type": user_type,
			}
		).insert(ignore_permissions=True)
	if roles:
		user.add_roles(*roles)
	return user


TEST_SYSTEM_MANAGER = "system-manager@test.complaints.local"


def ensure_test_system_manager() -> None:
	"""Frappe gives System Manager to every new desk user while no enabled user but Administrator holds
	it (user.add_system_manager_role): on a fresh site each test user would see everything. With one
	System Manager on the site, new users get only the roles a test gives them."""
	if not frappe.db.exists("User", TEST_SYSTEM_MANAGER):
		make_user(TEST_SYSTEM_MANAGER, roles=["System Manager"])


def before_tests() -> None:
	"""`before_tests` hook of `bench run-tests`."""
	ensure_test_system_manager()
	frappe.db.commit()


def make_governorate(name: str = "Cairo", code: str = "01", region: str = "Greater Cairo"):
	if not frappe.db.exists("Governorate", name):
		frappe.get_doc(
			{"doctype": "Governorate", "governorate_name": name, "code": code, "region": region}
		).insert(ignore_permissions=True)
	return frappe.get_doc("Governorate", name)


def make_directorate(governorate: str = "Cairo", name: str | None = None, head: str | None = None):
	name = name or f"{governorate} Directorate"
	if not frappe.db.exists("Directorate", name):
		frappe.get_doc(
			{"doctype": "Directorate", "directorate_name": name, "governorate": governorate, "head": head}
		).insert(ignore_permissions=True)
	return frappe.get_doc("Directorate", name)


def _place(doctype: str, parent_field: str, parent: str, name_en: str, name_ar: str | None, **fields):
	"""The place of that English name under its parent (`parent_field`), made when missing."""
	name = frappe.db.get_value(doctype, {parent_field: parent, "name_en": name_en})
	if name:
		return frappe.get_doc(doctype, name)
	return frappe.get_doc(
		{
			"doctype": doctype,
			parent_field: parent,
			"name_en": name_en,
			"name_ar": name_ar or name_en,
			**fields,
		}
	).insert(ignore_permissions=True)


def make_district(
	governorate: str = "Cairo", name_en: str = "Nasr City", name_ar: str | None = None, **fields
):
	"""The district of that English name in the governorate, made when missing."""
	return _place("District", "governorate", governorate, name_en, name_ar, **{"kind": "Markaz", **fields})


def make_village(district: str, name_en: str, name_ar: str | None = None, **fields):
	"""The village of that English name in the district, made when missing."""
	return _place("Village", "district", district, name_en, name_ar, **fields)


def make_social_unit(
	directorate: str, code: str | None = None, district: str = "Nasr City", village: str | None = None
):
	"""A social unit of the directorate serving the district (an English name in the directorate's
	governorate, made when missing), or only `village` of it."""
	code = code or f"SU-{random_string(6).upper()}"
	if not frappe.db.exists("Social Unit", code):
		governorate = frappe.db.get_value("Directorate", directorate, "governorate")
		place = make_district(governorate, district).name
		frappe.get_doc(
			{
				"doctype": "Social Unit",
				"unit_code": code,
				"unit_name": f"{district} Social Unit {code}",
				"directorate": directorate,
				"places": [{"district": place, "village": village}],
			}
		).insert(ignore_permissions=True)
	return frappe.get_doc("Social Unit", code)


def timeline(name: str, comment_type="Info", **query) -> list:
	"""The complaint's comments of `comment_type` (a value or a filter), oldest first: their content, or
	what `query` asks for (`fields=[...]`)."""
	return frappe.get_all(
		"Comment",
		filters={"reference_doctype": "Complaint", "reference_name": name, "comment_type": comment_type},
		order_by="creation asc, name asc",
		**(query or {"pluck": "content"}),
	)


def query_plan(sql: str) -> frappe._dict:
	"""The one row of MariaDB's EXPLAIN of `sql`: the index it reads (`key`), the access `type`, `Extra`."""
	[plan] = frappe.db.sql(f"EXPLAIN {sql}", as_dict=True)
	return plan


def version_changes(name: str) -> list[list]:
	"""Every [field, old value, new value] the complaint's versions recorded."""
	versions = frappe.get_all("Version", filters={"ref_doctype": "Complaint", "docname": name}, pluck="data")
	return [row for data in versions for row in frappe.parse_json(data).get("changed", [])]


def served_district(unit: str) -> str:
	"""The (first) district a social unit serves."""
	return frappe.get_all(
		"Social Unit Place", filters={"parent": unit, "parenttype": "Social Unit"}, pluck="district", limit=1
	)[0]


def make_category(name: str = "Takaful and Karama", routing_level: str = "Social Unit", **fields):
	if not frappe.db.exists("Complaint Category", name):
		frappe.get_doc(
			{"doctype": "Complaint Category", "category_name": name, "routing_level": routing_level, **fields}
		).insert(ignore_permissions=True)
	return frappe.get_doc("Complaint Category", name)


def make_liaison_officer(units: list[tuple[str, str]], user: str | None = None, **fields):
	"""units: [(unit_doctype, unit_name), ...]"""
	user = user or make_user(roles=["Liaison Officer"]).name
	if frappe.db.exists("Liaison Officer", user):
		return frappe.get_doc("Liaison Officer", user)
	return frappe.get_doc(
		{
			"doctype": "Liaison Officer",
			"user": user,
			"mobile": "01112345678",
			"units": [{"unit_doctype": dt, "unit": name} for dt, name in units],
			**fields,
		}
	).insert(ignore_permissions=True)


def make_complaint(**fields):
	"""A valid complaint of a Cairo complainant; pass fields to override."""
	make_governorate()
	category = fields.pop("category", None) or make_category().name
	doc = frappe.get_doc(
		{
			"doctype": "Complaint",
			"complaint_type": "Complaint",
			"channel": "Counter",
			"category": category,
			**COMPLAINT,
			**fields,
		}
	)
	return doc.insert(ignore_permissions=True)


def make_desk_user(email: str, roles: list[str], language: str = "en", password: str | None = None):
	"""A desk user for browser tests (called through `bench execute`, which commits)."""
	user = make_user(email, roles)
	if user.language != language:
		user.language = language
		user.save(ignore_permissions=True)
	if password:
		from frappe.utils.password import update_password

		update_password(email, password)
	return user.name


def make_browser_lifecycle_org(password: str) -> dict:
	"""For the browser suite (called through `bench execute`, which commits): a governorate of its own
	with a directorate, one social unit and its liaison officer, a social-unit category, and a call-centre
	agent. Both users are Arabic desk users with `password`."""
	suffix = random_string(6)
	governorate = make_governorate(f"Browser Governorate {suffix}", code=_free_governorate_code()).name
	directorate = make_directorate(governorate, name=f"Browser Directorate {suffix}").name
	district = f"Browser District {suffix}"
	unit = make_social_unit(directorate, district=district).name
	district = served_district(unit)  # the District record the desk's link field names
	category = make_category(f"Browser Category {suffix}", resolution_days=15).name
	domain = "test.complaints.local"
	officer = make_desk_user(f"officer.{suffix.lower()}@{domain}", ["Liaison Officer"], "ar", password)
	make_liaison_officer([("Social Unit", unit)], user=officer)
	agent = make_desk_user(f"agent.{suffix.lower()}@{domain}", ["Call Center Agent"], "ar", password)
	return {
		"governorate": governorate,
		"district": district,
		"unit": unit,
		"category": category,
		"officer": officer,
		"agent": agent,
	}


# Open APIs: a real HTTP server for this site, integration credentials and a local receiver ----------


def free_port(
	first: int = 8100, last: int = 8199, exclude: tuple[int, ...] = (), reuse_address: bool = False
) -> int:
	"""A TCP port in first..last that nothing listens on now, other than those in `exclude` (ports a test
	keeps for a server it starts later). The environment variable TEST_PORT_RANGE ("8120-8129") narrows
	the default range, for test runs side by side. With `reuse_address`, ports left in TIME_WAIT count as
	free (for a server that binds with SO_REUSEADDR)."""
	import os
	import random
	import socket

	if (first, last) == (8100, 8199) and os.environ.get("TEST_PORT_RANGE"):
		first, last = (int(part) for part in os.environ["TEST_PORT_RANGE"].split("-"))
	ports = [port for port in range(first, last + 1) if port not in exclude]
	random.shuffle(ports)
	for port in ports:
		with socket.socket() as sock:
			if reuse_address:
				sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
			try:
				sock.bind(("127.0.0.1", port))
			except OSError:
				continue
			return port
	raise RuntimeError(f"No free port in {first}-{last}")


class SiteServer:
	"""This site served by Frappe's threaded development server on 127.0.0.1, in a child process.

	Each request runs in its own thread with its own database connection, as in production, so
	concurrency is real. The server sees only committed data: commit what a test sets up for it."""

	def __init__(self, port: int | None = None):
		self.port = port or free_port()
		self.url = f"http://127.0.0.1:{self.port}"
		self.process = None

	def start(self, timeout: float = 60):
		import os
		import subprocess
		import sys
		import tempfile
		import time

		import requests

		self.log = tempfile.NamedTemporaryFile(prefix="site-server-", suffix=".log", delete=False)
		self.process = subprocess.Popen(
			[
				sys.executable,
				"-m",
				"frappe.utils.bench_helper",
				"frappe",
				"--site",
				frappe.local.site,
				"serve",
				"--port",
				str(self.port),
				"--noreload",
			],
			cwd=os.path.abspath(frappe.local.sites_path),
			env={**os.environ, "CI": "1"},
			stdout=self.log,
			stderr=subprocess.STDOUT,
		)
		deadline = time.monotonic() + timeout
		while time.monotonic() < deadline:
			if self.process.poll() is not None:
				raise RuntimeError(f"Site server exited; see {self.log.name}")
			try:
				if requests.get(f"{self.url}/api/method/ping", timeout=2).ok:
					return self
			except requests.RequestException:
				time.sleep(0.3)
		self.stop()
		raise RuntimeError(f"Site server did not start in {timeout}s; see {self.log.name}")

	def stop(self):
		import subprocess

		if self.process and self.process.poll() is None:
			self.process.terminate()
			try:
				self.process.wait(timeout=10)
			except subprocess.TimeoutExpired:
				self.process.kill()
				self.process.wait(timeout=10)
		self.process = None
		if getattr(self, "log", None):
			import os

			self.log.close()
			os.unlink(self.log.name)
			self.log = None


class LocalHTTPServer:
	"""A real HTTP server on 127.0.0.1 in a thread, standing for an outside system in a test: what it is
	sent goes to `received`, in order, and it answers `status`. A subclass sets `path` (of its `url`) and
	handles each GET or POST in `respond(request)` (a BaseHTTPRequestHandler)."""

	path = "/"

	def __init__(self, port: int, status: int = 200):
		self.port = port
		self.url = f"http://127.0.0.1:{port}{self.path}"
		self.status = status
		self.received: list[dict] = []
		self.server = None

	def respond(self, request) -> None:
		raise NotImplementedError

	def handler(self):
		from http.server import BaseHTTPRequestHandler

		server = self

		class Handler(BaseHTTPRequestHandler):
			def do_GET(self):
				server.respond(self)

			def do_POST(self):
				server.respond(self)

			def log_message(self, *args):
				pass

		return Handler

	@staticmethod
	def body(request) -> bytes:
		return request.rfile.read(int(request.headers.get("Content-Length") or 0))

	def start(self):
		import threading
		from http.server import ThreadingHTTPServer

		self.server = ThreadingHTTPServer(("127.0.0.1", self.port), self.handler())
		self.server.daemon_threads = True
		threading.Thread(target=self.server.serve_forever, daemon=True).start()
		return self

	def stop(self):
		if self.server:
			self.server.shutdown()
			self.server.server_close()
			self.server = None


class Receiver(LocalHTTPServer):
	"""A local HTTP server that records the JSON bodies POSTed to it and answers `status`."""

	path = "/status-updates"

	def __init__(self, port: int | None = None, status: int = 200):
		super().__init__(port or free_port(), status)

	def respond(self, request) -> None:
		import json

		self.received.append({"headers": dict(request.headers), "json": json.loads(self.body(request))})
		request.send_response(self.status)
		request.send_header("Content-Type", "application/json")
		request.end_headers()
		request.wfile.write(b"{}")


def make_integration_user(roles=("Central System Integration",)) -> tuple[str, str]:
	"""A user for the central system with API credentials: (user, Authorization header value)."""
	user = make_user(roles=list(roles))
	api_key, api_secret = frappe.generate_hash(length=15), frappe.generate_hash(length=15)
	user.api_key = api_key
	user.api_secret = api_secret
	user.save(ignore_permissions=True)
	return user.name, f"token {api_key}:{api_secret}"


def make_open311_key(can_read_details: bool = False) -> tuple[str, str]:
	"""An enabled Open311 API key: (its document name, the key)."""
	from complaints_mgmt.complaints.doctype.open311_api_key.open311_api_key import issue_key

	doc, key = issue_key(f"Test client {random_string(8)}", can_read_details=can_read_details)
	return doc.name, key


def make_open311_service(service_code: str = "TKF-01", category: str = "Takaful and Karama"):
	"""A category offered through Open311 under `service_code`, in a Cairo organisation that routes it."""
	make_governorate()
	directorate = make_directorate("Cairo")
	nasr_city = make_district("Cairo", "Nasr City").name
	if not frappe.db.exists("Social Unit Place", {"district": nasr_city, "parenttype": "Social Unit"}):
		make_social_unit(directorate.name, district="Nasr City")
	doc = make_category(category)
	if doc.service_code != service_code:
		doc.db_set("service_code", service_code)
	return doc


def open311_form(service_code: str = "TKF-01", **fields) -> dict:
	"""A valid Open311 POST /requests form; pass fields to override (None removes one)."""
	form = {
		"service_code": service_code,
		"description": "My Takaful payment for this month did not arrive.",
		"first_name": "Mona",
		"last_name": "Ahmed",
		"phone": VALID_MOBILE,
		"email": "mona@example.com",
		"address_string": "12 Abbas El Akkad St, Nasr City",
		"attribute[national_id]": VALID_NATIONAL_ID,
		"attribute[governorate]": "Cairo",
		"attribute[district]": "Nasr City",
	}
	return changed(form, fields)


# A citizen's complaint and its sender, as REST clients and the central system name them
COMPLAINT = {
	"subject": "Monthly cash support not received",
	"description": "My Takaful payment for this month did not arrive.",
	"complainant_name": "Mona Ahmed",
	"national_id": VALID_NATIONAL_ID,
	"mobile": VALID_MOBILE,
	"governorate": "Cairo",
	"district": "Nasr City",
}


def changed(values: dict, fields: dict) -> dict:
	"""`values` with `fields` set; a field set to None is left out."""
	return {key: value for key, value in {**values, **fields}.items() if value is not None}


def complaint_fields(**fields) -> dict:
	"""A valid new complaint as a REST client sends it; pass fields to override (None removes one)."""
	sent = {
		"complaint_type": "Complaint",
		"channel": "Hotline",
		"category": "Takaful and Karama",
		**COMPLAINT,
	}
	return changed(sent, fields)


def central_complaint(**fields) -> dict:
	"""A valid complaint as the central system sends it; pass fields to override (None removes one)."""
	sent = {"external_reference": f"CAB-{random_string(12).upper()}", "service_code": "TKF-01", **COMPLAINT}
	return changed(sent, fields)


def make_open311_client_fixture() -> dict:
	"""For tests/api, through `bench execute` (which commits): an Open311 service and an API key."""
	make_open311_service("TKF-01")
	name, key = make_open311_key()
	return {"service_code": "TKF-01", "api_key": key, "api_key_name": name}


def remove_open311_client_fixture(api_key_name: str, complaints: list | None = None) -> None:
	delete_complaints(complaints or [])
	frappe.delete_doc("Open311 API Key", api_key_name, ignore_permissions=True, force=True)


def delete_complaints(names) -> None:
	"""Remove complaints a test committed, with what hangs off them (logs, versions, comments)."""
	names = list(names)
	if not names:
		return
	for doctype, field in (
		("Outbound Status Update", "complaint"),
		("Version", "docname"),
		("Comment", "reference_name"),
		("ToDo", "reference_name"),
	):
		if frappe.db.table_exists(doctype):
			frappe.db.delete(doctype, {field: ["in", names]})
	frappe.db.delete("Complaint", {"name": ["in", names]})


# Lifecycle, routing and assignment


def make_organisation(districts: tuple[str, ...] = ("Nasr City", "Shubra")) -> frappe._dict:
	"""A governorate of its own with one directorate, a social unit per district with one liaison
	officer each, an officer for the directorate, and a central-triage directorate (in another
	governorate) with its officer, which Complaints Settings names."""
	suffix = random_string(6)
	governorate = make_governorate(
		f"Governorate {suffix}", code=_free_governorate_code(), region="Delta"
	).name
	directorate = make_directorate(governorate, name=f"Directorate {suffix}").name
	units = {district: make_social_unit(directorate, district=district).name for district in districts}
	triage_governorate = make_governorate(f"Triage Governorate {suffix}", code=_free_governorate_code()).name
	triage = make_directorate(triage_governorate, name=f"Central Triage {suffix}").name
	frappe.db.set_single_value("Complaints Settings", "triage_directorate", triage)
	return frappe._dict(
		governorate=governorate,
		directorate=directorate,
		units=units,
		officers={
			district: make_liaison_officer([("Social Unit", unit)]).name for district, unit in units.items()
		},
		directorate_officer=make_liaison_officer([("Directorate", directorate)]).name,
		triage=triage,
		triage_officer=make_liaison_officer([("Directorate", triage)]).name,
	)


def _free_governorate_code() -> str:
	"""Two letters no governorate uses (real codes are digits)."""
	while True:
		code = random_string(2).upper()
		# nor a code the security fixtures give their governorates by name (security_fixtures.ORGANISATIONS):
		# a random one committed by a browser fixture took "QA" from them
		if (
			code not in ("QA", "QB")
			and not code.isdigit()
			and not frappe.db.exists("Governorate", {"code": code})
		):
			return code


def make_org_complaint(org, district: str | None = None, **fields):
	"""A complaint from the organisation's governorate (first district unless given)."""
	return make_complaint(governorate=org.governorate, district=district or next(iter(org.units)), **fields)


def random_category(routing_level: str = "Social Unit", **fields):
	return make_category(f"Category {random_string(8)}", routing_level=routing_level, **fields).name


def staff_user(*roles: str) -> str:
	return make_user(roles=list(roles)).name


def citizen_user() -> str:
	return make_user(roles=["Citizen"], user_type="Website User").name


def visible_complaints(user: str) -> set[str]:
	"""The complaints `user` may list (the desk's list query, with their permission conditions)."""
	return set(frappe.get_list("Complaint", pluck="name", user=user, limit_page_length=0))


def act(doc, action: str, user: str, **values):
	"""Take a workflow action on `doc` as `user`, saving first the values the action needs (as the desk
	does). Returns the document after the action."""
	from frappe.model.workflow import apply_workflow

	previous = frappe.session.user
	frappe.set_user(user)
	try:
		doc = frappe.get_doc(doc.doctype, doc.name)
		if values:
			doc.update(values)
			doc.save()
		return apply_workflow(doc, action)
	finally:
		frappe.set_user(previous)


class ReportFixturesTestCase(FrappeTestCase):
	"""The hand-counted set of complaints (make_report_fixtures) as `fx`, and a national `manager`."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.fx = make_report_fixtures()
		cls.manager = make_user(roles=["Complaints Manager"]).name


class OrganisationTestCase(FrappeTestCase):
	"""Complaints in an organisation's units (make_organisation) under both workflows, handled by its
	officer in Nasr City, a quality reviewer and a call center agent, in a category its units serve."""

	@classmethod
	def setUpClass(cls):
		from complaints_mgmt.setup.workflow import ensure_appeal_workflow, ensure_complaint_workflow

		super().setUpClass()
		ensure_complaint_workflow()
		ensure_appeal_workflow()
		cls.org = make_organisation()
		cls.category = random_category("Social Unit", resolution_days=15)
		cls.officer = cls.org.officers["Nasr City"]
		cls.reviewer = staff_user("Quality Reviewer")
		cls.agent = staff_user("Call Center Agent")

	def register(self, **fields):
		return make_org_complaint(self.org, category=self.category, **fields)

	def deadline(self, days: int = 5):
		return add_to_date(now_datetime(), days=days)

	def walk_to_closed(self, doc, response: str = "Your payment was sent on Monday."):
		"""Accepted, worked on, answered with `response`, reviewed and approved."""
		doc = act(doc, "Accept", self.officer, deadline=self.deadline())
		doc = act(doc, "Start Work", self.officer)
		doc = act(doc, "Respond", self.officer, response=response)
		doc = act(doc, "Start Review", self.reviewer)
		return act(doc, "Approve", self.reviewer)


# Reports, dashboards and statistics


def ask_the_citizen(doc, officer: str, deadline, question: str = "Which month was the payment missed?"):
	"""The officer accepts the complaint with `deadline`, starts work on it and asks the citizen `question`;
	the complaint then awaits the citizen."""
	doc = act(doc, "Accept", officer, deadline=deadline)
	doc = act(doc, "Start Work", officer)
	return act(doc, "Request Information", officer, information_request=question)


def make_measured_complaint(org, category: str, **values) -> str:
	"""A complaint of `org` stored with exactly the figures given (status, dates, place, officer, rating),
	whatever routing, assignment, deadlines and the workflow set on intake: reports count stored values."""
	doc = make_org_complaint(org, category=category)
	stored = {
		"governorate": org.governorate,
		"directorate": org.directorate,
		"category": category,
		"social_unit": None,
		"liaison_officer": None,
		"accepted_on": None,
		"deadline": None,
		"closed_on": None,
		"satisfaction_rating": 0,
		**values,
	}
	# the competent unit (what a liaison officer's scope matches): the social unit, else the directorate
	stored["unit_doctype"], stored["unit"] = (
		("Social Unit", stored["social_unit"]) if stored["social_unit"] else ("Directorate", org.directorate)
	)
	frappe.db.set_value("Complaint", doc.name, stored, update_modified=False)
	return doc.name


def make_measured_appeal(complaint: str, **values) -> str:
	"""An appeal of `complaint` stored with exactly the values given (status, decision, dates), without the
	appeal rules that decide who may appeal when: reports count stored values."""
	doc = frappe.get_doc(
		{"doctype": "Appeal", "complaint": complaint, "grounds": "The answer missed my point."}
	)
	doc.flags.ignore_validate = True
	doc.insert(ignore_permissions=True)
	directorate = frappe.db.get_value("Complaint", complaint, "directorate")
	frappe.db.set_value("Appeal", doc.name, {"directorate": directorate, **values}, update_modified=False)
	return doc.name


# The hand-counted set the report tests count against: "now" is REPORTS_NOW; two organisations, A with six
# complaints and B with three, under one category tree; a directorate head for A; four appeals.
REPORTS_NOW = "2026-03-18 12:00:00"

# key: (organisation, category, status, channel, unit/officer district, days ago received, accepted,
# deadline, closed; satisfaction rating 0..1)
REPORT_COMPLAINTS = {
	"a1": ("a", "c1", "Closed", "Hotline", "Nasr City", 10, 9, 3, 4, 1.0),
	"a2": ("a", "c2", "Closed", "Web Portal", "Nasr City", 20, 17, 12, 10, 0.4),
	"a3": ("a", "c1", "In Progress", "Hotline", "Shubra", 8, 7, 2, None, 0),
	"a4": ("a", "c2", "Accepted", "Counter", "Shubra", 2, 1, -5, None, 0),
	"a5": ("a", "c1", "Rejected", "Counter", "Nasr City", 5, None, None, 4, 0),
	"a6": ("a", "c1", "New", "Web Portal", None, 1 / 12, None, None, None, 0),
	"b1": ("b", "c1", "Closed", "Hotline", "Nasr City", 40, 39, 30, 35, 0.8),
	"b2": ("b", "c2", "In Progress", "Hotline", "Nasr City", 15, 14, 1, None, 0),
	"b3": ("b", "c1", "Closed", "Email", "Nasr City", 4, 3, -10, 1, 1.0),
}

# key: (complaint, status, decision, days ago submitted, days ago decided)
REPORT_APPEALS = {
	"p1": ("a1", "Decided", "Upheld", 3, 1),
	"p2": ("a2", "Submitted", None, 2, None),
	"p3": ("b1", "Decided", "Rejected", 30, 24),
	"p4": ("b3", "Decided", "Partly Upheld", 1, 1),
}


def make_report_fixtures(now: str = REPORTS_NOW) -> frappe._dict:
	from frappe.utils import add_to_date, getdate

	def ago(days):
		return None if days is None else add_to_date(now, days=-days)

	suffix = random_string(6)
	root = make_category(f"Reports Root {suffix}", is_group=1).name
	categories = {
		"c1": make_category(f"Reports Cash {suffix}", parent_complaint_category=root).name,
		"c2": make_category(f"Reports Card {suffix}", parent_complaint_category=root).name,
	}
	orgs = {"a": make_organisation(), "b": make_organisation()}
	head = make_user(roles=["Directorate Head"]).name
	frappe.db.set_value("Directorate", orgs["a"].directorate, "head", head)

	complaints = frappe._dict()
	for key, spec in REPORT_COMPLAINTS.items():
		org_key, category, status, channel, district, received, accepted, deadline, closed, rating = spec
		org = orgs[org_key]
		complaints[key] = make_measured_complaint(
			org,
			categories[category],
			status=status,
			channel=channel,
			social_unit=org.units[district] if district else None,
			liaison_officer=org.officers[district] if district else None,
			received_on=ago(received),
			accepted_on=ago(accepted),
			deadline=ago(deadline),
			closed_on=ago(closed),
			satisfaction_rating=rating,
		)

	appeals = frappe._dict()
	for key, (complaint, status, decision, submitted, decided) in REPORT_APPEALS.items():
		appeals[key] = make_measured_appeal(
			complaints[complaint],
			status=status,
			decision=decision,
			submitted_on=ago(submitted),
			decision_date=getdate(ago(decided)) if decided is not None else None,
		)

	a, b = orgs["a"], orgs["b"]
	return frappe._dict(
		now=now,
		root=root,
		c1=categories["c1"],
		c2=categories["c2"],
		a=a,
		b=b,
		head=head,
		oa1=a.officers["Nasr City"],
		oa2=a.officers["Shubra"],
		ob1=b.officers["Nasr City"],
		complaints=complaints,
		appeals=appeals,
	)


# Citizen portal

PORTAL_TEST_PASSWORD = "Portal-Test-2026!"


class ClientRequest:
	"""Run code as if in an HTTP request from `peer`, with an optional X-Forwarded-For header (a real
	werkzeug request object, as the client limits read it)."""

	def __init__(self, peer: str = "127.0.0.1", forwarded_for: str | None = None):
		from werkzeug.test import EnvironBuilder

		headers = {"X-Forwarded-For": forwarded_for} if forwarded_for else {}
		self.request = EnvironBuilder(
			path="/api/method/ping", method="POST", headers=headers, environ_base={"REMOTE_ADDR": peer}
		).get_request()

	def __enter__(self):
		self.previous = getattr(frappe.local, "request", None)
		frappe.local.request = self.request
		return self.request

	def __exit__(self, *exc):
		frappe.local.request = self.previous


def reset_client_limits(address: str = "127.0.0.1") -> None:
	"""Forget the portal's hourly counts for one client address."""
	for action in ("file", "track", "code"):
		frappe.cache.delete_key(f"complaints_portal:{action}:{address}")


def portal_values(org=None, **fields) -> dict:
	"""What a citizen fills in the portal's form, valid; pass fields to override."""
	make_governorate()
	values = {
		"complaint_type": "Complaint",
		"category": make_category().name,
		"subject": "Monthly cash support not received",
		"description": "My Takaful payment for this month did not arrive.",
		"governorate": org.governorate if org else "Cairo",
		"district": next(iter(org.units)) if org else "Nasr City",
		"complainant_name": "Mona Ahmed",
		"national_id": VALID_NATIONAL_ID,
		"mobile": VALID_MOBILE,
	}
	values.update(fields)
	return values


def make_portal_fixtures() -> dict:
	"""For the portal's browser tests (through `bench execute`, which commits): an organisation with its
	officers, a category, a quality reviewer and two citizens, all with PORTAL_TEST_PASSWORD."""
	from frappe.utils.password import update_password

	org = make_organisation()
	category = random_category()
	reviewer = staff_user("Quality Reviewer")
	citizens = []
	for _i in range(2):
		user = make_user(roles=["Citizen"], user_type="Website User")
		user.language = "ar"
		user.save(ignore_permissions=True)
		citizens.append(user.name)
	officers = list(org.officers.values())
	for user in [*officers, reviewer, *citizens]:
		update_password(user, PORTAL_TEST_PASSWORD)
	reset_client_limits()
	district = next(iter(org.units))
	return {
		"governorate": org.governorate,
		"district": served_district(org.units[district]),  # the District record the form offers
		"category": category,
		"officer": org.officers[district],
		"reviewer": reviewer,
		"citizens": citizens,
		"password": PORTAL_TEST_PASSWORD,
	}


def make_complaint_awaiting_reply(citizen: str) -> str:
	"""For the portal's browser tests (through `bench execute`, which commits): a complaint of `citizen`
	whose officer asked them for more information."""
	from complaints_mgmt.lifecycle import states
	from complaints_mgmt.portal.citizen_filing import file_complaint
	from complaints_mgmt.setup.workflow import add_citizen_reply_transition

	add_citizen_reply_transition()
	reset_client_limits()
	frappe.set_user(citizen)
	try:
		name = file_complaint(portal_values(national_id="", mobile=""), [])["name"]
	finally:
		frappe.set_user("Administrator")
	frappe.db.set_value(
		"Complaint", name, {"status": states.AWAITING_CITIZEN, "information_request": OFFICERS_QUESTION}
	)
	return name


# What the officer asks in make_complaint_awaiting_reply
OFFICERS_QUESTION = "ما رقم ملفك في الوحدة الاجتماعية؟"


def make_report_browser_data(password: str) -> dict:
	"""The hand-counted set as of now, for the browser tests (called through `bench execute`, which
	commits), with an Arabic-speaking directorate head who can log in."""
	from frappe.utils import now_datetime
	from frappe.utils.password import update_password

	from complaints_mgmt.analytics.queries import public_statistics

	fx = make_report_fixtures(now=str(now_datetime()))
	frappe.db.set_value("User", fx.head, "language", "ar")
	update_password(fx.head, password)
	public_statistics.clear_cache()  # the statistics page counts them from now, not in five minutes
	return {
		"head": fx.head,
		"governorate": fx.a.governorate,
		"directorate": fx.a.directorate,
		"overdue": fx.complaints.a3,
		"complaints": list(fx.complaints.values()),
	}


# SLA, escalation and notifications


def free_gateway_port(first: int = 8130, last: int = 8139) -> int:
	"""A port in first..last nothing listens on. Ports left in TIME_WAIT by an earlier test's server count
	as free: the server binds with SO_REUSEADDR, as http.server does."""
	return free_port(first, last, reuse_address=True)


class SmsGatewayServer(LocalHTTPServer):
	"""A real HTTP SMS gateway on 127.0.0.1 for messaging/sms.py: it answers GET (query string), POST (form) and
	POST (JSON) with `status` after `delay` seconds and keeps every message it is sent, in order.
	`configure` points the site's SMS Settings at it (in the test's transaction)."""

	path = "/send"

	def __init__(self, port: int | None = None, status: int = 200, delay: float = 0):
		super().__init__(port or free_gateway_port(), status)
		self.delay = delay

	def respond(self, request) -> None:
		import json
		import time
		from urllib.parse import parse_qs, urlparse

		if request.command == "GET":
			values = {key: found[0] for key, found in parse_qs(urlparse(request.path).query).items()}
		elif request.headers.get("Content-Type", "").startswith("application/json"):
			values = json.loads(self.body(request).decode())
		else:
			values = {key: found[0] for key, found in parse_qs(self.body(request).decode()).items()}
		if self.delay:
			time.sleep(self.delay)
		values["_headers"] = dict(request.headers)
		values["_method"] = request.command
		self.received.append(values)
		request.send_response(self.status)
		request.end_headers()
		request.wfile.write(b"OK" if self.status < 300 else b"gateway error")

	def configure(self, use_post: bool = False, as_json: bool = False, url: str | None = None):
		settings = frappe.get_single("SMS Settings")
		settings.sms_gateway_url = url or self.url
		settings.message_parameter = "text"
		settings.receiver_parameter = "to"
		settings.use_post = int(use_post or as_json)
		settings.set("parameters", [{"parameter": "sender", "value": "MOSS"}])
		if as_json:
			settings.append(
				"parameters", {"parameter": "Content-Type", "value": "application/json", "header": 1}
			)
		settings.save(ignore_permissions=True)
		return self


def make_working_calendar(holidays: dict | None = None, days_off=("friday", "saturday")) -> str:
	"""A working calendar with exactly these days off and holidays ({date: English name}), made the
	site's calendar in Complaints Settings."""
	name = f"Test Calendar {random_string(8)}"
	doc = frappe.get_doc(
		{
			"doctype": "Working Calendar",
			"calendar_name": name,
			"country": "EG",
			"seeded_years": "2000",  # nothing to add for the years the tests use
			**{
				f"{day}_off": int(day in days_off)
				for day in ("saturday", "sunday", "monday", "tuesday", "wednesday", "thursday", "friday")
			},
			"holidays": [
				{"holiday_date": day, "holiday_name_en": label, "holiday_name_ar": label}
				for day, label in (holidays or {}).items()
			],
		}
	).insert(ignore_permissions=True)
	frappe.db.set_single_value("Complaints Settings", "working_calendar", doc.name)
	return doc.name


def make_sla_policy(
	category: str | None = None, priority: str | None = None, hours: float = 48, days: int = 3
):
	return (
		frappe.get_doc(
			{
				"doctype": "SLA Policy",
				"policy_name": f"Test Policy {random_string(8)}",
				"category": category,
				"priority": priority,
				"accept_hours": hours,
				"resolve_days": days,
			}
		)
		.insert(ignore_permissions=True)
		.name
	)


def set_escalation_levels(levels: list[tuple]) -> None:
	"""Replace the escalation matrix: [(level, timing, hours, notify, extra fields), ...]."""
	settings = frappe.get_single("Complaints Settings")
	settings.set("escalation_levels", [])
	settings.escalation_enabled = 1
	for level, timing, hours, notify, *extra in levels:
		settings.append(
			"escalation_levels", escalation_level(level, timing, hours, notify, **(extra[0] if extra else {}))
		)
	settings.save(ignore_permissions=True)


def forget_cached_settings() -> None:
	"""After a test class's rollback: cached documents must not keep the values the tests set."""
	for doctype in ("Complaints Settings", "SMS Settings", "Citizen Portal Settings"):
		frappe.clear_document_cache(doctype, doctype)
		frappe.db.value_cache.pop(doctype, None)


class system_setting:
	"""Run a block with one System Settings field set to `value` (written directly: a test site may not
	have gone through the setup wizard, whose mandatory System Settings a save would ask for)."""

	def __init__(self, field: str, value):
		self.field, self.value = field, value

	def _set(self, value):
		frappe.db.set_single_value("System Settings", self.field, value)
		frappe.clear_document_cache("System Settings", "System Settings")
		if hasattr(frappe.local, "system_settings"):
			del frappe.local.system_settings

	def __enter__(self):
		self.previous = frappe.db.get_single_value("System Settings", self.field, cache=False)
		self._set(self.value)
		return self

	def __exit__(self, *exc):
		self._set(self.previous)


def site_time_zone(name: str) -> system_setting:
	return system_setting("time_zone", name)


def site_language(language: str) -> system_setting:
	"""Staff messages follow the system language: tests of their texts fix it."""
	return system_setting("language", language)


class StaffNoticesTestCase(FrappeTestCase):
	"""Tests of what staff are told: in the site's language, Arabic, under the complaint workflow; the
	settings the tests cached are forgotten after the class."""

	@classmethod
	def setUpClass(cls):
		from complaints_mgmt.setup.workflow import ensure_complaint_workflow

		cls.addClassCleanup(forget_cached_settings)
		super().setUpClass()
		cls.enterClassContext(site_language("ar"))
		ensure_complaint_workflow()


def make_escalation_org() -> frappe._dict:
	"""One organisation with fixed names, made once and reused, for tests that commit (the concurrent
	escalation runs, the browser test): Frappe throttles the users a site creates in an hour."""
	governorate = "Escalation Governorate"
	if not frappe.db.exists("Governorate", governorate):
		make_governorate(governorate, code=_free_governorate_code(), region="Delta")
	head = make_user("escalation-head@test.complaints.local", ["Directorate Head"]).name
	directorate = make_directorate(governorate, name="Escalation Directorate").name
	frappe.db.set_value("Directorate", directorate, "head", head)
	unit = make_social_unit(directorate, code="SU-ESCALATION", district="Escalation District").name
	officer = make_liaison_officer(
		[("Social Unit", unit)],
		user=make_user("escalation-officer@test.complaints.local", ["Liaison Officer"]).name,
	).name
	return frappe._dict(
		governorate=governorate,
		directorate=directorate,
		units={"Escalation District": unit},
		officer=officer,
		head=head,
	)


def make_sla_browser_data(password: str) -> dict:
	"""For the SLA browser test (through `bench execute`, which commits): an Arabic-speaking complaints
	administrator and a complaint of a new organisation that is past its accept-by and escalated."""
	from frappe.utils import add_to_date, now_datetime

	from complaints_mgmt.service_levels import escalation
	from complaints_mgmt.service_levels.public_holidays import ensure_working_calendar
	from complaints_mgmt.setup.install import ensure_service_levels

	ensure_service_levels()
	ensure_working_calendar()
	admin = make_desk_user(
		"sla-admin@test.complaints.local",
		["System Manager", "Complaints Administrator", "Complaints Manager"],
		language="ar",
		password=password,
	)
	frappe.db.set_value("User", admin, "time_zone", frappe.utils.get_system_timezone())  # shown as stored
	org = make_escalation_org()
	doc = make_org_complaint(org, category=make_category("Escalation Category").name)
	past = add_to_date(now_datetime(), hours=-2)
	frappe.db.set_value("Complaint", doc.name, {"accept_by": past, "next_escalation_on": past})
	escalation.escalate_batch([doc.name])
	return {
		"admin": admin,
		"head": org.head,
		"complaint": doc.name,
		"calendar": frappe.db.get_single_value("Complaints Settings", "working_calendar"),
	}


# Master data whose English record names are shown as they are:
# the per-role walks skip these names, and the texts people typed, when they look for English.
WALK_RECORD_DOCTYPES = (
	"Governorate",
	"Directorate",
	"Social Unit",
	"Complaint Category",
	"Complaints Sector",
	"Liaison Officer",
	"User",
	"Language",  # a complaint's language, shown by its name ("English" on an English test site)
)
WALK_TYPED_FIELDS = {
	"Complaint": (
		"subject",
		"description",
		"complainant_name",
		"district",
		"response",
		"review_note",
		"rejection_reason",
		"transfer_reason",
		"routing_note",
		"satisfaction_comment",
	),
	"Appeal": ("grounds", "decision_note", "appellant_name"),
}


def load_walk_demo(password: str) -> dict:
	"""For the per-role browser walks (through `bench execute`, which commits): the demo organisation of
	Cairo with a few complaints and the showcase of every login's work (setup/demo.py); each demo login
	gets `password`. Returns the logins by role, the record names and titles of the master data, and
	the texts people typed into complaints and appeals (the walks skip both when they look for English).
	Records with an Arabic name are left out of the names: an Arabic screen showing their English name
	fails the walk."""
	from frappe.utils.password import update_password

	from complaints_mgmt.setup import demo_data
	from complaints_mgmt.setup.demo import SHOWCASE, demo_request_key, load_demo, showcase_request_key

	ensure_test_system_manager()
	load_demo(complaints=12, governorate_codes=["01"], seed=23, language="ar")
	# complainants who filed in Arabic, as on the Arabic demo site (the test site's language is English):
	# a complaint prints in its complainant's language
	keys = [demo_request_key(i) for i in range(12)] + [showcase_request_key(key) for key, *_r in SHOWCASE]
	frappe.db.set_value("Complaint", {"client_request_key": ["in", keys]}, "language", "ar")
	logins = {}
	for email, _first, _last, role in demo_data.DEMO_USERS:
		update_password(email, password)
		frappe.db.set_value("User", email, "language", "ar")
		logins[role] = email
	names = set()
	for doctype in WALK_RECORD_DOCTYPES:
		meta = frappe.get_meta(doctype)
		fields = ["name"] + [f for f in (meta.title_field, "full_name") if f and meta.has_field(f)]
		# a record with an Arabic name must be shown by it: its English name is not skipped
		filters = {"name_ar": ("is", "not set")} if meta.has_field("name_ar") else {}
		for row in frappe.get_all(doctype, fields=fields, filters=filters, limit_page_length=0):
			names.update(str(value) for value in row.values() if value)
	typed = set()
	for doctype, fields in WALK_TYPED_FIELDS.items():
		for field in fields:
			typed.update(frappe.get_all(doctype, pluck=field, distinct=True, limit_page_length=0))
	return {
		"logins": logins,
		"record_names": sorted(names),
		"typed": sorted(value for value in typed if value),
	}


# The staff's desk flows


def make_desk_flow_data(password: str) -> dict:
	"""For the desk-flow browser tests (through `bench execute`, which commits): the lifecycle
	organisation (an Arabic liaison officer and call-centre agent) and a complaint routed to the officer's
	unit and assigned to them."""
	org = make_browser_lifecycle_org(password)
	of_org = {field: org[field] for field in ("governorate", "district", "category")}

	def in_progress(subject: str, days_to_deadline: int) -> str:
		"""A complaint of the organisation in progress, its deadline that many days from now."""
		name = make_complaint(**of_org, subject=subject).name
		deadline = frappe.utils.add_days(frappe.utils.now_datetime(), days_to_deadline)
		frappe.db.set_value("Complaint", name, {"status": "In Progress", "deadline": deadline})
		return name

	doc = make_complaint(**of_org, subject="Desk flow check")
	return {
		**org,
		"complaint": doc.name,
		"late": in_progress("Desk flow check: late", -40),
		"in_progress": in_progress("Desk flow check: information needed", 5),
		"status": doc.status,
		"officer_of_complaint": doc.liaison_officer,
	}


def make_overdue_browser_data(password: str) -> dict:
	"""For the overdue card and report (through `bench execute`, which commits): an Arabic-speaking head
	of a new directorate with three open complaints that have a deadline: one late for months (received
	long ago), one late since yesterday, and one not due yet."""
	from frappe.utils import add_days, now_datetime
	from frappe.utils.password import update_password

	org = make_organisation()
	category = random_category()
	head = make_user(roles=["Directorate Head"]).name
	frappe.db.set_value("Directorate", org.directorate, "head", head)
	frappe.db.set_value("User", head, "language", "ar")
	update_password(head, password)
	now = now_datetime()
	late = [
		make_measured_complaint(
			org, category, status="In Progress", received_on=add_days(now, -120), deadline=add_days(now, -100)
		),
		make_measured_complaint(
			org, category, status="Accepted", received_on=add_days(now, -5), deadline=add_days(now, -1)
		),
	]
	not_due = make_measured_complaint(
		org, category, status="In Progress", received_on=add_days(now, -2), deadline=add_days(now, 3)
	)
	return {"head": head, "late": late, "not_due": not_due}


def make_saved_reply_data(password: str) -> dict:
	"""For the saved-replies browser test (through `bench execute`, which commits): the desk-flow
	organisation, its officer's complaint being worked on, and a saved answer for its category."""
	data = make_desk_flow_data(password)
	frappe.db.set_value(
		"Complaint",
		data["complaint"],
		{"status": "In Progress", "deadline": frappe.utils.add_days(frappe.utils.now_datetime(), 5)},
	)
	reply = frappe.get_doc(
		{
			"doctype": "Saved Reply",
			"title": f"صرف المستحقات {frappe.generate_hash(length=4)}",
			"step": "Answer",
			"category": data["category"],
			"text_ar": "السيد/ة {citizen_name}: رُوجعت شكواك رقم {tracking_number} وسيُصرف المستحق قبل {deadline}.",
		}
	).insert(ignore_permissions=True)
	return {**data, "reply": reply.name, "reply_title": reply.title}


def make_bulk_browser_data(password: str) -> dict:
	"""For the bulk-action browser test (through `bench execute`, which commits): the desk-flow
	organisation with three of its officer's complaints being worked on, and a saved answer."""
	data = make_saved_reply_data(password)
	names = [data["complaint"]]
	for _i in range(2):
		names.append(
			make_complaint(
				governorate=data["governorate"],
				district=data["district"],
				category=data["category"],
				subject="Bulk check",
			).name
		)
	for name in names:
		frappe.db.set_value(
			"Complaint",
			name,
			{"status": "In Progress", "deadline": frappe.utils.add_days(frappe.utils.now_datetime(), 5)},
		)
	return {**data, "complaints": names}


def run_queued_jobs(prefix: str) -> int:
	"""For browser tests, which run no worker (through `bench execute`, which commits): the jobs of this
	site queued under an id starting with `prefix`, run as a worker would run them, as the user who queued
	them, and taken off the queue; only them, whatever else other tests left queued."""
	from frappe.utils.background_jobs import get_queues

	count = 0
	for queue in get_queues():
		for job in queue.get_jobs():
			if not job.id.startswith(f"{frappe.local.site}::{prefix}"):
				continue
			method = job.kwargs["method"]
			frappe.set_user(job.kwargs.get("user") or "Administrator")
			(frappe.get_attr(method) if isinstance(method, str) else method)(**job.kwargs["kwargs"])
			job.delete()
			count += 1
	frappe.set_user("Administrator")
	return count


def make_admin_browser_data(password: str) -> dict:
	"""For the administrator's browser test (through `bench execute`, which commits): a Complaints
	Administrator who reads Arabic; a unit whose officer has a deputy; a category; and a second unit with
	five complaints to export, with their states' Arabic labels."""
	from frappe.utils.password import update_password

	org = make_organisation(districts=("Nasr City", "Shubra"))
	filing, other = list(org.units)
	officer = org.officers[filing]
	frappe.db.set_value("Liaison Officer", officer, "deputy", org.officers[other])
	update_password(officer, password)
	exported = [make_org_complaint(org, district=other).name for _ in range(5)]
	administrator = make_desk_user(
		f"admin-{random_string(6).lower()}@test.complaints.local",
		["Complaints Administrator"],
		language="ar",
		password=password,
	)
	reset_client_limits()
	statuses = set(frappe.get_all("Complaint", {"name": ("in", exported)}, pluck="status"))
	return {
		"administrator": administrator,
		"governorate": org.governorate,
		"district": served_district(org.units[filing]),
		"category": random_category(),
		"officer": officer,
		"deputy": org.officers[other],
		"directorate": org.directorate,
		"export_unit": org.units[other],
		"exported": sorted(exported),
		"statuses_ar": {status: frappe._(status, lang="ar") for status in statuses},
	}


def give_administrators_reject_on_routed(remove: bool = False) -> None:
	"""As an administrator would in the Workflow form: Reject on a routed complaint, for their own role
	(`remove`: as it was, for the tests that check each role's transitions)."""
	name = frappe.db.get_value("Workflow", {"document_type": "Complaint", "is_active": 1})
	workflow = frappe.get_doc("Workflow", name)
	transition = {
		"state": "Routed",
		"action": "Reject",
		"next_state": "Rejected",
		"allowed": "Complaints Administrator",
	}
	rows = [t for t in workflow.transitions if all(t.get(key) == value for key, value in transition.items())]
	if remove:
		workflow.transitions = [t for t in workflow.transitions if t not in rows]
	elif not rows:
		workflow.append("transitions", transition)
	workflow.save(ignore_permissions=True)


def remove_complaint_field(fieldname: str) -> None:
	"""Take a field an administrator added in a browser test off the citizen's form and Complaint: its
	column outlives every rollback, and its label showed on the screens of every later test."""
	from complaints_mgmt.portal.citizen_form import CITIZEN_FORM

	form = frappe.get_doc("Web Form", CITIZEN_FORM)
	kept = [row for row in form.web_form_fields if row.fieldname != fieldname]
	if len(kept) != len(form.web_form_fields):
		form.web_form_fields = kept
		form.save(ignore_permissions=True)
	for name in frappe.get_all("Custom Field", {"dt": "Complaint", "fieldname": fieldname}, pluck="name"):
		frappe.delete_doc("Custom Field", name, ignore_permissions=True, force=True)
	frappe.db.commit()  # nosemgrep: a test helper run by bench execute, after a browser test
	frappe.clear_cache(doctype="Complaint")


def make_transmittal_browser_data(password: str) -> dict:
	"""For the transmittal browser test (through `bench execute`, which commits): the desk-flow
	organisation's complaints and an Arabic complaints manager of the ministry's centre."""
	data = make_desk_flow_data(password)
	manager = make_desk_user(
		f"transmittal-{frappe.generate_hash(length=6)}@test.complaints.local",
		["Complaints Manager"],
		language="ar",
		password=password,
	)
	return {
		**data,
		"manager": manager,
		"directorate": frappe.db.get_value("Social Unit", data["unit"], "directorate"),
		"complaints": [data["complaint"], data["late"], data["in_progress"]],
	}


def make_complainant_history_data(password: str) -> dict:
	"""For the complainant-history browser test (through `bench execute`, which commits): the lifecycle
	organisation (an Arabic call-centre agent) and two complaints of one citizen, a month apart, with a
	national ID of their own."""
	import random

	from complaints_mgmt.setup.demo import demo_national_id

	org = make_browser_lifecycle_org(password)
	national_id = demo_national_id(random.Random(), "01")
	made = []
	for days in (-30, -1):
		doc = make_complaint(
			governorate=org["governorate"],
			district=org["district"],
			category=org["category"],
			national_id=national_id,
			mobile="015" + "".join(random.choices("0123456789", k=8)),
			subject="Complainant history check",
		)
		frappe.db.set_value(
			"Complaint",
			doc.name,
			"received_on",
			frappe.utils.add_days(frappe.utils.now_datetime(), days),
			update_modified=False,
		)
		made.append(doc.name)
	return {**org, "national_id": national_id, "older": made[0], "newer": made[1]}


def make_hijri_browser_data(password: str, hijri_in_desk: int = 0) -> dict:
	"""For the Hijri-date browser test (through `bench execute`, which commits): the desk-flow
	organisation and its complaint received on 7 December 2026 (27 Jumada al-Akhirah 1448) from a
	national ID of its own, Hijri dates on citizens' pages and, as asked, in the desk."""
	import random

	from complaints_mgmt.intake.national_id import national_id_hash
	from complaints_mgmt.security.personal_data import encrypted_national_id
	from complaints_mgmt.setup.demo import demo_national_id
	from complaints_mgmt.utils.translations import refresh_boots

	data = make_desk_flow_data(password)
	national_id = demo_national_id(random.Random(), "01")
	frappe.db.set_value(
		"Complaint",
		data["complaint"],
		{
			"received_on": "2026-12-07 10:00:00",
			"national_id_hash": national_id_hash(national_id),
			**encrypted_national_id(national_id),
		},
		update_modified=False,
	)
	frappe.db.set_single_value(
		"Complaints Settings", {"hijri_for_citizens": 1, "hijri_in_desk": int(hijri_in_desk)}
	)
	refresh_boots()
	reset_client_limits()
	return {**data, "national_id": national_id}


def set_hijri_in_desk(on: int = 0) -> None:
	"""For browser tests (through `bench execute`, which commits): the desk's Hijri setting, as saved."""
	from complaints_mgmt.utils.translations import refresh_boots

	frappe.db.set_single_value("Complaints Settings", "hijri_in_desk", int(on))
	refresh_boots()


def make_distress_browser_data(password: str) -> dict:
	"""For the distress-appeal browser test (through `bench execute`, which commits): the desk-flow
	organisation, its officer's complaint and a distress appeal in the same unit."""
	data = make_desk_flow_data(password)
	distress = make_complaint(
		governorate=data["governorate"],
		district=data["district"],
		category=data["category"],
		complaint_type="Distress Appeal",
		subject="Distress check",
	)
	return {**data, "distress": distress.name}


def make_known_incident_tracking_data() -> dict:
	"""For the incident browser test (through `bench execute`, which commits): an open incident and a
	complaint filed after it in its category and place, linked on intake, for the tracking page."""
	org = make_organisation()
	category = random_category()
	title = "تأخر صرف معاش تكافل في المحافظة"
	frappe.get_doc(
		{
			"doctype": "Complaint Incident",
			"title_ar": title,
			"category": category,
			"governorate": org.governorate,
			"period_from": frappe.utils.nowdate(),
		}
	).insert(ignore_permissions=True)
	doc = make_org_complaint(org, category=category, language="ar")
	reset_client_limits()
	return {"complaint": doc.name, "incident": doc.incident, "national_id": VALID_NATIONAL_ID, "title": title}


@contextmanager
def recorded_queries():
	"""Every SQL statement the database connection runs inside the block, as sent. Patched on the
	connection's class (behind frappe.db's proxy) and put back there: a patch of frappe.db itself would
	leave its own copy on the connection and hide the class from every later test."""
	queries = []
	database = frappe.db.__class__
	original = database.sql

	def recording_sql(db, *args, **kwargs):
		result = original(db, *args, **kwargs)
		queries.append(str(db.last_query))
		return result

	database.sql = recording_sql
	try:
		yield queries
	finally:
		database.sql = original
