"""Values of the wrong shape are the client's mistake (4xx), never the database's error (500).

Frappe 15 stores what a REST client sends after casting numbers, but passes an object in a text field
or an unreadable date on to the database, which fails the request with a 500. Nothing is written either
way; this makes the answer say what is wrong.
"""

import re

import frappe
from frappe import _
from frappe.utils import escape_html, get_datetime, get_time, getdate

# /api/resource/<DocType> and /api/resource/<DocType>/<name>, any API version
RESOURCE_PATH = re.compile(r"^/api/(?:resource|v1/resource|v2/document)/")
DATE_PARSERS = {"Date": getdate, "Datetime": get_datetime, "Time": get_time}


class InvalidFieldValueError(frappe.ValidationError):
	pass


class InvalidRequestBodyError(frappe.ValidationError):
	http_status_code = 400


def check_field_values(doc, method=None) -> None:
	"""before_validate hook (Complaint, Appeal): each field holds one value, and a date one that reads
	as a date."""
	for df in doc.meta.fields:
		if df.fieldtype in frappe.model.table_fields or df.fieldtype in frappe.model.no_value_fields:
			continue
		value = doc.get(df.fieldname)
		if isinstance(value, dict | list | tuple | set):
			frappe.throw(_("{0} must be a single value.").format(_(df.label)), InvalidFieldValueError)
		parse = DATE_PARSERS.get(df.fieldtype)
		if parse and value:
			try:
				parse(value)
			except (ValueError, TypeError, OverflowError):
				frappe.throw(
					_("{0} is not a valid date or time: {1}").format(
						_(df.label), frappe.bold(escape_html(str(value)[:40]))
					),
					InvalidFieldValueError,
				)


def refuse_list_body() -> None:
	"""before_request hook: a JSON array sent to create or change one document is refused (400); Frappe
	would fail on it with a 500."""
	request = getattr(frappe.local, "request", None)
	if (
		request is not None
		and request.method in ("POST", "PUT", "PATCH")
		and request.is_json
		and RESOURCE_PATH.match(request.path)
		and isinstance(frappe.form_dict.get("data"), list)
	):
		frappe.throw(_("The request body must be a JSON object."), InvalidRequestBodyError)
