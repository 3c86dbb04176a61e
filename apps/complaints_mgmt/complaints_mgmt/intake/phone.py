"""Egyptian mobile numbers: one stored form, E.164 "+201XXXXXXXXX".

Accepted input: 010 / 011 / 012 / 015 followed by 8 digits, with or without a +20, 0020 or 20 country
prefix (the trunk 0 after the country code is tolerated, as people often type "+20 010..."), with
spaces, dashes, dots or brackets, in ASCII, Arabic-Indic or Persian digits. Landlines and other
prefixes (013, 014, 016...) are rejected.
"""

import re

import frappe
from frappe import _

from complaints_mgmt.intake.national_id import DIGIT_TRANSLATION

COUNTRY_CODE = "+20"
MOBILE_PREFIXES = ("10", "11", "12", "15")

# Separators people type or paste, with the invisible direction marks of right-to-left text.
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015.()\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff]+")
# Country prefix (+20, 0020, 20) with an optional trunk 0, or the trunk 0 alone; then the 10 digits.
_MOBILE = re.compile(r"(?:(?:\+|00)?200?|0)((?:" + "|".join(MOBILE_PREFIXES) + r")\d{8})")


class InvalidMobileError(frappe.ValidationError):
	pass


def normalize_mobile(value: str) -> str:
	"""Return the number as "+201XXXXXXXXX", or raise InvalidMobileError."""
	national_number = _national_number(value)
	if not national_number:
		frappe.throw(
			_("Enter an Egyptian mobile number: 11 digits starting with 010, 011, 012 or 015."),
			InvalidMobileError,
			title=_("Invalid Mobile Number"),
		)
	return COUNTRY_CODE + national_number


def is_valid_mobile(value: str) -> bool:
	return bool(_national_number(value))


def mask_mobile(value: str) -> str:
	"""Show the operator prefix and the last three digits: "+20 10* *** *678"."""
	national_number = _national_number(value)
	if not national_number:
		# Not a number we would store: hide everything but the last three characters.
		cleaned = _clean(value)
		return "*" * max(len(cleaned) - 3, 0) + cleaned[-3:]
	return f"{COUNTRY_CODE} {national_number[:2]}* *** *{national_number[-3:]}"


def _clean(value: str | None) -> str:
	return _SEPARATORS.sub("", str(value or "")).translate(DIGIT_TRANSLATION)


def _national_number(value: str | None) -> str | None:
	"""The 10 digits after +20 ("1XXXXXXXXX"), or None when `value` is not an Egyptian mobile."""
	match = _MOBILE.fullmatch(_clean(value))
	return match.group(1) if match else None
