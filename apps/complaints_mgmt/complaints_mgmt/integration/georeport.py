"""Open311 GeoReport v2 over our model: services from the category tree, service requests from complaints.

A service is an active leaf of the Complaint Category tree; its code is the category's `service_code`
or, when that is empty, the category's name. What our model needs but GeoReport v2 lacks (the national
ID, the governorate) travels as service attributes, described in each service definition, so a
standard client can send them as `attribute[national_id]` and `attribute[governorate]`.

Requests read by anyone show no personal data: status, service, dates, responsible agency and
governorate. The description and address are shown only to API keys an administrator allows to read
details. This module knows nothing of HTTP: api/open311.py maps the spec's paths and formats onto it.
"""

from datetime import datetime, timedelta

import frappe
from frappe import _
from frappe.utils import cint, now_datetime

from complaints_mgmt.intake import submission as intake
from complaints_mgmt.lifecycle.states import FINAL_STATES
from complaints_mgmt.places.governorates import resolve_governorate
from complaints_mgmt.utils.timestamps import from_w3c, to_w3c

CATEGORY = "Complaint Category"
COMPLAINT = "Complaint"
SETTINGS = "Integration Settings"
API_KEY = "Open311 API Key"

OPEN311_CHANNEL = "Web Portal"
OPEN, CLOSED = "open", "closed"
MAX_DESCRIPTION = 4000  # the spec limits a request's description to 4,000 characters
MAX_DATE_RANGE = timedelta(days=90)  # the spec's default and widest window for listing requests
MAX_IDS = 100


class Open311Error(frappe.ValidationError):
	"""One or more errors in the spec's form: [{code, description}] with an HTTP status."""

	def __init__(self, http_status_code: int, *descriptions: str):
		super().__init__("; ".join(descriptions))
		self.http_status_code = http_status_code
		self.errors = [{"code": http_status_code, "description": d} for d in descriptions]


# Services -----------------------------------------------------------------------------------------


def services() -> list[dict]:
	return [_service(row) for row in _service_categories()]


def service_definition(service_code: str) -> dict:
	category = find_service(service_code)
	if not category:
		raise Open311Error(404, _("Unknown service code: {0}").format(service_code))
	return {"service_code": _service_code(category), "attributes": _attributes()}


def find_service(service_code: str, services: dict | None = None) -> frappe._dict | None:
	"""The active leaf category offered under this service code, or None. `services`: a
	service_index() the caller keeps for many look-ups."""
	if not isinstance(service_code, str) or not service_code.strip():
		return None
	return (services if services is not None else service_index()).get(service_code.strip())


def service_index() -> dict[str, frappe._dict]:
	"""Every service: {service code: category row}."""
	return {_service_code(row): row for row in _service_categories()}


def _service_categories() -> list[frappe._dict]:
	return frappe.get_all(
		CATEGORY,
		filters={"is_group": 0, "is_active": 1},
		fields=["name", "category_name", "service_code", "parent_complaint_category"],
		order_by="lft asc",
	)


def _service_code(category) -> str:
	return category.service_code or category.name


def _service(category) -> dict:
	return {
		"service_code": _service_code(category),
		"service_name": _(category.category_name or category.name),
		"description": _(category.category_name or category.name),
		"metadata": True,
		"type": "realtime",
		"keywords": "",
		"group": _(category.parent_complaint_category) if category.parent_complaint_category else "",
	}


def _attributes() -> list[dict]:
	"""The fields our model needs beyond the spec's, in the spec's attribute form."""
	governorates = frappe.get_all("Governorate", pluck="name", order_by="code asc")
	complaint_types = intake.complaint_options("complaint_type")

	def attribute(order, code, datatype, required, description, values=None):
		return {
			"variable": True,
			"code": code,
			"datatype": datatype,
			"required": required,
			"datatype_description": "",
			"order": order,
			"description": description,
			"values": [{"key": value, "name": _(value)} for value in values or []],
		}

	return [
		attribute(1, "national_id", "string", True, _("National ID number of the complainant")),
		attribute(2, "governorate", "singlevaluelist", True, _("Governorate"), governorates),
		attribute(3, "district", "string", False, _("District or village")),
		attribute(4, "complaint_type", "singlevaluelist", False, _("Type"), complaint_types),
		attribute(5, "subject", "string", False, _("Subject (at most 200 characters)")),
	]


# Creating a request --------------------------------------------------------------------------------


