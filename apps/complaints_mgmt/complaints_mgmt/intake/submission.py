"""Taking in a complaint from any channel exactly once.

Every intake path (Open311, the central-system sync, REST, later the web form) ends here: find the
complaint a submission already made, by its external reference or its request key, or insert it.

Retries and concurrent duplicates yield one complaint. The external reference and the request key are
UNIQUE columns, so when two requests race, the database lets exactly one insert through; the other gets
a duplicate-key error, rolls back to its savepoint and returns the complaint the winner made. The
look-up after the error is a locking read (FOR UPDATE), which sees the winner's committed row even
inside a REPEATABLE READ snapshot taken before it.

Each insert runs inside a savepoint, so a failing item leaves nothing behind in a batch that goes on,
and the after-commit callbacks it registered (notifications, jobs) are dropped with it.

Complaints inserted by Frappe itself (the generated REST resource POST /api/resource/Complaint, the
desk) carry the client's key in the field `client_request_key` or the header Idempotency-Key:
`take_retried_request`, called by Complaint.insert, stores it scoped to the user and answers a retry
with the complaint the first request made. Concurrent requests with one key queue on a named database
lock held until the first one's transaction ends, and each later one then finds its complaint: in its
snapshot, or, when the first one committed after the snapshot was taken, through the duplicate-key
error of its own insert (`insert_once`). The look-up before the insert is a plain read: a locking read
of a key that is not there locks the gap around it in the unique index, and two requests whose new keys
fall into the same gap then deadlock on their inserts (1 to 2 requests in 300 at 4 and 16 clients,
docs/PERFORMANCE.md).
"""

import hashlib
import random
import re
import time
from contextlib import contextmanager
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from functools import partial

import frappe
from frappe import _
from frappe.model.document import Document

from complaints_mgmt.utils.messages import withdrawn_on_error

COMPLAINT = "Complaint"
EXTERNAL_REFERENCE = "external_reference"
REQUEST_KEY = "client_request_key"
REQUEST_KEY_HEADER = "Idempotency-Key"
REQUEST_KEY_MAX_LENGTH = 200
REQUEST_KEY_LOCK_SECONDS = 10
# A deadlock victim starts again; overlapping batches of the central sync can collide several times in a row
DEADLOCK_ATTEMPTS = 6
# A Text or Small Text column holds 65,535 bytes: this many characters fit even at 4 bytes each.
MAX_TEXT_LENGTH = 16000
TEXT_FIELDTYPES = ("Small Text", "Text")
# Largest request body that creates or changes one complaint (REST resource and submit_complaint).
MAX_REQUEST_BYTES = 256 * 1024
COMPLAINT_RESOURCE_PATH = re.compile(r"^/api/(?:resource|v1/resource|v2/document)/Complaint(?:/|$)")


class InvalidSubmissionError(frappe.ValidationError):
	"""A submission that cannot become a complaint; nothing was written."""

	http_status_code = 400

	def __init__(self, message: str, field: str | None = None, code: str = "invalid"):
		super().__init__(message)
		self.message = message
		self.field = field
		self.code = code


class PayloadTooLargeError(frappe.ValidationError):
	http_status_code = 413


class TextTooLongError(frappe.ValidationError):
	pass


class RequestInProgressError(frappe.ValidationError):
	"""Another request with the same key is still being processed."""

	http_status_code = 409


@dataclass(frozen=True)
class IntakeResult:
	name: str
	created: bool
	doc: Document | None = dataclass_field(default=None, compare=False, repr=False)  # the new complaint


def submit(
	values: dict,
	*,
	external_reference: str | None = None,
	request_key: str | None = None,
	known_new: bool = False,
) -> IntakeResult:
	"""The complaint these values describe: the one an earlier submission with the same external
	reference or request key made, or a new one. Raises the model's validation errors; on any error
	nothing of this submission is left in the transaction. known_new: the caller has just looked the
	keys up (a batch does it for all its items in one query), so the look-up before inserting is
	skipped; a concurrent duplicate is still caught by the unique index."""
	keys = {EXTERNAL_REFERENCE: external_reference, REQUEST_KEY: request_key}
	keys = {fieldname: value for fieldname, value in keys.items() if value}
	existing = None if known_new else find_existing(keys)
	if existing:
		return IntakeResult(existing, False)

	doc = frappe.get_doc({**values, **keys, "doctype": COMPLAINT})
	doc.flags.request_key_checked = True  # the keys are scoped and looked up here, not by the insert
	try:
		with savepoint():
			doc.insert(ignore_permissions=True)
	except (frappe.UniqueValidationError, frappe.DuplicateEntryError):
		# Another request with the same key won the race: answer with its complaint.
		existing = keys and find_existing(keys, current=True)
		if not existing:
			raise
		return IntakeResult(existing, False)
	return IntakeResult(doc.name, True, doc)


