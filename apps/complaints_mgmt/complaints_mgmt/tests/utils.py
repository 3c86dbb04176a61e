"""Factories for tests: a small organisation and complaints in it. Shared by every test module."""

import frappe
from frappe.utils import random_string

# A valid Egyptian national ID: century 2 (1900s), born 1990-01-01, governorate 01 (Cairo).
VALID_NATIONAL_ID = "29001010112345"
VALID_MOBILE = "01012345678"


def make_user(email: str | None = None, roles: list[str] | tuple = (), user_type: str = "System User"):
	email = email or f"{random_string(8).lower()}@test.complaints.local"
	if frappe.db.exists("User", email):
		user = frappe.get_doc("User", email)
	else:
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


def make_social_unit(directorate: str, code: str | None = None, district: str = "Nasr City"):
	code = code or f"SU-{random_string(6).upper()}"
	if not frappe.db.exists("Social Unit", code):
		frappe.get_doc(
			{
				"doctype": "Social Unit",
				"unit_code": code,
				"unit_name": f"{district} Social Unit {code}",
				"directorate": directorate,
				"district": district,
			}
		).insert(ignore_permissions=True)
	return frappe.get_doc("Social Unit", code)


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
			"subject": "Monthly cash support not received",
			"description": "My Takaful payment for this month did not arrive.",
			"complainant_name": "Mona Ahmed",
			"national_id": VALID_NATIONAL_ID,
			"mobile": VALID_MOBILE,
			"governorate": "Cairo",
			"district": "Nasr City",
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


# Open APIs: a real HTTP server for this site, integration credentials and a local receiver ----------


def free_port(first: int = 8100, last: int = 8199) -> int:
	"""A TCP port in first..last that nothing listens on now."""
	import random
	import socket

	ports = list(range(first, last + 1))
	random.shuffle(ports)
	for port in ports:
		with socket.socket() as sock:
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
			[sys.executable, "-m", "frappe.utils.bench_helper", "frappe", "--site", frappe.local.site,
				"serve", "--port", str(self.port), "--noreload"],
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


class Receiver:
	"""A local HTTP server that records the JSON bodies POSTed to it and answers `status`."""

	def __init__(self, port: int | None = None, status: int = 200):
		self.port = port or free_port()
		self.url = f"http://127.0.0.1:{self.port}/status-updates"
		self.status = status
		self.received: list[dict] = []
		self.server = None

	def start(self):
		import json
		import threading
		from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

		receiver = self

		class Handler(BaseHTTPRequestHandler):
			def do_POST(self):
				body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
				receiver.received.append({"headers": dict(self.headers), "json": json.loads(body)})
				self.send_response(receiver.status)
				self.send_header("Content-Type", "application/json")
				self.end_headers()
				self.wfile.write(b"{}")

			def log_message(self, *args):
				pass

		self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
		threading.Thread(target=self.server.serve_forever, daemon=True).start()
		return self

	def stop(self):
		if self.server:
			self.server.shutdown()
			self.server.server_close()
			self.server = None


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
	if not frappe.db.exists("Social Unit", {"district": "Nasr City", "directorate": directorate.name}):
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
		**fields,
	}
	return {key: value for key, value in form.items() if value is not None}


def central_complaint(**fields) -> dict:
	"""A valid complaint as the central system sends it; pass fields to override (None removes one)."""
	payload = {
		"external_reference": f"CAB-{random_string(12).upper()}",
		"service_code": "TKF-01",
		"subject": "Monthly cash support not received",
		"description": "My Takaful payment for this month did not arrive.",
		"complainant_name": "Mona Ahmed",
		"national_id": VALID_NATIONAL_ID,
		"mobile": VALID_MOBILE,
		"governorate": "Cairo",
		"district": "Nasr City",
		**fields,
	}
	return {key: value for key, value in payload.items() if value is not None}


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


# Lifecycle, routing and assignment (issue 4)


def make_organisation(districts: tuple[str, ...] = ("Nasr City", "Shubra")) -> frappe._dict:
	"""A governorate of its own with one directorate, a social unit per district with one liaison
	officer each, an officer for the directorate, and a central-triage directorate (in another
	governorate) with its officer, which Complaints Settings names."""
	suffix = random_string(6)
	governorate = make_governorate(f"Governorate {suffix}", code=f"G{suffix}", region="Delta").name
	directorate = make_directorate(governorate, name=f"Directorate {suffix}").name
	units = {district: make_social_unit(directorate, district=district).name for district in districts}
	triage_governorate = make_governorate(f"Triage Governorate {suffix}", code=f"T{suffix}").name
	triage = make_directorate(triage_governorate, name=f"Central Triage {suffix}").name
	frappe.db.set_single_value("Complaints Settings", "triage_directorate", triage)
	return frappe._dict(
		governorate=governorate,
		directorate=directorate,
		units=units,
		officers={district: make_liaison_officer([("Social Unit", unit)]).name for district, unit in units.items()},
		directorate_officer=make_liaison_officer([("Directorate", directorate)]).name,
		triage=triage,
		triage_officer=make_liaison_officer([("Directorate", triage)]).name,
	)


def make_org_complaint(org, district: str | None = None, **fields):
	"""A complaint from the organisation's governorate (first district unless given)."""
	return make_complaint(
		governorate=org.governorate, district=district or next(iter(org.units)), **fields
	)


def random_category(routing_level: str = "Social Unit", **fields):
	return make_category(f"Category {random_string(8)}", routing_level=routing_level, **fields).name


def staff_user(*roles: str) -> str:
	return make_user(roles=list(roles)).name


def citizen_user() -> str:
	return make_user(roles=["Citizen"], user_type="Website User").name


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
