import re
import threading
from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import getdate

from complaints_mgmt.intake import tracking
from complaints_mgmt.intake.tracking import (
	damm_check_digit,
	ensure_tracking_sequences,
	format_tracking_number,
	is_valid_tracking_number,
	next_tracking_number,
	normalize_tracking_number,
	sequence_name,
)
from complaints_mgmt.tests.utils import other_connection

TRACKING_FORMAT = re.compile(r"^(\d{4})-(\d{7})-(\d)$")
# Far-future years whose sequences the tests create and drop; no real complaint uses them.
FALLBACK_YEAR = 2987
ENSURE_YEARS = (2985, 2986)


def _side_connection():
	db = other_connection()
	# never hang a test run on a metadata lock
	db.sql("set session lock_wait_timeout = 10")
	return db


def _drop_sequences(*years):
	db = _side_connection()
	try:
		for year in years:
			db.sql(f"drop sequence if exists `{sequence_name(year)}`")
	finally:
		db.close()


def _sequence_exists(year):
	return bool(
		frappe.db.sql(
			"""select 1 from information_schema.tables
			where table_schema = database() and table_type = 'SEQUENCE' and table_name = %s""",
			sequence_name(year),
		)
	)


class TestDammCheckDigit(FrappeTestCase):
	def test_known_vectors(self):
		self.assertEqual(damm_check_digit("572"), "4")
		self.assertEqual(damm_check_digit("0"), "0")
		self.assertEqual(damm_check_digit("5724"), "0")

	def test_number_followed_by_its_check_digit_checks_to_zero(self):
		for digits in ("20260001234", "20269999999", "112946", "8"):
			self.assertEqual(damm_check_digit(digits + damm_check_digit(digits)), "0")

	def test_non_digits_are_refused(self):
		for value in ("", "12a", "١٢", " 12"):
			with self.assertRaises(ValueError):
				damm_check_digit(value)


class TestTrackingNumberFormat(FrappeTestCase):
	def test_format(self):
		number = format_tracking_number(2026, 1234)
		self.assertEqual(number, "2026-0001234-" + damm_check_digit("20260001234"))
		self.assertRegex(number, TRACKING_FORMAT)

	def test_format_refuses_bad_year_and_sequence(self):
		for year, sequence, error in (
			(26, 1, ValueError),
			(10000, 1, ValueError),
			("2026", 1, TypeError),
			(2026, 0, ValueError),
			(2026, -5, ValueError),
		):
			with self.assertRaises(error, msg=(year, sequence)):
				format_tracking_number(year, sequence)

	def test_sequence_name_takes_only_an_int_year(self):
		self.assertEqual(sequence_name(2026), "complaint_tracking_2026")
		with self.assertRaises(TypeError):
			sequence_name("2026`; drop table tabComplaint; --")

	def test_valid_numbers_are_accepted(self):
		for year, sequence in ((2026, 1), (2026, 1234), (2031, 9999999), (2100, 500)):
			self.assertTrue(is_valid_tracking_number(format_tracking_number(year, sequence)))

	def test_every_single_digit_substitution_is_detected(self):
		for number in (format_tracking_number(2026, 1234), format_tracking_number(2027, 9080706)):
			for position, character in enumerate(number):
				if not character.isdigit():
					continue
				for replacement in "0123456789":
					if replacement == character:
						continue
					typo = number[:position] + replacement + number[position + 1 :]
					self.assertFalse(is_valid_tracking_number(typo), msg=typo)

	def test_every_adjacent_transposition_is_detected(self):
		for number in (format_tracking_number(2026, 1234), format_tracking_number(2029, 8675309)):
			digits = number.replace("-", "")
			for position in range(len(digits) - 1):
				if digits[position] == digits[position + 1]:
					continue
				swapped = digits[:position] + digits[position + 1] + digits[position] + digits[position + 2 :]
				self.assertFalse(is_valid_tracking_number(swapped), msg=swapped)

	def test_normalize_accepts_arabic_digits_missing_dashes_and_spaces(self):
		number = format_tracking_number(2026, 1234)
		arabic = number.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
		persian = number.translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))
		for typed in (
			number,
			number.replace("-", ""),
			arabic,
			arabic.replace("-", ""),
			persian,
			" 2026 0001234 " + number[-1],
			"\u200f" + number.replace("-", "\u2013") + "\u200e",
		):
			self.assertEqual(normalize_tracking_number(typed), number, msg=typed)

	def test_normalize_refuses_garbage(self):
		number = format_tracking_number(2026, 1234)
		wrong_check = number[:-1] + str((int(number[-1]) + 1) % 10)
		for typed in (
			"",
			None,
			"2026-1234",
			"abcd-0001234-1",
			wrong_check,
			number + "x",
			"2026-0000000-" + damm_check_digit("20260000000"),
		):
			self.assertIsNone(normalize_tracking_number(typed), msg=typed)


