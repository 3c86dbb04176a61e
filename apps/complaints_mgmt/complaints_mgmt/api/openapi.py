"""Serves the OpenAPI document at /openapi.json (page renderer: a bare JSON body, not {"message": ...})."""

import json

import frappe
from werkzeug.wrappers import Response

from complaints_mgmt.integration import openapi

PATH = "openapi.json"


class OpenAPIPage:
	def __init__(self, path=None, http_status_code=None):
		self.path = (path or frappe.local.request.path).strip("/ ")
		self.http_status_code = http_status_code

	def can_render(self) -> bool:
		return self.path == PATH

	def render(self) -> Response:
		body = json.dumps(openapi.build(), ensure_ascii=False, indent=1)
		response = Response(body, status=200, content_type="application/json; charset=utf-8")
		response.headers["Access-Control-Allow-Origin"] = "*"
		return response