def take_retried_request(doc, ignore_permissions: bool | None = None) -> bool:
	"""Complaint.insert: when the client sent a request key (field `client_request_key` or header
	Idempotency-Key) and a complaint was already made with it, turn `doc` into that complaint and
	return True, so the caller answers as if it had just created it. Otherwise store the key in its
	scoped form, keep the key's lock until the transaction ends, and return False: the insert goes on."""
	if doc.flags.request_key_checked:
		return False
	doc.flags.request_key_checked = True
	key = doc.get(REQUEST_KEY) or request_header(REQUEST_KEY_HEADER)
	if not key:
		return False
	if not isinstance(key, str):
		raise InvalidSubmissionError(
			_("The request key must be 1 to {0} characters long.").format(REQUEST_KEY_MAX_LENGTH),
			field=REQUEST_KEY,
		)
	request_key = scoped_request_key(f"user:{frappe.session.user}", key)
	doc.set(REQUEST_KEY, request_key)
	lock_request_key(request_key)
	doc.flags.request_key_scoped = True
	existing = find_existing({REQUEST_KEY: request_key})
	if not existing:
		return False
	if not ignore_permissions:
		frappe.has_permission(COMPLAINT, "create", throw=True)
	_become(doc, existing)
	return True


def insert_once(doc, insert):
	"""Complaint.insert, after `take_retried_request`: run `insert()`; when the first request with the
	same key committed after this transaction's snapshot was taken (the look-up before did not see it),
	the unique index refuses the row: undo this insert and turn `doc` into the first request's complaint."""
	if not doc.flags.get("request_key_scoped"):
		return insert()
	try:
		with savepoint():
			return insert()
	except (frappe.UniqueValidationError, frappe.DuplicateEntryError):
		existing = find_existing({REQUEST_KEY: doc.get(REQUEST_KEY)}, current=True)
		if not existing:
			raise
		doc.flags.in_insert = False
		_become(doc, existing)
		return doc


def _become(doc, name: str) -> None:
	"""Turn `doc` into the stored complaint `name`, read as committed now (a locking read of its row)."""
	row = frappe.db.sql(
		"select * from `tabComplaint` where name = %s lock in share mode", (name,), as_dict=True
	)
	doc.update(row[0])
	doc.set("__islocal", False)
	doc.flags.retried_request = True


def lock_request_key(request_key: str) -> None:
	"""Hold a named lock on a request key until this transaction commits or rolls back; wait for a
	concurrent request that holds it (RequestInProgressError when it takes too long)."""
	name = request_key_lock_name(request_key)
	acquired = frappe.db.sql("select get_lock(%s, %s)", (name, REQUEST_KEY_LOCK_SECONDS))[0][0]
	if acquired != 1:
		frappe.throw(
			_("A request with the same key is still being processed. Try again in a moment."),
			RequestInProgressError,
		)
	release = partial(_release_lock, name)
	frappe.db.after_commit.add(release)
	frappe.db.after_rollback.add(release)


def request_key_lock_name(request_key: str) -> str:
	return f"complaint-request-{request_key[:40]}"  # MariaDB allows 64 characters


def _release_lock(name: str) -> None:
	frappe.db.sql("select release_lock(%s)", (name,))


def check_text_lengths(doc, method=None) -> None:
	"""Validate hook of Complaint: long texts fit their columns; a clear error instead of the
	database's."""
	for df in doc.meta.fields:
		value = doc.get(df.fieldname) if df.fieldtype in TEXT_FIELDTYPES else None
		if isinstance(value, str) and len(value) > MAX_TEXT_LENGTH:
			frappe.throw(
				_("{0} is longer than {1} characters.").format(_(df.label), MAX_TEXT_LENGTH),
				TextTooLongError,
			)


def request_header(name: str) -> str | None:
	"""A header of the current request; None when there is no request (a job, a test, the console)."""
	request = getattr(frappe.local, "request", None)
	return request.headers.get(name) if request is not None else None


def find_existing(keys: dict, current: bool = False) -> str | None:
	"""Name of the complaint holding any of these unique keys ({fieldname: value}).

	current=True reads what is committed now rather than the transaction's snapshot, with a shared
	lock: a shared lock, not FOR UPDATE, because every request that lost the same race holds one on
	the winner's row already, and two of them asking for an exclusive lock would deadlock."""
	for field, value in keys.items():
		if field not in (EXTERNAL_REFERENCE, REQUEST_KEY):
			raise ValueError(f"Not an intake key: {field}")
		if current:
			rows = frappe.db.sql(
				f"select name from `tabComplaint` where `{field}` = %s lock in share mode", (value,)
			)
			name = rows[0][0] if rows else None
		else:
			name = frappe.db.get_value(COMPLAINT, {field: value}, "name")
		if name:
			return name
	return None


