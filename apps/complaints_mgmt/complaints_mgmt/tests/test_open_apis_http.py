"""The open APIs over real HTTP, against this site served on 127.0.0.1:81xx in a child process.

Covers what only a server shows: status codes and content types, authentication, messages in the
reader's language, bad input refused with nothing written, concurrent duplicate submissions (each
request in its own thread and database connection), and status updates reaching a receiver that was
down, through the real job queue and the scheduled retry. Open311 client libraries from PyPI are
driven by tests/api/test_open311_client.py. Data the server must see is committed, and removed after.
"""

import json
import threading
from contextlib import contextmanager
from datetime import timedelta
from xml.etree import ElementTree

import frappe
import requests
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_days, now_datetime

from complaints_mgmt.intake import submission as intake
from complaints_mgmt.integration import status_updates
from complaints_mgmt.lifecycle import states
from complaints_mgmt.tests.utils import (
	Receiver,
	SiteServer,
	act,
	central_complaint,
	complaint_fields,
	delete_complaints,
	free_port,
	make_integration_user,
	make_open311_key,
	make_open311_service,
	open311_form,
)

SETTINGS = "Integration Settings"
LOG = "Outbound Status Update"
TEST_SETTINGS = {
	"open311_reads_per_minute": 0,
	"open311_creates_per_minute": 0,
	"open311_public_requests": 1,
	"open311_max_request_bytes": 65536,
	"max_request_kb": 64,
	"max_batch_size": 50,
}


def arabic(message: str, *args) -> str:
	"""`message` as a reader of Arabic gets it; fails when ar.po has no Arabic for it."""
	translated = frappe._(message, lang="ar")
	assert translated != message, f"No Arabic for {message!r}"
	return translated.format(*args)


def server_messages(response: requests.Response) -> str:
	"""The messages of a Frappe error body, joined."""
	messages = json.loads(response.json().get("_server_messages") or "[]")
	return " ".join(json.loads(m).get("message", "") for m in messages)


@contextmanager
def restored_single(doctype: str):
	"""Settings a test commits for the server, put back exactly as they were (even never saved)."""
	rows = frappe.db.sql("select field, value from `tabSingles` where doctype = %s", (doctype,))
	try:
		yield
	finally:
		frappe.db.rollback()
		frappe.db.sql("delete from `tabSingles` where doctype = %s", (doctype,))
		for field, value in rows:
			frappe.db.sql(
				"insert into `tabSingles` (doctype, field, value) values (%s, %s, %s)",
				(doctype, field, value),
			)
		frappe.db.commit()
		frappe.clear_document_cache(doctype, doctype)
		frappe.db.value_cache.pop(doctype, None)


def concurrently(count: int, call) -> list:
	"""Run `call()` in `count` threads released at the same moment; their results in order."""
	barrier = threading.Barrier(count)
	results = [None] * count

	def run(index):
		barrier.wait()
		results[index] = call()

	threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
	for thread in threads:
		thread.start()
	for thread in threads:
		thread.join(timeout=120)
	return results


class HTTPTestCase(FrappeTestCase):
	"""Starts the site server once per class; commits the fixtures it needs and removes them after."""

	extra_settings: dict = {}
	# ports the class's tests keep for servers of their own: the site server must not take them
	reserved_ports: tuple[int, ...] = ()

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.started = now_datetime()
		make_open311_service("TKF-01")
		cls.key_name, cls.key = make_open311_key(can_read_details=True)
		cls.integration_user, cls.auth = make_integration_user()
		settings = frappe.get_single(SETTINGS)
		test_settings = {**TEST_SETTINGS, **cls.extra_settings}
		cls.previous_settings = {field: settings.get(field) for field in test_settings}
		settings.update(test_settings)
		settings.save(ignore_permissions=True)
		frappe.db.commit()
		cls.server = SiteServer(port=free_port(exclude=cls.reserved_ports)).start()
		cls.url = cls.server.url

	@classmethod
	def tearDownClass(cls):
		cls.server.stop()
		frappe.db.rollback()
		delete_complaints(
			frappe.get_all("Complaint", filters={"creation": [">=", cls.started]}, pluck="name")
		)
		frappe.delete_doc("Open311 API Key", cls.key_name, ignore_permissions=True, force=True)
		settings = frappe.get_single(SETTINGS)
		settings.update(cls.previous_settings)
		settings.save(ignore_permissions=True)
		frappe.db.commit()
		super().tearDownClass()

	def count(self, doctype="Complaint", filters=None) -> int:
		"""Counted in a fresh transaction, so rows the server committed are seen."""
		frappe.db.commit()
		return frappe.db.count(doctype, filters)


