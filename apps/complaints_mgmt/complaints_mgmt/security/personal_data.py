"""The complainant's national ID kept unreadable, and no copy of it or of the mobile left lying around.

- At rest: the national ID is stored encrypted (`national_id_encrypted`, Fernet with the site's
  `encryption_key`, the key Frappe uses for stored passwords); the `national_id` column keeps only the
  masked form ("2**********345") and `national_id_hash` (national_id.py) keeps look-ups and duplicate
  checks working. A database dump therefore holds no national ID in clear.
- Reading: everybody who may read the complaint sees the masked form; the roles with read access at
  permission level 1 of Complaint (the `national_id_encrypted` field; see docs/PERMISSIONS.md) may
  show the full value, one complaint at a time, and each showing is written on the timeline.
- Copies: Version rows of complaints never carry the hash, the ciphertext or a mobile number in clear,
  and Error Logs have long digit runs (national IDs, mobile numbers) masked before they are stored.
"""

import json
import re

import frappe
from frappe import _
from frappe.utils.password import decrypt, encrypt

from complaints_mgmt.intake.national_id import mask_national_id

MASK = "*"
# Fields of a complaint whose changes a Version row must not show at all, or only masked.
VERSION_DROPPED_FIELDS = frozenset({"national_id_hash", "national_id_encrypted", "client_request_key"})
VERSION_MASKED_FIELDS = frozenset({"national_id", "mobile"})
# Standalone runs of 10 to 20 digits (national IDs, mobile numbers, optionally with +), in error texts.
_LONG_NUMBER = re.compile(r"(?<![\w.])\+?\d{10,20}(?![\w.])")


class NationalIDNotShownError(frappe.PermissionError):
	pass


# At rest ------------------------------------------------------------------------------------------


def is_masked(value) -> bool:
	return MASK in str(value or "")


def protect_national_id(doc) -> None:
	"""Validate step after the ID is normalised: keep it encrypted, store only its masked form.

	`doc.national_id` holds the clear value the user typed, or the masked form read back unchanged
	(then there is nothing to do)."""
	if not doc.national_id:
		doc.national_id_encrypted = None
		return
	if is_masked(doc.national_id):
		return
	doc.national_id_encrypted = encrypt(doc.national_id)
	doc.national_id = mask_national_id(doc.national_id)


def encrypted_national_id(value: str) -> dict:
	"""Stored columns for a normalised national ID, for writers that bypass the controller (volume.py)."""
	return {"national_id": mask_national_id(value), "national_id_encrypted": encrypt(value)}


def stored_national_id(name: str) -> str | None:
	"""The clear national ID of a complaint, for code that needs it (no permission check here)."""
	encrypted = frappe.db.get_value("Complaint", name, "national_id_encrypted")
	return decrypt(encrypted) if encrypted else None


# Reading ------------------------------------------------------------------------------------------


@frappe.whitelist(methods=["POST"])
def show_national_id(complaint: str) -> str:
	"""The full national ID of a complaint for a user allowed to see it; the showing goes on the timeline."""
	doc = frappe.get_doc("Complaint", complaint)
	doc.check_permission("read")
	if not doc.has_permlevel_access_to("national_id_encrypted", permission_type="read"):
		frappe.throw(_("You are not allowed to see national IDs in full."), NationalIDNotShownError)
	value = stored_national_id(doc.name)
	if not value:
		frappe.throw(_("This complaint has no national ID."))
	doc.add_comment("Info", _("National ID shown in full to {0}").format(frappe.session.user))
	return value


# Copies -------------------------------------------------------------------------------------------


def scrub_version(version, method=None) -> None:
	"""Before-insert hook of Version: a complaint's version keeps no hash, ciphertext or clear mobile."""
	if version.ref_doctype != "Complaint" or not version.data:
		return
	data = json.loads(version.data)
	changed = data.get("changed") or []
	data["changed"] = [_masked_change(row) for row in changed if row[0] not in VERSION_DROPPED_FIELDS]
	version.data = frappe.as_json(data, indent=None, separators=(",", ":"))


def scrub_error_log(log, method=None) -> None:
	"""Before-insert hook of Error Log: tracebacks carry local variables; mask IDs and phone numbers."""
	for field in ("error", "method"):
		if log.get(field):
			log.set(field, mask_long_numbers(log.get(field)))


def mask_long_numbers(text: str) -> str:
	return _LONG_NUMBER.sub(lambda match: mask_digits(match.group()), text)


def mask_digits(value: str | None) -> str:
	"""All but the last three characters hidden: "********678"."""
	value = str(value or "")
	return MASK * max(len(value) - 3, 0) + value[-3:]


def _masked_change(row: list) -> list:
	fieldname, old, new = row[0], row[1], row[2]
	if fieldname not in VERSION_MASKED_FIELDS:
		return row
	return [fieldname, _mask_value(fieldname, old), _mask_value(fieldname, new)]


def _mask_value(fieldname: str, value):
	if not value or is_masked(str(value)):
		return value
	return mask_national_id(value) if fieldname == "national_id" else mask_digits(value)
