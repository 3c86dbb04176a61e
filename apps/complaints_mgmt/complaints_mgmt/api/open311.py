"""Open311 GeoReport v2 over HTTP, at /open311/v2/.

Served by a page renderer (hook `page_renderer`) rather than whitelisted methods: the spec fixes the
paths (`/services.xml`, `/requests/{id}.json`...), the status codes (400, 403, 404) and the bodies
(a bare array, XML without Frappe's {"message": ...} envelope), and a renderer controls all three.

    GET  discovery.{fmt}                 the service discovery document
    GET  services.{fmt}                  service list (active leaf categories)
    GET  services/{service_code}.{fmt}   service definition (the attributes our model needs)
    POST requests.{fmt}                  create a request (api_key required; Idempotency-Key honoured)
    GET  requests.{fmt}                  list requests (service_request_id, service_code, start_date,
                                         end_date, status; page_size and page as extensions)
    GET  requests/{id}.{fmt}             one request
    GET  tokens/{token}.{fmt}            request id for a token (requests are real time: the id itself)

Errors are the spec's [{code, description}] in the requested format.
"""

import json
import re
from xml.etree import ElementTree

import frappe
from frappe import _
from frappe.utils import cint, get_url
from werkzeug.wrappers import Response

from complaints_mgmt.complaints.doctype.open311_api_key.open311_api_key import verify_key
from complaints_mgmt.intake import submission as intake
from complaints_mgmt.intake.submission import request_header
from complaints_mgmt.integration import georeport
from complaints_mgmt.integration.georeport import Open311Error
from complaints_mgmt.security.client_limits import own_limit
from complaints_mgmt.utils.timestamps import to_w3c

PREFIX = "open311"
BASE_PATH = "open311/v2"
SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
CONTENT_TYPES = {"json": "application/json; charset=utf-8", "xml": "text/xml; charset=utf-8"}
DISCOVERY_FORMATS = ("text/xml", "application/json")

_FORMAT = r"\.(?P<format>json|xml)$"
ROUTES = [
	(re.compile(rf"^{PREFIX}/(?:v2/)?discovery{_FORMAT}"), "discovery"),
	(re.compile(rf"^{BASE_PATH}/services{_FORMAT}"), "services"),
	(re.compile(rf"^{BASE_PATH}/services/(?P<code>[^/]+?){_FORMAT}"), "service_definition"),
	(re.compile(rf"^{BASE_PATH}/requests{_FORMAT}"), "requests"),
	(re.compile(rf"^{BASE_PATH}/requests/(?P<id>[^/]+?){_FORMAT}"), "request"),
	(re.compile(rf"^{BASE_PATH}/tokens/(?P<token>[^/]+?){_FORMAT}"), "token"),
]

# XML: the element each list item becomes, by the element that holds the list.
_ITEM_TAGS = {
	"services": "service",
	"service_requests": "request",
	"errors": "error",
	"attributes": "attribute",
	"values": "value",
	"endpoints": "endpoint",
	"formats": "format",
}


class Open311Page:
	"""Page renderer for every path under /open311/."""

	def __init__(self, path=None, http_status_code=None):
		self.path = (path or frappe.local.request.path).strip("/ ")
		self.http_status_code = http_status_code

	def can_render(self) -> bool:
		return self.path == PREFIX or self.path.startswith(PREFIX + "/")

	def render(self) -> Response:
		fmt = "xml" if self.path.endswith(".xml") else "json"
		try:
			route, match = self._route()
			fmt = match["format"]
			data, root = getattr(self, "_" + route)(match)
			return respond(data, fmt, root)
		except Open311Error as e:
			return respond(e.errors, fmt, "errors", e.http_status_code)
		except intake.PayloadTooLargeError as e:
			return respond([{"code": 413, "description": str(e)}], fmt, "errors", 413)
		except Exception:
			frappe.db.rollback()
			frappe.log_error(title="Open311 request failed")
			error = [{"code": 500, "description": _("The request could not be processed.")}]
			return respond(error, fmt, "errors", 500)

	def _route(self):
		for pattern, route in ROUTES:
			match = pattern.match(self.path)
			if match:
				return route, match.groupdict()
		raise Open311Error(404, _("Unknown Open311 resource: /{0}").format(self.path))

	# Handlers: each returns (data, XML root element name) ----------------------------------------------

	def _discovery(self, match):
		_allow("GET")
		contact = georeport.settings().open311_contact or ""
		endpoint = {
			"specification": SPECIFICATION,
			"url": get_url("/" + BASE_PATH),
			"changeset": to_w3c(_changeset()),
			"type": "production",
			"formats": list(DISCOVERY_FORMATS),
		}
		document = {
			"changeset": endpoint["changeset"],
			"contact": contact,
			"key_service": contact,
			"endpoints": [endpoint],
		}
		return document, "discovery"

	def _services(self, match):
		_allow("GET")
		_limit_reads()
		return georeport.services(), "services"

	def _service_definition(self, match):
		_allow("GET")
		_limit_reads()
		return georeport.service_definition(match["code"]), "service_definition"

	def _requests(self, match):
		if frappe.request.method == "POST":
			return [_create_request()], "service_requests"
		_allow("GET")
		detailed = _reader_may_see_details()
		return georeport.find_requests(frappe.local.form_dict, detailed), "service_requests"

	def _request(self, match):
		_allow("GET")
		detailed = _reader_may_see_details()
		return [georeport.get_request(match["id"], detailed)], "service_requests"

	def _token(self, match):
		_allow("GET")
		_reader_may_see_details()
		return [georeport.request_id_from_token(match["token"])], "service_requests"


