"""The OpenAPI 3.1 document for integrators, served at /openapi.json.

It describes the Open311 GeoReport v2 endpoints, the central-system sync endpoints, REST intake with a
request key, the status-update webhook we call, and the generated REST resources integrators need
(Complaint, Complaint Category, Governorate). Resource schemas are generated from the DocTypes' meta,
so a field added to Complaint appears here without editing this module.
"""

import frappe
from frappe.model import no_value_fields, table_fields
from frappe.utils import get_url

import complaints_mgmt
from complaints_mgmt.intake.submission import complaint_options
from complaints_mgmt.integration.georeport import MAX_DESCRIPTION

OPENAPI_VERSION = "3.1.0"
SYNC = "/api/method/complaints_mgmt.api.sync"
RESOURCES = ("Complaint", "Complaint Category", "Governorate")
# Hidden fields that clients still send.
VISIBLE_HIDDEN_FIELDS = {"client_request_key"}

_JSON_TYPES = {
	"Int": {"type": "integer"},
	"Check": {"type": "integer", "enum": [0, 1]},
	"Float": {"type": "number"},
	"Currency": {"type": "number"},
	"Percent": {"type": "number"},
	"Rating": {"type": "number", "minimum": 0, "maximum": 1},
	"Date": {"type": "string", "format": "date"},
	"Datetime": {"type": "string", "description": "YYYY-MM-DD HH:MM:SS in the site's time zone"},
	"Time": {"type": "string"},
}


def build() -> dict:
	return {
		"openapi": OPENAPI_VERSION,
		"info": {
			"title": "Complaints Management API",
			"version": complaints_mgmt.__version__,
			"description": (
				"Open311 GeoReport v2, the central government system's sync and status updates, and the "
				"REST resources of the complaints system. Texts answer in the language of Accept-Language."
			),
		},
		"servers": [{"url": get_url()}],
		"tags": [
			{"name": "Open311", "externalDocs": {"url": "http://wiki.open311.org/GeoReport_v2"}},
			{"name": "Central system"},
			{"name": "Intake"},
			{"name": "Resources"},
		],
		"paths": {**_open311_paths(), **_sync_paths(), **_intake_paths(), **_resource_paths()},
		"webhooks": _webhooks(),
		"components": {
			"securitySchemes": {
				"frappeToken": {
					"type": "apiKey",
					"in": "header",
					"name": "Authorization",
					"description": "token <api_key>:<api_secret> of an integration user",
				},
				"open311ApiKey": {
					"type": "apiKey",
					"in": "query",
					"name": "api_key",
					"description": "Open311 API key; in the form body when creating a request",
				},
			},
			"parameters": _parameters(),
			"responses": _responses(),
			"schemas": {**_open311_schemas(), **_sync_schemas(), **_resource_schemas()},
		},
	}


# Open311 ----------------------------------------------------------------------------------------------