class TestOpen311OverHTTP(HTTPTestCase):
	def open311(self, path: str) -> str:
		return f"{self.url}/open311/v2/{path}"

	def create(self, form: dict, **kwargs) -> requests.Response:
		return requests.post(self.open311("requests.json"), data=form, timeout=60, **kwargs)

	def test_services_in_json_and_xml_with_the_spec_content_types(self):
		as_json = requests.get(self.open311("services.json"), timeout=30)
		as_xml = requests.get(self.open311("services.xml"), timeout=30)
		self.assertEqual(as_json.status_code, 200)
		self.assertEqual(as_json.headers["Content-Type"], "application/json; charset=utf-8")
		self.assertIn("TKF-01", [s["service_code"] for s in as_json.json()])
		self.assertEqual(as_xml.headers["Content-Type"], "text/xml; charset=utf-8")
		root = ElementTree.fromstring(as_xml.content)
		self.assertEqual(root.tag, "services")
		self.assertIn("TKF-01", [s.findtext("service_code") for s in root.findall("service")])

	def test_create_and_read_back_in_json(self):
		created = self.create(open311_form(api_key=self.key))
		self.assertEqual(created.status_code, 200, created.text)
		request_id = created.json()[0]["service_request_id"]
		read = requests.get(
			self.open311(f"requests/{request_id}.json"), params={"api_key": self.key}, timeout=30
		)
		self.assertEqual(read.status_code, 200)
		self.assertEqual(read.json()[0]["description"], open311_form()["description"])
		public = requests.get(self.open311(f"requests/{request_id}.json"), timeout=30).json()[0]
		self.assertEqual((public["status"], public["description"]), ("open", ""))

	def test_create_without_a_valid_api_key_is_403_and_writes_nothing(self):
		before = self.count()
		for form in (open311_form(), open311_form(api_key="wrong")):
			response = self.create(form)
			self.assertEqual(response.status_code, 403)
			self.assertEqual(response.json()[0]["code"], 403)
		self.assertEqual(self.count(), before)

	def test_bad_input_is_400_with_the_spec_errors_and_writes_nothing(self):
		before = self.count()
		unknown = self.create(open311_form("NOPE", api_key=self.key))
		missing = self.create(open311_form(api_key=self.key, description=None, first_name=None))
		wrong_type = requests.post(
			self.open311("requests.xml"), json=open311_form(api_key=self.key, description=["a"]), timeout=30
		)
		self.assertEqual([unknown.status_code, missing.status_code, wrong_type.status_code], [400, 400, 400])
		self.assertIn("NOPE", unknown.json()[0]["description"])
		self.assertEqual(len(missing.json()), 2)
		self.assertEqual(ElementTree.fromstring(wrong_type.content).findtext("error/code"), "400")
		self.assertEqual(self.count(), before)

	def test_oversized_request_is_413_and_writes_nothing(self):
		before = self.count()
		response = self.create(open311_form(api_key=self.key, description="x" * 70000))
		self.assertEqual(response.status_code, 413)
		self.assertEqual(self.count(), before)

	def test_discovery_points_clients_to_the_v2_endpoint(self):
		for path in ("open311/discovery.json", "open311/v2/discovery.json"):
			document = requests.get(f"{self.url}/{path}", timeout=30).json()
			endpoint = document["endpoints"][0]
			self.assertTrue(endpoint["url"].endswith("/open311/v2"))
			self.assertEqual(endpoint["formats"], ["text/xml", "application/json"])
		xml = requests.get(f"{self.url}/open311/discovery.xml", timeout=30)
		self.assertEqual(
			ElementTree.fromstring(xml.content).findtext("endpoints/endpoint/formats/format"), "text/xml"
		)

	def test_unknown_request_resource_and_method(self):
		self.assertEqual(
			requests.get(self.open311("requests/2026-9999999-0.json"), timeout=30).status_code, 404
		)
		unknown = requests.get(self.open311("pothole.json"), timeout=30)
		self.assertEqual((unknown.status_code, unknown.json()[0]["code"]), (404, 404))
		self.assertEqual(requests.post(self.open311("services.json"), timeout=30).status_code, 405)
		bad_filter = requests.get(self.open311("requests.json"), params={"status": "pending"}, timeout=30)
		self.assertEqual(bad_filter.status_code, 400)

	def test_concurrent_duplicate_submissions_create_one_request(self):
		key = frappe.generate_hash()
		form = open311_form(api_key=self.key)
		responses = concurrently(8, lambda: self.create(form, headers={"Idempotency-Key": key}))
		self.assertEqual([r.status_code for r in responses], [200] * 8, [r.text for r in responses])
		ids = {r.json()[0]["service_request_id"] for r in responses}
		self.assertEqual(len(ids), 1)
		self.assertEqual(self.count("Complaint", {"name": ids.pop()}), 1)

	def test_service_definition_in_json_and_xml_and_unknown_code_404(self):
		definition = requests.get(self.open311("services/TKF-01.json"), timeout=30)
		self.assertEqual(definition.status_code, 200)
		self.assertEqual(definition.json()["service_code"], "TKF-01")
		xml = ElementTree.fromstring(requests.get(self.open311("services/TKF-01.xml"), timeout=30).content)
		codes = [a.findtext("code") for a in xml.findall("attributes/attribute")]
		self.assertIn("national_id", codes)
		unknown = requests.get(self.open311("services/NOPE.xml"), timeout=30)
		self.assertEqual(unknown.status_code, 404)
		self.assertEqual(ElementTree.fromstring(unknown.content).findtext("error/code"), "404")

	def test_list_requests_with_filters_and_tokens(self):
		request_id = self.create(open311_form(api_key=self.key)).json()[0]["service_request_id"]
		listed = requests.get(
			self.open311("requests.xml"), params={"service_code": "TKF-01", "status": "open"}, timeout=30
		)
		self.assertEqual(listed.status_code, 200)
		ids = [r.findtext("service_request_id") for r in ElementTree.fromstring(listed.content)]
		self.assertIn(request_id, ids)
		closed = requests.get(self.open311("requests.json"), params={"status": "closed"}, timeout=30).json()
		self.assertNotIn(request_id, [r["service_request_id"] for r in closed])
		token = requests.get(self.open311(f"tokens/{request_id}.json"), timeout=30)
		self.assertEqual(token.json(), [{"service_request_id": request_id, "token": request_id}])

	def test_errors_are_in_the_readers_language(self):
		before = self.count()
		response = self.create(open311_form("NOPE", api_key=self.key), headers={"Accept-Language": "ar"})
		self.assertEqual(response.status_code, 400)
		self.assertEqual(response.json()[0]["description"], arabic("Unknown service code: {0}", "NOPE"))
		forbidden = self.create(open311_form(), headers={"Accept-Language": "ar"})
		self.assertEqual(
			forbidden.json()[0]["description"],
			arabic("A valid api_key is required to create a service request."),
		)
		self.assertEqual(self.count(), before)

	def test_creating_counts_per_api_key_not_against_the_portals_limit_per_address(self):
		with restored_single("Citizen Portal Settings"):
			frappe.db.set_single_value("Citizen Portal Settings", "submissions_per_hour", 1)
			frappe.db.commit()
			responses = [self.create(open311_form(api_key=self.key)) for _ in range(3)]
		self.assertEqual([r.status_code for r in responses], [200] * 3, [r.text for r in responses])

	def test_wrong_location_types_are_400_and_write_nothing(self):
		before = self.count()
		for form in (
			open311_form(api_key=self.key, lat="north", long="31.2"),
			open311_form(api_key=self.key, lat="95", long="31.2"),
			open311_form(api_key=self.key, address_string=None),
		):
			self.assertEqual(self.create(form).status_code, 400)
		self.assertEqual(self.count(), before)

	def test_openapi_document_is_served_and_valid(self):
		from openapi_spec_validator import validate

		response = requests.get(f"{self.url}/openapi.json", timeout=30)
		self.assertEqual(response.headers["Content-Type"], "application/json; charset=utf-8")
		document = response.json()
		validate(document)
		self.assertIn("/open311/v2/requests.{format}", document["paths"])


