"""National ID validation, masking and keyed hashing.

Formats are kept in a registry (`NATIONAL_ID_FORMATS`: country code -> validator) so that a site in
another country switches format through Complaints Settings, and a new format is one function and
one registry line. Every validator receives the value already cleaned by `_clean` (whitespace and
direction marks removed, Arabic-Indic and Persian digits turned into ASCII) and returns the stored
form or raises `InvalidNationalIDError` with a message naming the part that is wrong.
"""

import hashlib
import hmac
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import NoReturn

import frappe
from frappe import _
from frappe.utils import getdate

from complaints_mgmt.utils.bidi_text import isolate

DEFAULT_COUNTRY = "EG"
SETTINGS_DOCTYPE = "Complaints Settings"
SETTINGS_FIELD = "national_id_format"
HASH_KEY_CONFIG = "national_id_hash_key"

# Arabic-Indic (U+0660..U+0669) and Persian / extended Arabic-Indic (U+06F0..U+06F9) digits.
DIGIT_TRANSLATION = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
# Whitespace plus the invisible direction marks that right-to-left keyboards and copy-paste add.
_INVISIBLE = re.compile(r"[\s\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff]+")

# Digits 8-9 of an Egyptian national ID: code -> (English name, Arabic name).
EGYPT_GOVERNORATE_CODES: dict[str, tuple[str, str]] = {
	"01": ("Cairo", "القاهرة"),
	"02": ("Alexandria", "الإسكندرية"),
	"03": ("Port Said", "بورسعيد"),
	"04": ("Suez", "السويس"),
	"11": ("Damietta", "دمياط"),
	"12": ("Dakahlia", "الدقهلية"),
	"13": ("Sharqia", "الشرقية"),
	"14": ("Qalyubia", "القليوبية"),
	"15": ("Kafr El Sheikh", "كفر الشيخ"),
	"16": ("Gharbia", "الغربية"),
	"17": ("Monufia", "المنوفية"),
	"18": ("Beheira", "البحيرة"),
	"19": ("Ismailia", "الإسماعيلية"),
	"21": ("Giza", "الجيزة"),
	"22": ("Beni Suef", "بني سويف"),
	"23": ("Fayoum", "الفيوم"),
	"24": ("Minya", "المنيا"),
	"25": ("Asyut", "أسيوط"),
	"26": ("Sohag", "سوهاج"),
	"27": ("Qena", "قنا"),
	"28": ("Aswan", "أسوان"),
	"29": ("Luxor", "الأقصر"),
	"31": ("Red Sea", "البحر الأحمر"),
	"32": ("New Valley", "الوادي الجديد"),
	"33": ("Matrouh", "مطروح"),
	"34": ("North Sinai", "شمال سيناء"),
	"35": ("South Sinai", "جنوب سيناء"),
	"88": ("Born Abroad", "مواليد خارج الجمهورية"),
}

# First digit of an Egyptian national ID -> first year of the birth century.
EGYPT_CENTURY_DIGITS = {"2": 1900, "3": 2000}
EGYPT_NATIONAL_ID_LENGTH = 14


class InvalidNationalIDError(frappe.ValidationError):
	pass


@dataclass(frozen=True)
class EgyptianNationalID:
	birth_date: date
	governorate_code: str
	gender: str  # "Male" or "Female"


def validate_national_id(value: str, country: str = DEFAULT_COUNTRY) -> str:
	"""Return the normalised national ID of `country`, or raise InvalidNationalIDError.

	Callers that follow the site's setting pass `country=national_id_country()`."""
	validator = NATIONAL_ID_FORMATS.get((country or "").upper())
	if not validator:
		frappe.throw(_("Unknown national ID format: {0}").format(country), InvalidNationalIDError)

	cleaned = _clean(value)
	if not cleaned:
		_fail(_("National ID is required."))
	return validator(cleaned)


def parse_egyptian_national_id(value: str) -> EgyptianNationalID:
	"""Validate an Egyptian national ID and read the birth date, governorate and gender it encodes."""
	national_id = validate_national_id(value, "EG")
	return EgyptianNationalID(
		birth_date=_egypt_birth_date(national_id),
		governorate_code=national_id[7:9],
		# The 13th digit is odd for men and even for women.
		gender="Male" if int(national_id[12]) % 2 else "Female",
	)