def current_values(name: str, fields: tuple[str, ...]) -> frappe._dict:
	"""A complaint's fields as committed now. A plain read would use the transaction's snapshot, taken
	before a concurrent request committed the complaint that intake has just found."""
	if not all(field.isidentifier() for field in fields):
		raise ValueError(f"Not field names: {fields}")
	columns = ", ".join(f"`{field}`" for field in fields)
	rows = frappe.db.sql(
		f"select {columns} from `tabComplaint` where name = %s lock in share mode", (name,), as_dict=True
	)
	return rows[0] if rows else frappe._dict()


def retry_on_deadlock(run, attempts: int = DEADLOCK_ATTEMPTS):
	"""Call `run()`; when the database chose this transaction as a deadlock victim (it has rolled it
	back whole), start a clean transaction and call it again. Only for work that is idempotent and that
	is all the transaction holds, such as intake."""
	for attempt in range(1, attempts + 1):
		try:
			return run()
		except frappe.QueryDeadlockError:
			if attempt == attempts:
				raise
			frappe.db.rollback()
			time.sleep(random.uniform(0.01, 0.05) * attempt)


def complaint_options(fieldname: str) -> list[str]:
	"""The options of one of the Complaint's Select fields."""
	field = frappe.get_meta(COMPLAINT).get_field(fieldname)
	return [option for option in (field.options or "").split("\n") if option]


def subject_from(description: str, max_length: int = 140) -> str:
	"""A subject for channels that send none: the description's first line, shortened."""
	first_line = description.strip().splitlines()[0].strip()
	return first_line if len(first_line) <= max_length else first_line[: max_length - 1].rstrip() + "…"


def scoped_request_key(scope: str, key: str) -> str:
	"""The stored form of a client's request key: a hash of who sent it and the key, so that two
	clients using the same key never meet, and a key cannot be used to find another client's
	complaint. 64 hex characters, the length of the column."""
	key = (key or "").strip()
	if not key or len(key) > REQUEST_KEY_MAX_LENGTH:
		raise InvalidSubmissionError(
			_("The request key must be 1 to {0} characters long.").format(REQUEST_KEY_MAX_LENGTH),
			field=REQUEST_KEY,
		)
	return hashlib.sha256(f"{scope}\x1f{key}".encode()).hexdigest()


def limit_resource_request_size() -> None:
	"""before_request hook: a body sent to the generated Complaint resource that is larger than any
	complaint is refused (413) before Frappe reads it."""
	request = getattr(frappe.local, "request", None)
	if request is None or request.method not in ("POST", "PUT", "PATCH"):
		return
	if COMPLAINT_RESOURCE_PATH.match(request.path):
		length = request.content_length
		if length and length > MAX_REQUEST_BYTES:
			frappe.throw(_too_large_message(length, MAX_REQUEST_BYTES), PayloadTooLargeError)


def check_payload_size(limit_bytes: int) -> None:
	"""Refuse a request body larger than `limit_bytes` before anything is read from it further."""
	request = getattr(frappe.local, "request", None)
	length = request and request.content_length
	if length and length > limit_bytes:
		raise PayloadTooLargeError(_too_large_message(length, limit_bytes))


def _too_large_message(length: int, limit_bytes: int) -> str:
	return _("The request is too large: {0} bytes, at most {1} are accepted.").format(length, limit_bytes)


@contextmanager
def savepoint():
	"""Run a block in a savepoint; on any error undo its writes, its after-commit callbacks and its
	messages, then re-raise. Frappe's own savepoint helper leaves the callbacks behind, so a rolled
	back insert could still send its notifications after the batch commits."""
	name = "intake_" + frappe.generate_hash(length=10)
	db = frappe.db
	callbacks = (db.before_commit._functions, db.after_commit._functions)
	callback_counts = [len(queue) for queue in callbacks]
	db.savepoint(name)
	try:
		with withdrawn_on_error():
			yield
	except Exception as e:
		if not isinstance(e, frappe.QueryDeadlockError):  # a deadlock took the savepoint with it
			db.rollback(save_point=name)
		for queue, count in zip(callbacks, callback_counts, strict=True):
			while len(queue) > count:
				queue.pop()
		raise
	else:
		db.release_savepoint(name)


def error_message(error: Exception) -> str:
	"""A user-facing message of a validation error, without the HTML Frappe adds to some."""
	from frappe.utils import strip_html

	return strip_html(str(error) or _("The complaint could not be saved.")).strip()
