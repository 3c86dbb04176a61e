"""The complainant's identity on a complaint: normalised, checked, and findable by a keyed hash."""

import frappe
from frappe import _

from complaints_mgmt.intake.national_id import national_id_country, national_id_hash, validate_national_id
from complaints_mgmt.intake.phone import normalize_mobile
from complaints_mgmt.security.personal_data import is_masked, protect_national_id


def validate_complainant(doc) -> None:
	"""Normalise the national ID and mobile, or raise a translated error naming the field."""
	if doc.is_anonymous:
		_clear_identity(doc)
		return
	if doc.national_id and not _masked_as_stored(doc):
		doc.national_id = validate_national_id(doc.national_id, national_id_country())
		doc.national_id_hash = national_id_hash(doc.national_id)
	protect_national_id(doc)  # encrypted at rest, masked in the column (personal_data.py)
	if doc.mobile:
		doc.mobile = normalize_mobile(doc.mobile)
	if doc.complainant_name:
		doc.complainant_name = " ".join(doc.complainant_name.split())


def _masked_as_stored(doc) -> bool:
	"""The masked national ID read back unchanged: nothing to validate or encrypt again."""
	before = doc.get_doc_before_save()
	return is_masked(doc.national_id) and bool(before) and before.national_id == doc.national_id


def _clear_identity(doc) -> None:
	for field in ("national_id", "national_id_hash", "national_id_encrypted", "mobile", "email", "address"):
		doc.set(field, None)
	doc.complainant_name = _("Anonymous")