def _open311_paths() -> dict:
	base = "/open311/v2"
	fmt = {"$ref": "#/components/parameters/format"}
	errors = {str(code): {"$ref": "#/components/responses/Open311Error"} for code in (400, 403, 404, 429)}

	def ok(schema_ref: str, description: str) -> dict:
		return {"200": {"description": description, "content": _open311_content(schema_ref)}}

	def path_param(name: str, description: str) -> dict:
		return {
			"name": name,
			"in": "path",
			"required": True,
			"schema": {"type": "string"},
			"description": description,
		}

	request_filters = [
		_query("service_request_id", "Comma-separated ids; overrides every other filter"),
		_query("service_code", "Comma-separated service codes"),
		_query("start_date", "W3C date-time; with end_date spans at most 90 days", fmt="date-time"),
		_query(
			"end_date", "W3C date-time; defaults to now, and the range to the last 90 days", fmt="date-time"
		),
		_query("status", "open, closed, or both comma-separated"),
		_query("page_size", "Extension: requests per page", schema={"type": "integer", "minimum": 1}),
		_query("page", "Extension: page number from 1", schema={"type": "integer", "minimum": 1}),
		_query("api_key", "Optional; keys allowed to read details also get descriptions and addresses"),
	]
	return {
		f"{base}/discovery.{{format}}": {
			"get": _op(
				"Open311",
				"open311Discovery",
				"Service discovery",
				[fmt],
				ok("#/components/schemas/Discovery", "Discovery document"),
			)
		},
		f"{base}/services.{{format}}": {
			"get": _op(
				"Open311",
				"open311Services",
				"Service list (active leaf complaint categories)",
				[fmt],
				{**ok("#/components/schemas/ServiceList", "Services"), "429": errors["429"]},
			)
		},
		f"{base}/services/{{service_code}}.{{format}}": {
			"get": _op(
				"Open311",
				"open311ServiceDefinition",
				"Service definition: the attributes a request needs",
				[path_param("service_code", "Service code"), fmt],
				{**ok("#/components/schemas/ServiceDefinition", "Service definition"), "404": errors["404"]},
			)
		},
		f"{base}/requests.{{format}}": {
			"get": _op(
				"Open311",
				"open311Requests",
				"Service requests, newest first",
				[fmt, *request_filters],
				{**ok("#/components/schemas/ServiceRequestList", "Service requests"), **errors},
			),
			"post": {
				**_op(
					"Open311",
					"open311CreateRequest",
					"Create a service request (a complaint)",
					[
						fmt,
						{
							"name": "Idempotency-Key",
							"in": "header",
							"required": False,
							"schema": {"type": "string", "maxLength": 200},
							"description": "Retries with the same key return the same request",
						},
					],
					{
						**ok(
							"#/components/schemas/ServiceRequestCreatedList",
							"Created, or found by its Idempotency-Key",
						),
						"413": errors["400"],
						**errors,
					},
				),
				"requestBody": {
					"required": True,
					"content": {
						"application/x-www-form-urlencoded": {
							"schema": {"$ref": "#/components/schemas/ServiceRequestForm"}
						}
					},
				},
			},
		},
		f"{base}/requests/{{service_request_id}}.{{format}}": {
			"get": _op(
				"Open311",
				"open311Request",
				"One service request",
				[path_param("service_request_id", "Tracking number"), fmt, request_filters[-1]],
				{
					**ok("#/components/schemas/ServiceRequestList", "A list holding the request"),
					"404": errors["404"],
				},
			)
		},
		f"{base}/tokens/{{token}}.{{format}}": {
			"get": _op(
				"Open311",
				"open311Token",
				"Request id for a token (requests are real time: the token is the id)",
				[path_param("token", "Token"), fmt],
				{**ok("#/components/schemas/TokenList", "Token"), "404": errors["404"]},
			)
		},
	}


def _open311_content(schema_ref: str) -> dict:
	return {
		"application/json": {"schema": {"$ref": schema_ref}},
		"text/xml": {"schema": {"$ref": schema_ref}},
	}


def _open311_schemas() -> dict:
	string, boolean = {"type": "string"}, {"type": "boolean"}
	nullable_string = {"type": ["string", "null"]}
	service_request = {
		"type": "object",
		"properties": {
			"service_request_id": string,
			"status": {"type": "string", "enum": ["open", "closed"]},
			"status_notes": string,
			"service_name": string,
			"service_code": string,
			"description": {"type": "string", "description": "Empty unless the API key may read details"},
			"agency_responsible": string,
			"service_notice": string,
			"requested_datetime": {"type": ["string", "null"], "format": "date-time"},
			"updated_datetime": {"type": ["string", "null"], "format": "date-time"},
			"expected_datetime": {"type": ["string", "null"], "format": "date-time"},
			"address": string,
			"address_id": string,
			"zipcode": string,
			"lat": {"type": ["number", "null"]},
			"long": {"type": ["number", "null"]},
			"media_url": string,
		},
	}
	form_fields = {
		"api_key": string,
		"service_code": string,
		"lat": {"type": "number", "minimum": -90, "maximum": 90},
		"long": {"type": "number", "minimum": -180, "maximum": 180},
		"address_string": {"type": "string", "maxLength": 500},
		"address_id": string,
		"email": {"type": "string", "format": "email"},
		"device_id": string,
		"account_id": string,
		"first_name": {"type": "string", "maxLength": 70},
		"last_name": {"type": "string", "maxLength": 70},
		"phone": {"type": "string", "description": "Egyptian mobile number"},
		"description": {"type": "string", "maxLength": MAX_DESCRIPTION},
		"media_url": string,
		"attribute[national_id]": string,
		"attribute[governorate]": {"type": "string", "description": "A key from the service definition"},
		"attribute[district]": string,
		"attribute[complaint_type]": string,
		"attribute[subject]": {"type": "string", "maxLength": 200},
	}
	return {
		"Discovery": {
			"type": "object",
			"properties": {
				"changeset": string,
				"contact": string,
				"key_service": string,
				"endpoints": {
					"type": "array",
					"items": {
						"type": "object",
						"properties": {
							"specification": string,
							"url": string,
							"changeset": string,
							"type": string,
							"formats": {"type": "array", "items": string},
						},
					},
				},
			},
		},
		"Service": {
			"type": "object",
			"properties": {
				"service_code": string,
				"service_name": string,
				"description": string,
				"metadata": boolean,
				"type": {"type": "string", "enum": ["realtime", "batch", "blackbox"]},
				"keywords": string,
				"group": string,
			},
		},
		"ServiceList": {"type": "array", "items": {"$ref": "#/components/schemas/Service"}},
		"ServiceDefinition": {
			"type": "object",
			"properties": {
				"service_code": string,
				"attributes": {
					"type": "array",
					"items": {
						"type": "object",
						"properties": {
							"variable": boolean,
							"code": string,
							"datatype": {
								"type": "string",
								"enum": [
									"string",
									"number",
									"datetime",
									"text",
									"singlevaluelist",
									"multivaluelist",
								],
							},
							"required": boolean,
							"datatype_description": string,
							"order": {"type": "integer"},
							"description": string,
							"values": {
								"type": "array",
								"items": {"type": "object", "properties": {"key": string, "name": string}},
							},
						},
					},
				},
			},
		},
		"ServiceRequestForm": {
			"type": "object",
			"required": [
				"api_key",
				"service_code",
				"description",
				"first_name",
				"phone",
				"attribute[national_id]",
				"attribute[governorate]",
			],
			"description": "A location is also required: lat and long, or address_string",
			"properties": form_fields,
		},
		"ServiceRequest": service_request,
		"ServiceRequestList": {"type": "array", "items": {"$ref": "#/components/schemas/ServiceRequest"}},
		"ServiceRequestCreatedList": {
			"type": "array",
			"items": {
				"type": "object",
				"properties": {
					"service_request_id": string,
					"service_notice": string,
					"account_id": nullable_string,
				},
			},
		},
		"TokenList": {
			"type": "array",
			"items": {"type": "object", "properties": {"service_request_id": string, "token": string}},
		},
		"Open311Errors": {
			"type": "array",
			"items": {
				"type": "object",
				"properties": {
					"code": {"type": "integer"},
					"description": string,
				},
			},
		},
	}


