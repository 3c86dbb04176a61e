"""The OpenAPI document is valid OpenAPI 3.1 and describes what integrators use."""

import frappe
from frappe.tests.utils import FrappeTestCase
from openapi_spec_validator import validate

from complaints_mgmt.integration import openapi


class TestOpenAPI(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.document = openapi.build()

	def test_document_is_valid_openapi(self):
		validate(self.document)
		self.assertEqual(self.document["openapi"], "3.1.0")

	def test_every_open_api_endpoint_is_described(self):
		paths = self.document["paths"]
		for path in (
			"/open311/v2/services.{format}",
			"/open311/v2/services/{service_code}.{format}",
			"/open311/v2/requests.{format}",
			"/open311/v2/requests/{service_request_id}.{format}",
			"/open311/v2/tokens/{token}.{format}",
			"/api/method/complaints_mgmt.api.sync.receive_complaint",
			"/api/method/complaints_mgmt.api.sync.receive_complaints",
			"/api/method/complaints_mgmt.api.intake.submit_complaint",
			"/api/resource/Complaint",
			"/api/resource/Complaint/{name}",
			"/api/resource/Complaint%20Category",
		):
			self.assertIn(path, paths)
		self.assertIn("post", paths["/open311/v2/requests.{format}"])
		create = paths["/api/resource/Complaint"]["post"]
		self.assertIn("Idempotency-Key", [p["name"] for p in create["parameters"]])
		self.assertIn("413", create["responses"])
		self.assertIn("complaintStatusChanged", self.document["webhooks"])

	def test_complaint_schema_follows_the_doctype(self):
		schema = self.document["components"]["schemas"]["Complaint"]
		meta = frappe.get_meta("Complaint")
		self.assertIn("subject", schema["required"])
		self.assertEqual(schema["properties"]["subject"]["maxLength"], meta.get_field("subject").length)
		self.assertEqual(
			schema["properties"]["complaint_type"]["enum"],
			meta.get_field("complaint_type").options.split("\n"),
		)
		self.assertTrue(schema["properties"]["status"]["readOnly"])
		self.assertIn("client_request_key", schema["properties"])
		self.assertNotIn("national_id_hash", schema["properties"])