def national_id_country() -> str:
	"""The national ID format chosen in Complaints Settings, or "EG" while that setting does not exist."""
	try:
		# get_meta raises DoesNotExistError while the DocType is not installed
		if not frappe.get_meta(SETTINGS_DOCTYPE).has_field(SETTINGS_FIELD):
			return DEFAULT_COUNTRY
		country = frappe.db.get_single_value(SETTINGS_DOCTYPE, SETTINGS_FIELD)
	except frappe.DoesNotExistError:
		return DEFAULT_COUNTRY

	country = (country or "").upper()
	return country if country in NATIONAL_ID_FORMATS else DEFAULT_COUNTRY


def national_id_hash(value: str) -> str:
	"""Keyed hash (HMAC-SHA256, hex) of a national ID, for look-ups without keeping the value in clear.

	The key is the site's own `national_id_hash_key`: the same ID hashes differently on two sites, and
	the hash cannot be reversed by hashing every possible ID without the key."""
	message = _clean(value).upper().encode()
	return hmac.new(_hash_key().encode(), message, hashlib.sha256).hexdigest()


def mask_national_id(value: str) -> str:
	"""Hide all but the first character and the last three: "2**********123"."""
	cleaned = _clean(value)
	if len(cleaned) >= 8:
		return cleaned[0] + "*" * (len(cleaned) - 4) + cleaned[-3:]
	# Too short to show four characters and still hide most of it.
	return "*" * (len(cleaned) - 1) + cleaned[-1:]


# Formats


def _validate_egypt(value: str) -> str:
	_require_digits(value, EGYPT_NATIONAL_ID_LENGTH)

	if value[0] not in EGYPT_CENTURY_DIGITS:
		_fail(
			_("The first digit of the national ID (the birth century) must be 2 or 3, but it is {0}.").format(
				value[0]
			)
		)

	try:
		birth_date = _egypt_birth_date(value)
	except ValueError:
		_fail(
			_(
				"Digits 2 to 7 of the national ID ({0}) are not a valid birth date: they are the year, the month and the day of birth, two digits each."
			).format(isolate(value[1:7]))
		)

	if birth_date > getdate():
		_fail(
			_("Digits 2 to 7 of the national ID give a birth date in the future ({0}).").format(
				birth_date.isoformat()
			)
		)

	if value[7:9] not in EGYPT_GOVERNORATE_CODES:
		_fail(
			_("Digits 8 and 9 of the national ID ({0}) are not a known governorate code.").format(value[7:9])
		)

	# Digits 10-13 are a serial number whose last digit gives the gender, digit 14 a check digit.
	# The check-digit algorithm is not published, so the last digit is not checked.
	return value


def _validate_jordan(value: str) -> str:
	# Jordanian national number: 10 digits.
	_require_digits(value, 10)
	return value


def _validate_iraq(value: str) -> str:
	# Iraqi unified national card number: 12 digits.
	_require_digits(value, 12)
	return value


def _validate_any(value: str) -> str:
	# Any other document number (passport, residence permit): 4 to 20 Latin letters or digits.
	if not re.fullmatch(r"[A-Za-z0-9]{4,20}", value):
		_fail(_("National ID must be 4 to 20 Latin letters or digits."))
	return value.upper()


NATIONAL_ID_FORMATS: dict[str, Callable[[str], str]] = {
	"EG": _validate_egypt,
	"JO": _validate_jordan,
	"IQ": _validate_iraq,
	"ANY": _validate_any,
}


# Helpers


def _clean(value: str | None) -> str:
	return _INVISIBLE.sub("", str(value or "")).translate(DIGIT_TRANSLATION)


def _require_digits(value: str, length: int) -> None:
	if not value.isascii() or not value.isdigit():
		_fail(_("National ID must contain digits only."))
	if len(value) != length:
		_fail(_("National ID must be exactly {0} digits, but {1} were entered.").format(length, len(value)))


def _egypt_birth_date(value: str) -> date:
	century = EGYPT_CENTURY_DIGITS[value[0]]
	return date(century + int(value[1:3]), int(value[3:5]), int(value[5:7]))


def _fail(message: str) -> NoReturn:
	frappe.throw(message, InvalidNationalIDError, title=_("Invalid National ID"))


def _hash_key() -> str:
	if key := frappe.conf.get(HASH_KEY_CONFIG):
		return key

	from frappe.installer import update_site_config
	from frappe.utils.synchronization import filelock

	# Another worker may be creating the key at the same moment: decide under a lock, reading the
	# file again, so that the site never ends up with two keys.
	with filelock(HASH_KEY_CONFIG):
		key = frappe.get_site_config().get(HASH_KEY_CONFIG)
		if not key:
			key = secrets.token_hex(32)
			update_site_config(HASH_KEY_CONFIG, key)

	frappe.local.conf[HASH_KEY_CONFIG] = key
	return key