# Central system -------------------------------------------------------------------------------------


def _sync_paths() -> dict:
	def answer(schema: str) -> dict:
		return {"description": "Our answer", "content": {"application/json": {"schema": _wrapped(schema)}}}

	error = {
		"description": "Bad input; nothing was written",
		"content": {"application/json": {"schema": _wrapped("SyncError")}},
	}
	frappe_error = {"$ref": "#/components/responses/FrappeError"}

	def receive(operation_id: str, summary: str, answers: dict, body_field: str, body_schema: dict) -> dict:
		"""A POST of the central system: a token's, with one JSON field `body_field`."""
		responses = {**answers, "400": error, "403": frappe_error, "413": error, "417": frappe_error}
		return {
			"post": {
				**_op("Central system", operation_id, summary, [], responses),
				"security": [{"frappeToken": []}],
				"requestBody": _json_body(
					{"type": "object", "required": [body_field], "properties": {body_field: body_schema}}
				),
			}
		}

	complaint = {"$ref": "#/components/schemas/CentralComplaint"}
	return {
		f"{SYNC}.receive_complaint": receive(
			"receiveComplaint",
			"Receive one complaint; the same external_reference always yields the same complaint",
			{"201": answer("SyncAnswer"), "200": answer("SyncAnswer")},
			"complaint",
			complaint,
		),
		f"{SYNC}.receive_complaints": receive(
			"receiveComplaints",
			"Receive a batch; one result per item, in order",
			{"200": answer("BatchResult")},
			"complaints",
			{"type": "array", "items": complaint},
		),
	}