def create_request(form: dict, api_key, idempotency_key: str | None = None) -> dict:
	"""Turn a POST /requests form into a complaint (once per idempotency key) and answer in the
	spec's form. `api_key` is the verified Open311 API Key row."""
	values = complaint_values(form)
	request_key = None
	if idempotency_key:
		try:
			request_key = intake.scoped_request_key(f"open311:{api_key.name}", idempotency_key)
		except intake.InvalidSubmissionError as e:
			raise Open311Error(400, e.message)
	try:
		result = intake.retry_on_deadlock(lambda: intake.submit(values, request_key=request_key))
	except intake.InvalidSubmissionError as e:
		raise Open311Error(400, e.message)
	except frappe.ValidationError as e:
		raise Open311Error(400, intake.error_message(e))
	return {
		"service_request_id": result.name,
		"service_notice": _("Your complaint was received. Keep its tracking number {0} to follow it.").format(
			result.name
		),
		"account_id": None,
	}


def complaint_values(form: dict) -> dict:
	"""Complaint fields from a POST /requests form, or Open311Error(400) listing every problem."""
	problems: list[str] = []

	def text(key, max_length, required=False, label=None):
		value = form.get(key)
		if value is None or (isinstance(value, str) and not value.strip()):
			if required:
				problems.append(_("Missing required field: {0}").format(label or key))
			return None
		if not isinstance(value, str | int) or isinstance(value, bool):
			problems.append(_("Field {0} must be text.").format(label or key))
			return None
		value = str(value).strip()
		if len(value) > max_length:
			problems.append(_("Field {0} is longer than {1} characters.").format(label or key, max_length))
			return None
		return value

	service_code = text("service_code", 140, required=True)
	category = find_service(service_code) if service_code else None
	if service_code and not category:
		problems.append(_("Unknown service code: {0}").format(service_code))

	description = text("description", MAX_DESCRIPTION, required=True)
	first_name = text("first_name", 70, required=True)
	last_name = text("last_name", 70)
	phone = text("phone", 30, required=True)
	email = text("email", 140)
	address_string = text("address_string", 500)
	address_id = text("address_id", 140)
	national_id = text("attribute[national_id]", 30, required=True, label="attribute[national_id]")
	governorate = text("attribute[governorate]", 140, required=True, label="attribute[governorate]")
	district = text("attribute[district]", 140, label="attribute[district]")
	complaint_type = text("attribute[complaint_type]", 40, label="attribute[complaint_type]")
	subject = text("attribute[subject]", 200, label="attribute[subject]")
	location = _location(form, problems)

	if not (location or address_string or address_id):
		problems.append(_("A location is required: lat and long, or address_string."))
	if email and not frappe.utils.validate_email_address(email):
		problems.append(_("Invalid email address: {0}").format(email))
	if governorate and not resolve_governorate(governorate):
		problems.append(_("Unknown governorate: {0}").format(governorate))
	if complaint_type and complaint_type not in intake.complaint_options("complaint_type"):
		problems.append(_("Unknown complaint type: {0}").format(complaint_type))
	if problems:
		raise Open311Error(400, *problems)

	address = "\n".join(part for part in (address_string, address_id, location) if part)
	return {
		"complaint_type": complaint_type or "Complaint",
		"channel": OPEN311_CHANNEL,
		"category": category.name,
		"subject": subject or intake.subject_from(description),
		"description": description,
		"complainant_name": " ".join(part for part in (first_name, last_name) if part),
		"national_id": national_id,
		"mobile": phone,
		"email": email,
		"governorate": resolve_governorate(governorate),
		"district": district,
		"address": address,
	}


def _location(form: dict, problems: list[str]) -> str | None:
	lat, long = form.get("lat"), form.get("long")
	if lat in (None, "") and long in (None, ""):
		return None
	try:
		lat, long = float(lat), float(long)
	except (TypeError, ValueError):
		problems.append(_("lat and long must both be numbers."))
		return None
	if not (-90 <= lat <= 90 and -180 <= long <= 180):
		problems.append(_("lat and long are out of range."))
		return None
	return f"{lat:.6f},{long:.6f}"


# Reading requests ----------------------------------------------------------------------------------

_REQUEST_FIELDS = [
	"name",
	"status",
	"category",
	"description",
	"received_on",
	"modified",
	"deadline",
	"directorate",
	"hq_sector",
	"governorate",
	"district",
	"address",
	"is_confidential",
]


def find_requests(params: dict, detailed: bool = False) -> list[dict]:
	"""GET /requests: the spec's filters (service_request_id, service_code, start_date, end_date,
	status) plus page_size and page."""
	filters = _request_filters(params)
	page_size = _positive_int(params, "page_size", default=max_results(), maximum=max_results())
	page = _positive_int(params, "page", default=1)
	rows = frappe.get_all(
		COMPLAINT,
		filters=filters,
		fields=_REQUEST_FIELDS,
		order_by="received_on desc",
		limit_start=(page - 1) * page_size,
		limit_page_length=page_size,
	)
	return _request_views(rows, detailed)