def _create_request() -> dict:
	settings = georeport.settings()
	intake.check_payload_size(cint(settings.open311_max_request_bytes) or 65536)
	form = frappe.local.form_dict
	api_key = verify_key(form.get("api_key"))
	if not api_key:
		raise Open311Error(403, _("A valid api_key is required to create a service request."))
	_limit("create", api_key.name, cint(settings.open311_creates_per_minute))
	idempotency_key = request_header("Idempotency-Key")
	with own_limit():  # counted per API key above, not as a citizen's address
		return georeport.create_request(form, api_key, idempotency_key)


def _reader_may_see_details() -> bool:
	"""Whether this reader sees descriptions and addresses; refuses a wrong key, and readers without
	a key when requests are not public."""
	key = frappe.local.form_dict.get("api_key")
	if key:
		api_key = verify_key(key)
		if not api_key:
			raise Open311Error(403, _("Invalid api_key."))
		return bool(api_key.can_read_details)
	if not cint(georeport.settings().open311_public_requests):
		raise Open311Error(403, _("An api_key is required to read service requests."))
	_limit_reads()
	return False


def _allow(*methods: str) -> None:
	method = frappe.request.method
	if method not in methods and not (method == "HEAD" and "GET" in methods):
		raise Open311Error(405, _("Method {0} is not allowed here.").format(method))


def _limit_reads() -> None:
	ip = getattr(frappe.local, "request_ip", None) or "unknown"
	_limit("read", ip, cint(georeport.settings().open311_reads_per_minute))


def _limit(bucket: str, identity: str, per_minute: int) -> None:
	"""Fixed one-minute window in Redis. Frappe's @rate_limit keys its counter on `cmd`, which page
	routes do not have, so every route would share one counter."""
	if per_minute <= 0:
		return
	key = frappe.cache.make_key(f"open311:rate:{bucket}:{identity}")
	count = frappe.cache.incr(key)
	if count == 1:
		frappe.cache.expire(key, 60)
	if count > per_minute:
		raise Open311Error(429, _("Too many requests. Try again in a minute."))


def _changeset():
	return (
		frappe.db.get_value("Complaint Category", {}, "modified", order_by="modified desc")
		or frappe.utils.now_datetime()
	)


# Serialisation ---------------------------------------------------------------------------------------


def respond(data, fmt: str, root: str, status: int = 200) -> Response:
	if fmt == "xml":
		body = to_xml(root, data)
	else:
		body = json.dumps(data, ensure_ascii=False, default=str).encode()
	response = Response(body, status=status, content_type=CONTENT_TYPES[fmt])
	response.headers["Access-Control-Allow-Origin"] = "*"
	response.headers["Cache-Control"] = "no-store"
	return response


def to_xml(root: str, data) -> bytes:
	"""The spec's XML: UTF-8 declaration, lists as repeated item elements, booleans as true/false."""
	element = ElementTree.Element(root)
	_fill(element, data)
	return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(
		element, encoding="utf-8", xml_declaration=False
	)


def _fill(element, value) -> None:
	if isinstance(value, dict):
		for key, child in value.items():
			_fill(ElementTree.SubElement(element, key), child)
	elif isinstance(value, list | tuple):
		item_tag = _ITEM_TAGS.get(element.tag, "item")
		for item in value:
			_fill(ElementTree.SubElement(element, item_tag), item)
	elif isinstance(value, bool):
		element.text = "true" if value else "false"
	elif value is not None:
		element.text = str(value)