class TestTrackingSequences(FrappeTestCase):
	def setUp(self):
		ensure_tracking_sequences()

	def test_next_numbers_are_well_formed_increasing_and_unique(self):
		year = getdate().year
		numbers = [next_tracking_number() for _ in range(20)]
		self.assertEqual(len(set(numbers)), 20)
		sequences = []
		for number in numbers:
			match = TRACKING_FORMAT.match(number)
			self.assertTrue(match, number)
			self.assertEqual(int(match.group(1)), year)
			self.assertTrue(is_valid_tracking_number(number))
			sequences.append(int(match.group(2)))
		self.assertEqual(sequences, sorted(sequences))
		# NOCACHE: numbers taken one after another on one connection are consecutive
		self.assertEqual(sequences, list(range(sequences[0], sequences[0] + 20)))

	def test_next_number_uses_the_given_year(self):
		next_year = getdate().year + 1
		self.assertTrue(next_tracking_number(next_year).startswith(f"{next_year}-"))

	def test_ensure_creates_this_and_next_year_sequences(self):
		this_year = getdate().year
		self.assertTrue(_sequence_exists(this_year))
		self.assertTrue(_sequence_exists(this_year + 1))

	def test_ensure_is_idempotent_and_opens_no_connection_when_all_exist(self):
		_drop_sequences(*ENSURE_YEARS)
		try:
			ensure_tracking_sequences(ENSURE_YEARS)
			self.assertTrue(all(_sequence_exists(year) for year in ENSURE_YEARS))
			first = next_tracking_number(ENSURE_YEARS[0])
			with patch.object(tracking, "own_connection", side_effect=AssertionError("connection opened")):
				ensure_tracking_sequences(ENSURE_YEARS)
				ensure_tracking_sequences()
			# recreating did not reset the sequence
			self.assertGreater(next_tracking_number(ENSURE_YEARS[0]), first)
		finally:
			frappe.db.rollback()
			_drop_sequences(*ENSURE_YEARS)

	def test_ensure_does_not_commit_the_callers_transaction(self):
		_drop_sequences(*ENSURE_YEARS)
		marker = frappe.generate_hash()
		try:
			frappe.db.rollback()
			frappe.get_doc({"doctype": "ToDo", "description": marker}).insert(ignore_permissions=True)
			ensure_tracking_sequences(ENSURE_YEARS)
			frappe.db.rollback()
			self.assertFalse(frappe.db.exists("ToDo", {"description": marker}))
			self.assertTrue(_sequence_exists(ENSURE_YEARS[0]))
		finally:
			frappe.db.rollback()
			_drop_sequences(*ENSURE_YEARS)

	def test_concurrent_allocation_gives_no_duplicates(self):
		site, sites_path = frappe.local.site, frappe.local.sites_path
		year = getdate().year
		per_thread, thread_count = 25, 4
		results, errors = [], []
		start = threading.Barrier(thread_count)

		def allocate():
			frappe.init(site=site, sites_path=sites_path)
			try:
				frappe.connect()
				frappe.db.begin()
				start.wait(timeout=30)
				numbers = [next_tracking_number(year) for _ in range(per_thread)]
				# each worker keeps its transaction open while the others allocate: nothing waits on it
				results.extend(numbers)
				frappe.db.rollback()
			except Exception as e:
				errors.append(e)
			finally:
				frappe.destroy()

		threads = [threading.Thread(target=allocate) for _ in range(thread_count)]
		for thread in threads:
			thread.start()
		for thread in threads:
			thread.join(timeout=60)

		self.assertFalse(any(thread.is_alive() for thread in threads), "allocation deadlocked")
		self.assertEqual(errors, [])
		self.assertEqual(len(results), per_thread * thread_count)
		self.assertEqual(len(set(results)), len(results))
		self.assertTrue(all(is_valid_tracking_number(number) for number in results))

	def test_missing_sequence_is_created_without_committing_the_callers_transaction(self):
		frappe.db.rollback()
		_drop_sequences(FALLBACK_YEAR)
		marker = frappe.generate_hash()
		try:
			frappe.get_doc({"doctype": "ToDo", "description": marker}).insert(ignore_permissions=True)

			number = next_tracking_number(FALLBACK_YEAR)

			self.assertEqual(number, format_tracking_number(FALLBACK_YEAR, 1))
			self.assertTrue(_sequence_exists(FALLBACK_YEAR))
			# the row is still uncommitted: another connection does not see it
			side = _side_connection()
			try:
				self.assertEqual(
					side.sql("select count(*) from tabToDo where description = %s", marker)[0][0], 0
				)
			finally:
				side.close()
			# and rolling back removes it
			frappe.db.rollback()
			self.assertFalse(frappe.db.exists("ToDo", {"description": marker}))
			# the sequence stays, and goes on from where it was
			self.assertEqual(next_tracking_number(FALLBACK_YEAR), format_tracking_number(FALLBACK_YEAR, 2))
		finally:
			frappe.db.rollback()
			_drop_sequences(FALLBACK_YEAR)

	def test_other_database_errors_are_not_swallowed(self):
		with patch.object(tracking, "_nextval", side_effect=frappe.QueryTimeoutError("timeout")):
			with self.assertRaises(frappe.QueryTimeoutError):
				next_tracking_number()
