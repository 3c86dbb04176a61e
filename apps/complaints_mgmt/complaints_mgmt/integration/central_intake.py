"""Complaints the central government system sends us, one at a time or in batches.

The central system names each complaint by its own reference (`external_reference`); we answer with
ours, the tracking number. The same reference sent again, or by two requests at once, yields the same
complaint and the same answer (intake.submit). A batch is processed item by item, each in its own
savepoint and validated as if it came alone, with one result per item; items already known are found
with one query for the whole batch. A deadlock rolls back the whole transaction, so the whole batch is
run again: every item is idempotent, so a rerun changes nothing that was done before.
"""

import frappe
from frappe import _
from frappe.utils import cint

from complaints_mgmt.intake import submission as intake
from complaints_mgmt.intake.submission import InvalidSubmissionError
from complaints_mgmt.integration.georeport import find_service, service_index
from complaints_mgmt.places.governorates import resolve_governorate
from complaints_mgmt.utils.timestamps import from_w3c, to_w3c

COMPLAINT = "Complaint"
CENTRAL_CHANNEL = "Central Government System"
SETTINGS = "Integration Settings"

# field: (longest length, required); every field is text
TEXT_FIELDS = {
	"external_reference": (140, True),
	"service_code": (140, False),
	"category": (140, False),
	"subject": (200, False),
	"description": (intake.MAX_TEXT_LENGTH, True),
	"complaint_type": (40, False),
	"complainant_name": (140, False),
	"national_id": (30, False),
	"mobile": (30, False),
	"email": (140, False),
	"governorate": (140, True),
	"district": (140, False),
	"address": (1000, False),
	"received_on": (40, False),
}
IDENTITY_FIELDS = ("complainant_name", "national_id", "mobile")


def receive(payload) -> tuple[dict, bool]:
	"""One complaint from the central system: (our answer, whether it was created now)."""
	return intake.retry_on_deadlock(lambda: _receive(payload))


def receive_batch(payloads) -> list[dict]:
	"""Many complaints: one result per item, in order, {index, ok, created, ...answer} or
	{index, ok: false, external_reference, error: {code, field, message}}."""
	if not isinstance(payloads, list):
		raise InvalidSubmissionError(_("complaints must be a list."), field="complaints", code="invalid_type")
	if not payloads:
		raise InvalidSubmissionError(_("complaints is empty."), field="complaints", code="missing")
	limit = cint(frappe.get_cached_doc(SETTINGS).max_batch_size) or 500
	if len(payloads) > limit:
		raise InvalidSubmissionError(
			_("A batch may hold at most {0} complaints, not {1}.").format(limit, len(payloads)),
			field="complaints",
			code="too_many",
		)
	return intake.retry_on_deadlock(lambda: _receive_batch(payloads))


def check_request_size() -> None:
	intake.check_payload_size((cint(frappe.get_cached_doc(SETTINGS).max_request_kb) or 4096) * 1024)


def _receive(payload, services: dict | None = None, known_new: bool = False) -> tuple[dict, bool]:
	values, reference = complaint_values(payload, services)
	result = intake.submit(values, external_reference=reference, known_new=known_new)
	return answer(result), result.created


def _receive_batch(payloads: list) -> list[dict]:
	known = _known_references(payloads)
	services = service_index()
	results = []
	for index, payload in enumerate(payloads):
		reference = payload.get("external_reference") if isinstance(payload, dict) else None
		try:
			if isinstance(reference, str) and reference.strip() in known:
				item, created = answer(intake.IntakeResult(known[reference.strip()], False)), False
			else:
				item, created = _receive(payload, services, known_new=True)
				known[reference.strip()] = item["tracking_number"]
		except InvalidSubmissionError as e:
			results.append(failure(index, reference, e.code, e.message, e.field))
		except frappe.ValidationError as e:
			results.append(failure(index, reference, "rejected", intake.error_message(e)))
		else:
			results.append({"index": index, "ok": True, "created": created, **item})
	return results


def failure(index, reference, code: str, message: str, field: str | None = None) -> dict:
	return {
		"index": index,
		"ok": False,
		"external_reference": reference if isinstance(reference, str) else None,
		"error": {"code": code, "field": field, "message": message},
	}