def _sync_schemas() -> dict:
	string = {"type": "string"}
	nullable = {"type": ["string", "null"]}
	error = {
		"type": "object",
		"properties": {
			"code": {
				"type": "string",
				"enum": [
					"missing",
					"invalid_type",
					"too_long",
					"unknown",
					"too_many",
					"too_large",
					"rejected",
					"invalid",
				],
			},
			"field": nullable,
			"message": string,
		},
	}
	return {
		"CentralComplaint": {
			"type": "object",
			"required": ["external_reference", "description", "governorate"],
			"description": "complainant_name, national_id and mobile are required unless is_anonymous; "
			"service_code or category is required",
			"properties": {
				"external_reference": {"type": "string", "maxLength": 140},
				"service_code": {"type": "string", "description": "An Open311 service code"},
				"category": {"type": "string", "description": "A leaf Complaint Category name"},
				"subject": {"type": "string", "maxLength": 200},
				"description": {"type": "string", "maxLength": 20000},
				"complaint_type": {"type": "string", "enum": complaint_options("complaint_type")},
				"complainant_name": {"type": "string", "maxLength": 140},
				"national_id": string,
				"mobile": string,
				"email": {"type": "string", "format": "email"},
				"governorate": {"type": "string", "description": "Governorate name or its two-digit code"},
				"district": string,
				"address": string,
				"received_on": {"type": "string", "format": "date-time"},
				"is_anonymous": {"type": "boolean"},
			},
		},
		"SyncAnswer": {
			"type": "object",
			"properties": {
				"ok": {"type": "boolean"},
				"tracking_number": string,
				"external_reference": string,
				"status": nullable,
				"received_on": {"type": "string", "format": "date-time"},
			},
		},
		"SyncError": {"type": "object", "properties": {"ok": {"type": "boolean"}, "error": error}},
		"BatchResult": {
			"type": "object",
			"properties": {
				"results": {
					"type": "array",
					"items": {
						"type": "object",
						"properties": {
							"index": {"type": "integer"},
							"ok": {"type": "boolean"},
							"created": {"type": "boolean"},
							"tracking_number": string,
							"external_reference": nullable,
							"status": nullable,
							"received_on": {"type": "string", "format": "date-time"},
							"error": error,
						},
					},
				}
			},
		},
		"StatusUpdate": {
			"type": "object",
			"properties": {
				"event": {"type": "string", "enum": ["complaint.status_changed"]},
				"tracking_number": string,
				"external_reference": nullable,
				"status": string,
				"state": {"type": "string", "enum": ["open", "closed"]},
				"response": nullable,
				"changed_on": {"type": "string", "format": "date-time"},
				"sequence": {"type": "integer", "description": "Keep the update with the highest sequence"},
			},
		},
	}


def _webhooks() -> dict:
	return {
		"complaintStatusChanged": {
			"post": {
				"summary": "We POST this to the central system's Status Update URL on every status change",
				"description": "Sent with Authorization: Bearer <Status Update Token> and an Idempotency-Key; "
				"any 2xx acknowledges it, anything else is retried with growing waits.",
				"requestBody": _json_body({"$ref": "#/components/schemas/StatusUpdate"}),
				"responses": {"200": {"description": "Received"}},
			}
		}
	}


# Intake and generated resources -----------------------------------------------------------------------


def _intake_paths() -> dict:
	answer = {
		"description": "The complaint",
		"content": {
			"application/json": {
				"schema": _wrapped_inline(
					{
						"type": "object",
						"properties": {
							"ok": {"type": "boolean"},
							"name": {"type": "string"},
							"status": {"type": ["string", "null"]},
						},
					}
				)
			}
		},
	}
	error = {
		"description": "Bad input; nothing was written",
		"content": {"application/json": {"schema": _wrapped("SyncError")}},
	}
	return {
		"/api/method/complaints_mgmt.api.intake.submit_complaint": {
			"post": {
				**_op(
					"Intake",
					"submitComplaint",
					"Create a complaint once per Idempotency-Key",
					[
						{
							"name": "Idempotency-Key",
							"in": "header",
							"schema": {"type": "string", "maxLength": 200},
						}
					],
					{
						"201": answer,
						"200": answer,
						"400": error,
						"403": {"$ref": "#/components/responses/FrappeError"},
						"413": error,
					},
				),
				"security": [{"frappeToken": []}],
				"requestBody": _json_body(
					{
						"type": "object",
						"required": ["complaint"],
						"properties": {
							"complaint": {"$ref": "#/components/schemas/Complaint"},
							"client_request_key": {"type": "string", "maxLength": 200},
						},
					}
				),
			}
		}
	}


