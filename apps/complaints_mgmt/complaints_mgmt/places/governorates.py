"""Governorates: their Arabic names, and a governorate typed as text (name, Arabic name or code)."""

import frappe

from complaints_mgmt.intake.national_id import EGYPT_GOVERNORATE_CODES
from complaints_mgmt.places.normalise import normalise


def arabic_name(governorate: str) -> str:
	code, arabic = frappe.db.get_value("Governorate", governorate, ["code", "name_ar"]) or (None, None)
	return arabic or EGYPT_GOVERNORATE_CODES.get(code, (None, governorate))[1]


def resolve_governorate(text: str | None) -> str | None:
	"""The Governorate a text names: its record name, its two-digit code, or its name in either
	language in any common spelling."""
	text = (text or "").strip()
	if not text:
		return None
	if found := frappe.db.exists("Governorate", text) or frappe.db.get_value("Governorate", {"code": text}):
		return found
	key = normalise(text)
	for row in frappe.get_all("Governorate", fields=["name", "code", "name_ar"]):
		arabic = row.name_ar or EGYPT_GOVERNORATE_CODES.get(row.code, ("", ""))[1]
		if key in (normalise(row.name), normalise(arabic), normalise(f"محافظة {arabic}")):
			return row.name
	return None
