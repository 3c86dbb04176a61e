"""Complaint tracking numbers: "2026-0001234-7", read aloud on a hotline and typed back by citizens.

The last part is a Damm check digit over the year and sequence digits: it catches every single
mistyped digit and every swap of two adjacent digits, so a wrong number is refused before any look-up.

Numbers come from one MariaDB SEQUENCE per year (`complaint_tracking_2026`), not from a naming-series
row: a naming series updates one counter row that stays locked until the inserting transaction commits,
so every intake waits for the one before it. NEXTVAL takes a number without any lock held to the end of
the transaction; it is never rolled back, so a failed intake leaves a gap, which is fine.

CREATE SEQUENCE is DDL and commits the open transaction in MariaDB, so sequences are created ahead of
time (`ensure_tracking_sequences`, run after install, after migrate and daily) and, when one is still
missing at naming time, on a separate connection that leaves the caller's transaction alone.
"""

import re
from collections.abc import Iterable

import frappe
from frappe.utils import getdate

from complaints_mgmt.intake.national_id import DIGIT_TRANSLATION

SEQUENCE_PREFIX = "complaint_tracking_"
SEQUENCE_DIGITS = 7
MIN_YEAR, MAX_YEAR = 2000, 9999

# MariaDB error codes for a sequence that does not exist.
_UNKNOWN_SEQUENCE_ERRORS = (4091, 1146)  # ER_UNKNOWN_SEQUENCES, ER_NO_SUCH_TABLE

# Damm's table: a weakly totally anti-symmetric quasigroup of order 10.
_DAMM_TABLE = (
	(0, 3, 1, 7, 5, 9, 8, 6, 4, 2),
	(7, 0, 9, 2, 1, 5, 4, 8, 6, 3),
	(4, 2, 0, 6, 8, 7, 1, 3, 5, 9),
	(1, 7, 5, 0, 9, 8, 3, 4, 2, 6),
	(6, 1, 2, 3, 0, 4, 5, 9, 7, 8),
	(3, 6, 7, 4, 2, 0, 9, 5, 8, 1),
	(5, 8, 6, 9, 7, 2, 0, 1, 3, 4),
	(8, 9, 4, 5, 3, 6, 2, 0, 1, 7),
	(9, 4, 3, 8, 6, 1, 7, 2, 0, 5),
	(2, 5, 8, 1, 4, 3, 6, 7, 9, 0),
)

# What a citizen may type between the parts: dashes of every kind, spaces, slashes, dots, underscores,
# and the invisible direction marks of right-to-left text.
_SEPARATORS = re.compile(r"[\s\-\u2010-\u2015\u0640_/.\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff]+")


def damm_check_digit(digits: str) -> str:
	"""The Damm check digit of an ASCII digit string ("572" -> "4")."""
	if not (digits.isascii() and digits.isdigit()):
		raise ValueError(f"Damm check digit needs ASCII digits, got {digits!r}")
	interim = 0
	for digit in digits:
		interim = _DAMM_TABLE[interim][int(digit)]
	return str(interim)


def format_tracking_number(year: int, sequence: int) -> str:
	"""Tracking number for the `sequence`-th complaint of `year`: "2026-0001234-7"."""
	year, sequence = _check_year(year), int(sequence)
	if sequence < 1:
		raise ValueError(f"Tracking sequence must be positive, got {sequence}")
	body = f"{year}{sequence:0{SEQUENCE_DIGITS}d}"
	return f"{year}-{sequence:0{SEQUENCE_DIGITS}d}-{damm_check_digit(body)}"


def normalize_tracking_number(value: str) -> str | None:
	"""The canonical form of a tracking number as a citizen typed it, or None when it is not a valid one.

	Accepts Arabic-Indic and Persian digits, missing or different dashes and stray spaces; refuses a
	number whose check digit does not match."""
	digits = _SEPARATORS.sub("", str(value or "")).translate(DIGIT_TRANSLATION)
	if not (digits.isascii() and digits.isdigit()) or len(digits) < 4 + SEQUENCE_DIGITS + 1:
		return None
	# A leading zero does not change a Damm check digit, so checking the digits as typed equals
	# checking the canonical form.
	if damm_check_digit(digits[:-1]) != digits[-1]:
		return None
	year, sequence = int(digits[:4]), int(digits[4:-1])
	if not MIN_YEAR <= year <= MAX_YEAR or sequence < 1:
		return None
	return format_tracking_number(year, sequence)