class TestCentralSyncOverHTTP(HTTPTestCase):
	def call(self, method: str, body, auth: str | None = "default") -> requests.Response:
		headers = {"Authorization": self.auth if auth == "default" else auth} if auth else {}
		return requests.post(
			f"{self.url}/api/method/complaints_mgmt.api.sync.{method}",
			json=body,
			headers=headers,
			timeout=120,
		)

	def test_same_reference_twice_gives_201_then_200_with_the_same_answer(self):
		payload = central_complaint()
		first = self.call("receive_complaint", {"complaint": payload})
		second = self.call("receive_complaint", {"complaint": payload})
		self.assertEqual((first.status_code, second.status_code), (201, 200), first.text)
		self.assertEqual(first.json()["message"], second.json()["message"])
		self.assertEqual(self.count("Complaint", {"external_reference": payload["external_reference"]}), 1)

	def test_concurrent_duplicates_yield_exactly_one_complaint(self):
		payload = central_complaint()
		responses = concurrently(10, lambda: self.call("receive_complaint", {"complaint": payload}))
		codes = sorted(r.status_code for r in responses)
		self.assertEqual(codes, [200] * 9 + [201], [r.text for r in responses])
		self.assertEqual(len({r.json()["message"]["tracking_number"] for r in responses}), 1)
		self.assertEqual(self.count("Complaint", {"external_reference": payload["external_reference"]}), 1)

	def test_concurrent_overlapping_batches_yield_one_complaint_per_reference(self):
		payloads = [central_complaint() for _ in range(6)]
		responses = concurrently(4, lambda: self.call("receive_complaints", {"complaints": payloads}))
		self.assertEqual({r.status_code for r in responses}, {200}, [r.text for r in responses])
		for index, payload in enumerate(payloads):
			numbers = {r.json()["message"]["results"][index]["tracking_number"] for r in responses}
			self.assertEqual(len(numbers), 1)
			self.assertEqual(
				self.count("Complaint", {"external_reference": payload["external_reference"]}), 1
			)

	def test_callers_without_the_integration_role_are_refused(self):
		_user, other_auth = make_integration_user(roles=("Call Center Agent",))
		frappe.db.commit()
		before = self.count()
		self.assertEqual(
			self.call("receive_complaint", {"complaint": central_complaint()}, auth=None).status_code, 403
		)
		self.assertEqual(
			self.call("receive_complaint", {"complaint": central_complaint()}, auth=other_auth).status_code,
			403,
		)
		self.assertEqual(self.count(), before)

	def test_bad_input_is_a_clear_4xx_and_writes_nothing(self):
		before = self.count()
		missing = self.call("receive_complaint", {"complaint": central_complaint(governorate=None)})
		wrong_field_type = self.call("receive_complaint", {"complaint": central_complaint(description=42)})
		unknown = self.call("receive_complaint", {"complaint": central_complaint(service_code="NOPE")})
		not_an_object = self.call("receive_complaint", {"complaint": "text"})
		no_complaint = self.call("receive_complaint", {})
		oversized = self.call("receive_complaint", {"complaint": central_complaint(description="x" * 70000)})
		self.assertEqual(missing.status_code, 400)
		self.assertEqual(missing.json()["message"]["error"]["field"], "governorate")
		self.assertEqual(wrong_field_type.json()["message"]["error"]["code"], "invalid_type")
		self.assertEqual(unknown.json()["message"]["error"]["code"], "unknown")
		self.assertEqual(not_an_object.status_code, 417)  # Frappe's check of the argument's type
		self.assertEqual(no_complaint.status_code, 400)
		self.assertEqual(oversized.status_code, 413)
		self.assertEqual(self.count(), before)

	def test_errors_are_in_the_readers_language(self):
		response = requests.post(
			f"{self.url}/api/method/complaints_mgmt.api.sync.receive_complaint",
			json={"complaint": central_complaint(governorate=None)},
			headers={"Authorization": self.auth, "Accept-Language": "ar"},
			timeout=60,
		)
		self.assertEqual(response.status_code, 400)
		message = response.json()["message"]["error"]["message"]
		self.assertEqual(message, arabic("Missing required field: {0}", "governorate"))

	def test_batch_of_the_wrong_type_or_too_large_writes_nothing(self):
		before = self.count()
		self.assertEqual(self.call("receive_complaints", {"complaints": {"a": 1}}).status_code, 417)
		self.assertEqual(self.call("receive_complaints", {"complaints": []}).status_code, 400)
		big = [central_complaint(description="x" * 15000) for _ in range(5)]  # about 75 KB > 64 KB
		self.assertEqual(self.call("receive_complaints", {"complaints": big}).status_code, 413)
		self.assertEqual(self.count(), before)

	def test_batch_answers_per_item(self):
		good, bad = central_complaint(), central_complaint(mobile="12")
		response = self.call("receive_complaints", {"complaints": [good, bad]})
		results = response.json()["message"]["results"]
		self.assertEqual([r["ok"] for r in results], [True, False])
		self.assertEqual(self.count("Complaint", {"external_reference": bad["external_reference"]}), 0)
		too_many = self.call("receive_complaints", {"complaints": [good] * 51})
		self.assertEqual(too_many.status_code, 400)
		self.assertEqual(too_many.json()["message"]["error"]["code"], "too_many")