def answer(result: intake.IntakeResult) -> dict:
	"""What the central system gets back for a complaint: the same every time it asks."""
	fields = ("name", "external_reference", "status", "received_on")
	row = result.doc if result.doc else intake.current_values(result.name, fields)
	return {
		"tracking_number": row.name,
		"external_reference": row.external_reference,
		"status": row.status,
		"received_on": to_w3c(row.received_on),
	}


def complaint_values(payload, services: dict | None = None) -> tuple[dict, str]:
	"""Complaint fields and the external reference from a central-system payload, or
	InvalidSubmissionError naming the first wrong field."""
	if not isinstance(payload, dict):
		raise InvalidSubmissionError(_("A complaint must be a JSON object."), code="invalid_type")
	data = {field: _text(payload, field, *rule) for field, rule in TEXT_FIELDS.items()}

	is_anonymous = payload.get("is_anonymous", False)
	if not isinstance(is_anonymous, bool | int) or is_anonymous not in (0, 1):
		raise InvalidSubmissionError(
			_("Field {0} must be true or false.").format("is_anonymous"), "is_anonymous", "invalid_type"
		)
	if not is_anonymous:
		for field in IDENTITY_FIELDS:
			if not data[field]:
				raise _missing(field)

	return {
		"complaint_type": _complaint_type(data["complaint_type"]),
		"channel": CENTRAL_CHANNEL,
		"category": _category(data["service_code"], data["category"], services),
		"subject": data["subject"] or intake.subject_from(data["description"]),
		"description": data["description"],
		"complainant_name": data["complainant_name"],
		"national_id": data["national_id"],
		"mobile": data["mobile"],
		"email": data["email"],
		"governorate": _governorate(data["governorate"]),
		"district": data["district"],
		"address": data["address"],
		"is_anonymous": int(is_anonymous),
		**({"received_on": _received_on(data["received_on"])} if data["received_on"] else {}),
	}, data["external_reference"]


def _text(payload: dict, field: str, max_length: int, required: bool) -> str | None:
	value = payload.get(field)
	if value is None or (isinstance(value, str) and not value.strip()):
		if required:
			raise _missing(field)
		return None
	if not isinstance(value, str):
		raise InvalidSubmissionError(_("Field {0} must be text.").format(field), field, "invalid_type")
	value = value.strip()
	if len(value) > max_length:
		raise InvalidSubmissionError(
			_("Field {0} is longer than {1} characters.").format(field, max_length), field, "too_long"
		)
	return value


def _missing(field: str) -> InvalidSubmissionError:
	return InvalidSubmissionError(_("Missing required field: {0}").format(field), field, "missing")


def _category(service_code: str | None, category: str | None, services: dict | None) -> str:
	if service_code:
		found = find_service(service_code, services)
		if not found:
			raise InvalidSubmissionError(
				_("Unknown service code: {0}").format(service_code), "service_code", "unknown"
			)
		return found.name
	if not category:
		raise _missing("service_code")
	if not frappe.db.get_value("Complaint Category", {"name": category, "is_group": 0, "is_active": 1}):
		raise InvalidSubmissionError(_("Unknown category: {0}").format(category), "category", "unknown")
	return category


def _governorate(value: str) -> str:
	"""A governorate by name (in either language) or by the two-digit code national IDs use."""
	name = resolve_governorate(value)
	if not name:
		raise InvalidSubmissionError(_("Unknown governorate: {0}").format(value), "governorate", "unknown")
	return name


def _complaint_type(value: str | None) -> str:
	if not value:
		return "Complaint"
	if value not in intake.complaint_options("complaint_type"):
		raise InvalidSubmissionError(
			_("Unknown complaint type: {0}").format(value), "complaint_type", "unknown"
		)
	return value


def _received_on(value: str):
	try:
		return from_w3c(value)
	except ValueError:
		raise InvalidSubmissionError(
			_("{0} must be a W3C date-time such as 2026-01-31T09:00:00Z.").format("received_on"),
			"received_on",
			"invalid_type",
		)


def _known_references(payloads: list) -> dict[str, str]:
	references = {
		p["external_reference"].strip()
		for p in payloads
		if isinstance(p, dict)
		and isinstance(p.get("external_reference"), str)
		and p["external_reference"].strip()
	}
	if not references:
		return {}
	rows = frappe.get_all(
		COMPLAINT,
		filters={"external_reference": ["in", list(references)]},
		fields=["name", "external_reference"],
	)
	return {row.external_reference: row.name for row in rows}