def is_valid_tracking_number(value: str) -> bool:
	return normalize_tracking_number(value) is not None


def next_tracking_number(year: int | None = None) -> str:
	"""Take the next tracking number of `year` (default: the current year in the site's time zone).

	Safe inside an open transaction: it neither waits for other intakes nor commits anything."""
	year = _check_year(year or getdate().year)
	name = sequence_name(year)
	try:
		sequence = _nextval(name)
	except Exception as e:
		if not _is_unknown_sequence(e):
			raise
		# First minutes of a year before the daily job ran, or a site created without the hooks.
		_create_sequences_on_own_connection([year])
		sequence = _nextval(name)
	return format_tracking_number(year, sequence)


def ensure_tracking_sequences(years: Iterable[int] | None = None) -> None:
	"""Create the tracking sequences of `years` (default: this year and next) that do not exist yet.

	Idempotent; costs one information_schema query when every sequence exists. Never commits the
	caller's transaction: any CREATE runs on a separate connection. Hook for after_install, after_migrate
	and the daily scheduler."""
	if years is None:
		this_year = getdate().year
		years = (this_year, this_year + 1)
	years = sorted({_check_year(year) for year in years})
	if not years:
		return

	existing = set(
		frappe.db.sql_list(
			"""select table_name from information_schema.tables
			where table_schema = database() and table_type = 'SEQUENCE' and table_name in %(names)s""",
			{"names": [sequence_name(year) for year in years]},
		)
	)
	missing = [year for year in years if sequence_name(year) not in existing]
	if missing:
		_create_sequences_on_own_connection(missing)


def sequence_name(year: int) -> str:
	# The year is checked to be an int in range, so the name is safe to put into SQL as an identifier.
	return f"{SEQUENCE_PREFIX}{_check_year(year)}"


def _check_year(year: int) -> int:
	if isinstance(year, bool) or not isinstance(year, int):
		raise TypeError(f"Tracking year must be an int, got {year!r}")
	if not MIN_YEAR <= year <= MAX_YEAR:
		raise ValueError(f"Tracking year out of range: {year}")
	return year


def _nextval(name: str) -> int:
	return int(frappe.db.sql(f"select nextval(`{name}`)")[0][0])


def _is_unknown_sequence(error: Exception) -> bool:
	args = getattr(error, "args", ())
	return bool(args) and args[0] in _UNKNOWN_SEQUENCE_ERRORS


def _create_sequences_on_own_connection(years: Iterable[int]) -> None:
	"""CREATE SEQUENCE on a connection of its own: DDL commits implicitly, and on this connection there
	is nothing to commit, while the caller's transaction on frappe.db stays open and untouched."""
	db = own_connection()
	try:
		for year in years:
			db.sql(_create_sequence_sql(sequence_name(year)))
	finally:
		db.close()


def _create_sequence_sql(name: str) -> str:
	# NOCACHE rather than CACHE 50: with a cache, MariaDB throws away the unused cached numbers on every
	# server restart or table flush, and gaps of up to 50 read to auditors (and to citizens comparing
	# numbers) as deleted complaints. The price of NOCACHE is one small sequence-row write per NEXTVAL,
	# done outside the caller's transaction and without a lock held to its end: negligible beside the
	# complaint insert itself, at any intake rate a national hotline sees.
	return f"create sequence if not exists `{name}` start with 1 minvalue 1 increment by 1 nocache nocycle"


def own_connection():
	"""A new connection to the site's database with the credentials of frappe.db."""
	from frappe.database import get_db

	db = get_db(
		host=frappe.db.host,
		port=frappe.db.port,
		user=frappe.db.user,
		password=frappe.db.password,
		cur_db_name=frappe.db.cur_db_name,
	)
	db.connect()
	return db