def _resource_paths() -> dict:
	paths = {}
	list_params = [
		_query("fields", 'JSON list of field names, e.g. ["name","status"]'),
		_query("filters", 'JSON filters, e.g. [["status","=","New"]]'),
		_query("order_by", "e.g. creation desc"),
		_query("limit_start", "Offset", schema={"type": "integer", "minimum": 0}),
		_query("limit_page_length", "Page size (default 20)", schema={"type": "integer", "minimum": 0}),
	]
	for doctype in RESOURCES:
		ref = "#/components/schemas/" + _schema_name(doctype)
		slug = doctype.replace(" ", "%20")
		item = {
			"description": doctype,
			"content": {"application/json": {"schema": _wrapped_inline({"$ref": ref})}},
		}
		items = {
			"description": doctype,
			"content": {
				"application/json": {"schema": _wrapped_inline({"type": "array", "items": {"$ref": ref}})}
			},
		}
		forbidden = {"$ref": "#/components/responses/FrappeError"}
		op_id = _schema_name(doctype)
		paths[f"/api/resource/{slug}"] = {
			"get": {
				**_op(
					"Resources",
					f"list{op_id}",
					f"List {doctype} records you may read",
					list_params,
					{"200": items, "403": forbidden},
				),
				"security": [{"frappeToken": []}],
			},
		}
		paths[f"/api/resource/{slug}/{{name}}"] = {
			"get": {
				**_op(
					"Resources",
					f"get{op_id}",
					f"One {doctype}",
					[{"name": "name", "in": "path", "required": True, "schema": {"type": "string"}}],
					{"200": item, "403": forbidden, "404": forbidden},
				),
				"security": [{"frappeToken": []}],
			},
		}
		if doctype == "Complaint":
			paths[f"/api/resource/{slug}"]["post"] = {
				**_op(
					"Resources",
					"createComplaint",
					"Create a complaint. With a request key (the Idempotency-Key header or the field "
					"client_request_key, up to 200 characters) a retry returns the complaint the first "
					"request made, even when both arrive at once",
					[
						{
							"name": "Idempotency-Key",
							"in": "header",
							"required": False,
							"schema": {"type": "string", "maxLength": 200},
						}
					],
					{
						"200": item,
						"403": forbidden,
						"409": forbidden,
						"413": forbidden,
						"417": forbidden,
					},
				),
				"security": [{"frappeToken": []}],
				"requestBody": _json_body({"$ref": ref}),
			}
	return paths


def _resource_schemas() -> dict:
	return {_schema_name(doctype): _doctype_schema(doctype) for doctype in RESOURCES}


def _doctype_schema(doctype: str) -> dict:
	meta = frappe.get_meta(doctype)
	properties = {"name": {"type": "string", "readOnly": True}}
	required = []
	for df in meta.fields:
		if df.fieldtype in no_value_fields or df.fieldtype in table_fields:
			continue
		if df.hidden and df.fieldname not in VISIBLE_HIDDEN_FIELDS:
			continue
		schema = dict(_JSON_TYPES.get(df.fieldtype, {"type": "string"}))
		if df.fieldtype == "Select" and df.options:
			schema["enum"] = [o for o in df.options.split("\n") if o] + ([""] if not df.reqd else [])
		if df.fieldtype == "Link":
			schema["description"] = f"{df.label}: name of a {df.options}"
		else:
			schema["description"] = " ".join(filter(None, [df.label, schema.get("description")]))
		if df.length and schema.get("type") == "string" and df.fieldtype in ("Data", "Link"):
			schema["maxLength"] = df.length
		if df.read_only:
			schema["readOnly"] = True
		if df.reqd and not df.default and not df.read_only:
			required.append(df.fieldname)
		properties[df.fieldname] = schema
	for field in ("creation", "modified"):
		properties[field] = {"type": "string", "readOnly": True, "description": "YYYY-MM-DD HH:MM:SS.ffffff"}
	return {"type": "object", "properties": properties, "required": required}


# Helpers --------------------------------------------------------------------------------------------------


def _op(tag: str, operation_id: str, summary: str, parameters: list, responses: dict) -> dict:
	return {
		"tags": [tag],
		"operationId": operation_id,
		"summary": summary,
		"parameters": parameters,
		"responses": responses,
	}


def _query(name: str, description: str, fmt: str | None = None, schema: dict | None = None) -> dict:
	schema = schema or {"type": "string", **({"format": fmt} if fmt else {})}
	return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


def _json_body(schema: dict) -> dict:
	return {"required": True, "content": {"application/json": {"schema": schema}}}


def _wrapped(schema_name: str) -> dict:
	return _wrapped_inline({"$ref": "#/components/schemas/" + schema_name})


def _wrapped_inline(schema: dict) -> dict:
	"""Frappe wraps what a method returns in {"message": ...} and a resource in {"data": ...}."""
	return {"type": "object", "properties": {"message": schema, "data": schema}}


def _parameters() -> dict:
	return {
		"format": {
			"name": "format",
			"in": "path",
			"required": True,
			"schema": {"type": "string", "enum": ["json", "xml"]},
			"description": "Response format",
		},
	}


def _responses() -> dict:
	return {
		"Open311Error": {
			"description": "Errors as the spec gives them",
			"content": _open311_content("#/components/schemas/Open311Errors"),
		},
		"FrappeError": {
			"description": "Frappe's error body (exc_type, exception, _server_messages)",
			"content": {"application/json": {"schema": {"type": "object"}}},
		},
	}


def _schema_name(doctype: str) -> str:
	return doctype.replace(" ", "")
