"""Open311 GeoReport v2 over our model: services, definitions, creating and reading requests."""

from datetime import timedelta
from xml.etree import ElementTree

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import now_datetime

from complaints_mgmt.api import open311 as open311_api
from complaints_mgmt.integration import georeport
from complaints_mgmt.integration.georeport import Open311Error
from complaints_mgmt.lifecycle import states
from complaints_mgmt.tests.utils import (
	make_category,
	make_complaint,
	make_open311_key,
	make_open311_service,
	open311_form,
)


class TestOpen311(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.category = make_open311_service("TKF-01")
		cls.group = make_category("Open311 Test Group", is_group=1)
		cls.inactive = make_category("Open311 Inactive", is_active=0)
		cls.unnamed = make_category("Open311 No Code")
		cls.key_name, cls.key = make_open311_key()
		cls.api_key = frappe.db.get_value(
			"Open311 API Key", cls.key_name, ["name", "can_read_details"], as_dict=True
		)

	def assertOpen311Error(self, status, call, *args):
		with self.assertRaises(Open311Error) as caught:
			call(*args)
		self.assertEqual(caught.exception.http_status_code, status)
		return caught.exception.errors

	# Services

	def test_services_are_active_leaf_categories_with_their_codes(self):
		services = {s["service_code"]: s for s in georeport.services()}
		self.assertIn("TKF-01", services)
		self.assertIn("Open311 No Code", services)  # no service code: the name serves
		self.assertNotIn("Open311 Test Group", services)
		self.assertNotIn("Open311 Inactive", services)
		self.assertEqual(services["TKF-01"]["type"], "realtime")
		self.assertIs(services["TKF-01"]["metadata"], True)

	def test_service_definition_asks_for_national_id_and_governorate(self):
		definition = georeport.service_definition("TKF-01")
		attributes = {a["code"]: a for a in definition["attributes"]}
		self.assertTrue(attributes["national_id"]["required"])
		self.assertTrue(attributes["governorate"]["required"])
		self.assertEqual(attributes["governorate"]["datatype"], "singlevaluelist")
		self.assertIn("Cairo", [v["key"] for v in attributes["governorate"]["values"]])
		self.assertEqual([a["order"] for a in definition["attributes"]], [1, 2, 3, 4, 5])

	def test_unknown_service_definition_is_404(self):
		errors = self.assertOpen311Error(404, georeport.service_definition, "NOPE")
		self.assertEqual(errors[0]["code"], 404)

	# Creating

	def test_create_request_makes_a_web_portal_complaint(self):
		answer = georeport.create_request(open311_form(lat="30.05", long="31.33"), self.api_key)
		doc = frappe.get_doc("Complaint", answer["service_request_id"])
		self.assertEqual(doc.category, self.category.name)
		self.assertEqual(doc.channel, "Web Portal")
		self.assertEqual(doc.complainant_name, "Mona Ahmed")
		self.assertEqual(doc.governorate, "Cairo")
		self.assertIn("30.050000,31.330000", doc.address)
		self.assertEqual(doc.subject, "My Takaful payment for this month did not arrive.")
		self.assertIn(doc.name, answer["service_notice"])

	def test_same_idempotency_key_creates_one_request(self):
		first = georeport.create_request(open311_form(), self.api_key, "retry-1")
		second = georeport.create_request(open311_form(), self.api_key, "retry-1")
		self.assertEqual(first["service_request_id"], second["service_request_id"])

	def test_missing_fields_are_all_reported_and_nothing_is_written(self):
		before = frappe.db.count("Complaint")
		form = open311_form(
			description=None, phone=None, address_string=None, **{"attribute[national_id]": None}
		)
		errors = self.assertOpen311Error(400, georeport.create_request, form, self.api_key)
		text = " ".join(e["description"] for e in errors)
		for field in ("description", "phone", "attribute[national_id]", "location"):
			self.assertIn(field, text)
		self.assertEqual(frappe.db.count("Complaint"), before)

	def test_unknown_service_code_is_400(self):
		errors = self.assertOpen311Error(400, georeport.create_request, open311_form("NOPE"), self.api_key)
		self.assertIn("NOPE", errors[0]["description"])

	def test_wrong_types_are_400(self):
		for form in (
			open311_form(description=["a", "b"]),
			open311_form(lat="north", long="31"),
			open311_form(lat="95", long="31"),
			open311_form(**{"attribute[governorate]": "Atlantis"}),
			open311_form(email="not-an-email"),
		):
			self.assertOpen311Error(400, georeport.create_request, form, self.api_key)

	def test_description_over_the_spec_limit_is_400(self):
		form = open311_form(description="x" * (georeport.MAX_DESCRIPTION + 1))
		self.assertOpen311Error(400, georeport.create_request, form, self.api_key)

	def test_model_validation_errors_are_400(self):
		form = open311_form(phone="0123")
		errors = self.assertOpen311Error(400, georeport.create_request, form, self.api_key)
		self.assertTrue(errors[0]["description"])

	# Reading

	def test_public_view_hides_description_and_address(self):
		doc = make_complaint(category=self.category.name, address="12 Abbas El Akkad St")
		public = georeport.get_request(doc.name)
		detailed = georeport.get_request(doc.name, detailed=True)
		self.assertEqual(public["description"], "")
		self.assertNotIn("Abbas", public["address"])
		self.assertEqual(detailed["description"], doc.description)
		self.assertIn("Abbas", detailed["address"])
		self.assertEqual(public["service_code"], "TKF-01")
		self.assertTrue(public["requested_datetime"][19:])  # carries its time zone offset

	def test_confidential_complaint_shows_no_details_even_to_trusted_keys(self):
		doc = make_complaint(category=self.category.name, is_confidential=1)
		self.assertEqual(georeport.get_request(doc.name, detailed=True)["description"], "")

	def test_unknown_request_is_404(self):
		self.assertOpen311Error(404, georeport.get_request, "2026-9999999-0")

	def test_status_filter_open_and_closed(self):
		open_one = make_complaint(category=self.category.name)
		closed = make_complaint(category=self.category.name)
		closed.db_set("status", states.CLOSED)
		ids = f"{open_one.name},{closed.name}"
		self.assertEqual(georeport.get_request(closed.name)["status"], "closed")
		both = georeport.find_requests({"service_request_id": ids})
		self.assertEqual({r["service_request_id"] for r in both}, {open_one.name, closed.name})
		open_ids = [
			r["service_request_id"]
			for r in georeport.find_requests({"status": "open", "service_code": "TKF-01"})
		]
		closed_ids = [
			r["service_request_id"]
			for r in georeport.find_requests({"status": "closed", "service_code": "TKF-01"})
		]
		self.assertIn(open_one.name, open_ids)
		self.assertNotIn(closed.name, open_ids)
		self.assertIn(closed.name, closed_ids)

	def test_date_range_filters_on_requested_datetime(self):
		old = make_complaint(category=self.category.name, received_on=now_datetime() - timedelta(days=200))
		recent = make_complaint(category=self.category.name)
		default = [r["service_request_id"] for r in georeport.find_requests({"service_code": "TKF-01"})]
		self.assertIn(recent.name, default)
		self.assertNotIn(old.name, default)
		start = (now_datetime() - timedelta(days=210)).strftime("%Y-%m-%dT%H:%M:%S+02:00")
		end = (now_datetime() - timedelta(days=190)).strftime("%Y-%m-%dT%H:%M:%SZ")
		window = [
			r["service_request_id"] for r in georeport.find_requests({"start_date": start, "end_date": end})
		]
		self.assertEqual(window, [old.name])

	def test_bad_filters_are_400(self):
		for params in (
			{"status": "pending"},
			{"start_date": "yesterday"},
			{"start_date": "2026-01-01T00:00:00Z", "end_date": "2026-06-01T00:00:00Z"},
			{"start_date": "2026-02-01T00:00:00Z", "end_date": "2026-01-01T00:00:00Z"},
			{"page_size": "ten"},
		):
			self.assertOpen311Error(400, georeport.find_requests, params)

	def test_page_size_limits_the_answer(self):
		for _ in range(3):
			make_complaint(category=self.category.name)
		self.assertEqual(len(georeport.find_requests({"service_code": "TKF-01", "page_size": "2"})), 2)

	def test_token_is_the_request_id(self):
		doc = make_complaint(category=self.category.name)
		self.assertEqual(
			georeport.request_id_from_token(doc.name), {"service_request_id": doc.name, "token": doc.name}
		)
		self.assertOpen311Error(404, georeport.request_id_from_token, "nope")

	# HTTP layer pieces that need no server

	def test_xml_follows_the_spec_shapes(self):
		xml = open311_api.to_xml("service_definition", georeport.service_definition("TKF-01"))
		self.assertTrue(xml.startswith(b'<?xml version="1.0" encoding="UTF-8"?>'))
		root = ElementTree.fromstring(xml)
		attribute = root.find("attributes/attribute")
		self.assertEqual(attribute.find("variable").text, "true")
		self.assertIsNotNone(root.find("attributes/attribute/values"))
		errors = ElementTree.fromstring(open311_api.to_xml("errors", [{"code": 403, "description": "x"}]))
		self.assertEqual(errors.find("error/code").text, "403")

	def test_rate_limit_answers_429(self):
		identity = frappe.generate_hash()
		open311_api._limit("test", identity, 2)
		open311_api._limit("test", identity, 2)
		with self.assertRaises(Open311Error) as caught:
			open311_api._limit("test", identity, 2)
		self.assertEqual(caught.exception.http_status_code, 429)

	def test_api_keys_are_stored_hashed_and_verified(self):
		from complaints_mgmt.complaints.doctype.open311_api_key.open311_api_key import verify_key

		stored = frappe.db.get_value(
			"Open311 API Key", self.key_name, ["key_hash", "key_prefix"], as_dict=True
		)
		self.assertNotIn(self.key, stored.key_hash)
		self.assertTrue(self.key.startswith(stored.key_prefix))
		self.assertEqual(verify_key(self.key).name, self.key_name)
		self.assertIsNone(verify_key(self.key + "x"))
		self.assertIsNone(verify_key(["not", "a", "string"]))
		frappe.db.set_value("Open311 API Key", self.key_name, "enabled", 0)
		self.assertIsNone(verify_key(self.key))
		frappe.db.set_value("Open311 API Key", self.key_name, "enabled", 1)