def get_request(service_request_id: str, detailed: bool = False) -> dict:
	rows = frappe.get_all(COMPLAINT, filters={"name": service_request_id}, fields=_REQUEST_FIELDS)
	if not rows:
		raise Open311Error(404, _("Unknown service request: {0}").format(service_request_id))
	return _request_views(rows, detailed)[0]


def request_id_from_token(token: str) -> dict:
	"""Requests are created in real time, so a token is the request's own id."""
	if not frappe.db.exists(COMPLAINT, token):
		raise Open311Error(404, _("Unknown token: {0}").format(token))
	return {"service_request_id": token, "token": token}


def _request_filters(params: dict) -> dict:
	ids = _csv(params, "service_request_id")
	if ids:
		if len(ids) > MAX_IDS:
			raise Open311Error(400, _("At most {0} service_request_id values are allowed.").format(MAX_IDS))
		return {"name": ["in", ids]}  # overrides every other filter, as the spec says

	filters = {}
	codes = _csv(params, "service_code")
	if codes:
		categories = [row.name for row in _service_categories() if _service_code(row) in codes]
		filters["category"] = ["in", categories or [""]]

	start, end = _date(params, "start_date"), _date(params, "end_date")
	if start and end and start > end:
		raise Open311Error(400, _("start_date must not be later than end_date."))
	if start and end and end - start > MAX_DATE_RANGE:
		raise Open311Error(400, _("The date range may not span more than 90 days."))
	end = end or (start + MAX_DATE_RANGE if start else now_datetime())
	start = start or end - MAX_DATE_RANGE
	filters["received_on"] = ["between", [start, end]]

	statuses = _csv(params, "status")
	unknown = [s for s in statuses if s not in (OPEN, CLOSED)]
	if unknown:
		raise Open311Error(400, _("status must be open or closed, not {0}.").format(", ".join(unknown)))
	if set(statuses) == {CLOSED}:
		filters["status"] = ["in", list(FINAL_STATES)]
	elif set(statuses) == {OPEN}:
		filters["status"] = ["not in", list(FINAL_STATES)]  # Frappe adds ifnull(): new ones count too
	return filters


def _request_views(rows: list, detailed: bool) -> list[dict]:
	categories = {row.name: row for row in _all_categories()}
	return [_request_view(row, categories.get(row.category), detailed) for row in rows]


def _all_categories() -> list[frappe._dict]:
	return frappe.get_all(CATEGORY, fields=["name", "category_name", "service_code"])


def _request_view(row, category, detailed: bool) -> dict:
	show_details = detailed and not row.is_confidential
	return {
		"service_request_id": row.name,
		"status": CLOSED if row.status in FINAL_STATES else OPEN,
		"status_notes": _(row.status) if row.status else "",
		"service_name": _(category.category_name) if category else "",
		"service_code": _service_code(category) if category else "",
		"description": row.description if show_details else "",
		"agency_responsible": row.directorate or row.hq_sector or "",
		"service_notice": "",
		"requested_datetime": to_w3c(row.received_on),
		"updated_datetime": to_w3c(row.modified),
		"expected_datetime": to_w3c(row.deadline),
		"address": _address(row, show_details),
		"address_id": "",
		"zipcode": "",
		"lat": None,
		"long": None,
		"media_url": "",
	}


def _address(row, detailed: bool) -> str:
	parts = [row.address, row.district, row.governorate] if detailed else [row.governorate]
	return ", ".join(_(part) if part in (row.governorate, row.district) else part for part in parts if part)


# Values ----------------------------------------------------------------------------------------------


def _date(params: dict, key: str) -> datetime | None:
	value = params.get(key)
	if value in (None, ""):
		return None
	try:
		return from_w3c(value)
	except ValueError:
		raise Open311Error(400, _("{0} must be a W3C date-time such as 2026-01-31T09:00:00Z.").format(key))


def _csv(params: dict, key: str) -> list[str]:
	value = params.get(key)
	if value in (None, ""):
		return []
	if not isinstance(value, str):
		raise Open311Error(400, _("{0} must be text.").format(key))
	return [part.strip() for part in value.split(",") if part.strip()]


def _positive_int(params: dict, key: str, default: int, maximum: int | None = None) -> int:
	value = params.get(key)
	if value in (None, ""):
		return default
	try:
		number = int(str(value))
	except ValueError:
		raise Open311Error(400, _("{0} must be a whole number.").format(key))
	if number < 1:
		raise Open311Error(400, _("{0} must be a whole number.").format(key))
	return min(number, maximum) if maximum else number


def max_results() -> int:
	return cint(settings().open311_max_results) or 1000


def settings():
	return frappe.get_cached_doc(SETTINGS)