class TestRESTIntakeOverHTTP(HTTPTestCase):
	"""POST /api/resource/Complaint and submit_complaint with a client request key."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.agent, cls.agent_auth = make_integration_user(roles=("Call Center Agent",))
		frappe.db.commit()

	def post(self, path: str, body, key: str | None = None, headers: dict | None = None):
		headers = {"Authorization": self.agent_auth, **(headers or {})}
		if key:
			headers["Idempotency-Key"] = key
		return requests.post(f"{self.url}{path}", json=body, headers=headers, timeout=120)

	def resource(self, body, key: str | None = None, headers: dict | None = None):
		return self.post("/api/resource/Complaint", body, key, headers)

	def submit(self, body, key: str | None = None, headers: dict | None = None):
		return self.post("/api/method/complaints_mgmt.api.intake.submit_complaint", body, key, headers)

	def stored_key(self, key: str) -> str:
		return intake.scoped_request_key(f"user:{self.agent}", key)

	def test_resource_retry_with_the_idempotency_key_returns_the_same_complaint(self):
		key = frappe.generate_hash()
		first = self.resource(complaint_fields(), key=key)
		retry = self.resource(complaint_fields(subject="Sent again"), key=key)
		self.assertEqual((first.status_code, retry.status_code), (200, 200), first.text)
		self.assertEqual(retry.json()["data"]["name"], first.json()["data"]["name"])
		self.assertEqual(retry.json()["data"]["subject"], first.json()["data"]["subject"])
		self.assertEqual(self.count("Complaint", {"client_request_key": self.stored_key(key)}), 1)

	def test_resource_retry_with_the_key_in_the_body_returns_the_same_complaint(self):
		key = frappe.generate_hash()
		first = self.resource(complaint_fields(client_request_key=key))
		retry = self.resource(complaint_fields(client_request_key=key))
		self.assertEqual(retry.json()["data"]["name"], first.json()["data"]["name"])
		self.assertEqual(self.count("Complaint", {"client_request_key": self.stored_key(key)}), 1)

	def test_concurrent_identical_resource_posts_create_one_complaint(self):
		key = frappe.generate_hash()
		responses = concurrently(8, lambda: self.resource(complaint_fields(), key=key))
		self.assertEqual([r.status_code for r in responses], [200] * 8, [r.text[:300] for r in responses])
		self.assertEqual(len({r.json()["data"]["name"] for r in responses}), 1)
		self.assertEqual(self.count("Complaint", {"client_request_key": self.stored_key(key)}), 1)

	def test_concurrent_identical_submissions_create_one_complaint(self):
		key = frappe.generate_hash()
		responses = concurrently(8, lambda: self.submit({"complaint": complaint_fields()}, key=key))
		self.assertEqual(
			sorted(r.status_code for r in responses), [200] * 7 + [201], [r.text for r in responses]
		)
		self.assertEqual(len({r.json()["message"]["name"] for r in responses}), 1)
		self.assertEqual(self.count("Complaint", {"client_request_key": self.stored_key(key)}), 1)

	def test_resource_bad_input_is_4xx_in_the_readers_language_and_writes_nothing(self):
		before = self.count()
		arabic_reader = {"Accept-Language": "ar"}
		missing = self.resource(complaint_fields(description=None))
		unknown_category = self.resource(complaint_fields(category="No Such Category"))
		wrong_national_id = self.resource(complaint_fields(national_id=12345))
		too_long = self.resource(
			complaint_fields(description="x" * (intake.MAX_TEXT_LENGTH + 1)), headers=arabic_reader
		)
		oversized = self.resource(complaint_fields(address="x" * (intake.MAX_REQUEST_BYTES + 1)))
		self.assertEqual(
			[r.status_code for r in (missing, unknown_category, wrong_national_id, too_long, oversized)],
			[417, 417, 417, 417, 413],
		)
		self.assertIn(
			arabic("{0} is longer than {1} characters.", arabic("Description"), intake.MAX_TEXT_LENGTH),
			server_messages(too_long),
		)
		self.assertIn(str(intake.MAX_REQUEST_BYTES), server_messages(oversized))
		self.assertEqual(self.count(), before)

	def test_submission_bad_input_is_4xx_and_writes_nothing(self):
		before = self.count()
		missing = self.submit({"complaint": complaint_fields(description=None)})
		not_an_object = self.submit({"complaint": "text"})
		no_complaint = self.submit({})
		oversized = self.submit({"complaint": complaint_fields(address="x" * intake.MAX_REQUEST_BYTES)})
		self.assertEqual(
			[r.status_code for r in (missing, not_an_object, no_complaint, oversized)], [400, 417, 400, 413]
		)
		self.assertFalse(missing.json()["message"]["ok"])
		self.assertEqual(self.count(), before)


class TestStatusUpdatesOverHTTP(HTTPTestCase):
	"""A complaint from the central system changes status while the receiver is down: the complaint is
	saved, the update waits in the log, and the scheduled retry delivers it once the receiver is up."""

	receiver_port = free_port()  # nobody listens on it until the test starts its receiver
	reserved_ports = (receiver_port,)
	extra_settings = {
		"send_status_updates": 1,
		"status_update_url": f"http://127.0.0.1:{receiver_port}/status-updates",
		"send_all_complaints": 0,
		"request_timeout_seconds": 5,
		"max_attempts": 5,
		"retry_after_minutes": 1,
	}

	def run_queued_send(self, update: str) -> None:
		"""Take the site's sending job off the real queue and run it, as a worker does."""
		from frappe.utils.background_jobs import get_job

		job = get_job(status_updates.SEND_JOB_ID)
		self.assertIsNotNone(job, "the update was not queued")
		self.assertEqual(job.get_status(), "queued")
		job_kwargs = job.kwargs
		job.delete()
		frappe.get_attr(job_kwargs["method"])(**job_kwargs["kwargs"])
		frappe.db.commit()

	def test_receiver_down_then_up_gets_the_update_from_the_scheduled_retry(self):
		sent = requests.post(
			f"{self.url}/api/method/complaints_mgmt.api.sync.receive_complaint",
			json={"complaint": central_complaint()},
			headers={"Authorization": self.auth},
			timeout=60,
		)
		self.assertEqual(sent.status_code, 201, sent.text)
		name = sent.json()["message"]["tracking_number"]
		frappe.db.commit()
		doc = frappe.get_doc("Complaint", name)
		self.assertEqual(doc.status, states.ROUTED)

		act(doc, "Accept", "Administrator", deadline=add_days(now_datetime(), 3))
		frappe.db.commit()  # the update is queued once the change is committed
		self.assertEqual(frappe.db.get_value("Complaint", name, "status"), states.ACCEPTED)
		update = frappe.get_all(LOG, filters={"complaint": name}, pluck="name")
		self.assertEqual(len(update), 1)
		update = update[0]

		self.run_queued_send(update)  # nobody listens on the receiver's port
		failed = frappe.get_doc(LOG, update)
		self.assertEqual((failed.status, failed.attempts), ("Failed", 1))
		self.assertIn("Connection", failed.last_error)
		self.assertEqual(frappe.db.get_value("Complaint", name, "status"), states.ACCEPTED)

		receiver = Receiver(self.receiver_port).start()
		try:
			frappe.db.set_value(LOG, update, "next_attempt", now_datetime() - timedelta(seconds=1))
			frappe.db.commit()
			frappe.get_doc(
				"Scheduled Job Type", {"method": "complaints_mgmt.integration.status_updates.retry_due"}
			).execute()
			self.run_queued_send(update)
		finally:
			receiver.stop()

		delivered = frappe.get_doc(LOG, update)
		self.assertEqual((delivered.status, delivered.attempts, delivered.response_code), ("Sent", 2, 200))
		self.assertEqual(len(receiver.received), 1)
		self.assertEqual(receiver.received[0]["json"]["tracking_number"], name)
		self.assertEqual(receiver.received[0]["json"]["status"], states.ACCEPTED)
		self.assertEqual(receiver.received[0]["headers"]["Idempotency-Key"], update)
