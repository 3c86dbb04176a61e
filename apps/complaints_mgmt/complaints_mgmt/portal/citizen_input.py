"""What a citizen may set on a complaint, whatever the way in (web form, REST, a forged request).

Citizens are guests and website users; staff (desk users) are not concerned. A web form inserts with
`ignore_permissions`, and a website user with the Citizen role may write their own complaints through
REST: so the rule sits in the Complaint's validation, not in a page.

- A new complaint keeps only the fields a complainant fills in (and those an administrator added to the
  citizen's form: citizen_form.py); status, routing, dates, the answer and
  the review are reset to their defaults, the channel is the web portal and the citizen account is the
  one filing (none for a guest). What is filled in is checked field by field (`CitizenInputError`
  names every field with its message, so the portal shows each message next to its field): the
  complaint's own fields, a category that citizens may choose, and for a guest the national ID and
  the mobile number, which are how a guest follows the complaint later. The national ID and mobile
  checks are the desk's own (national_id.py, phone.py).
- Frappe's generic web form endpoint is refused: the portal's form has its own (api/portal.py).
- Filing over HTTP counts against the client's hourly limit (client_limits.py), whichever endpoint
  it comes through.
- Afterwards a citizen may change only the satisfaction rating and comment, and only once the
  complaint is closed; the state moves only by the workflow's own transitions (reopen), which the
  workflow checks.
"""

from contextlib import contextmanager

import frappe
from frappe import _
from frappe.utils import cstr, validate_email_address

from complaints_mgmt.intake.national_id import national_id_country, validate_national_id
from complaints_mgmt.intake.phone import normalize_mobile
from complaints_mgmt.lifecycle import states
from complaints_mgmt.lifecycle.transitions import is_staff
from complaints_mgmt.security.client_limits import check_client_limit

PORTAL_CHANNEL = "Web Portal"

# What a complainant fills in, by any channel that a citizen uses.
CITIZEN_FIELDS = frozenset(
	{
		"complaint_type",
		"category",
		"subject",
		"description",
		"complainant_name",
		"national_id",
		"mobile",
		"email",
		"governorate",
		"district",
		"address",
		"is_anonymous",
		"is_confidential",
		"client_request_key",
	}
)
# What every citizen's complaint must have; a guest also gives GUEST_IDENTITY_FIELDS.
REQUIRED_FIELDS = ("complaint_type", "category", "subject", "description", "governorate")
GUEST_IDENTITY_FIELDS = ("national_id", "mobile")
# The region of the national-ID code for births abroad (88): a Governorate record for reading national
# IDs, not a place a complaint can be about.
NOT_A_PLACE_REGION = "Abroad"
# A description longer than this is not a complaint but a file: attach it.
DESCRIPTION_MAX_LENGTH = 5000
# What a citizen may change on their complaint once it is filed.
CITIZEN_FEEDBACK_FIELDS = frozenset({"satisfaction_rating", "satisfaction_comment"})
# Fields the system itself keeps up to date during a citizen's save (the workflow and its rules).
SYSTEM_FIELDS = frozenset({"status", "closed_on", "reopen_count", "review_outcome", "national_id_hash"})


class CitizenFieldError(frappe.ValidationError):
	pass


class CitizenInputError(frappe.ValidationError):
	"""A citizen's complaint is incomplete or wrong; `errors` holds (fieldname, message) pairs."""

	def __init__(self, message: str = "", errors: list[tuple[str, str]] | None = None):
		super().__init__(message)
		self.errors = errors or []


def is_citizen_session(user: str | None = None) -> bool:
	return not is_staff(user or frappe.session.user)


def restrict_citizen_input(doc) -> None:
	"""Validate hook of Complaint: keep what a citizen may set, for guests and website users."""
	user = frappe.session.user
	if not is_citizen_session(user):
		return
	if doc.is_new():
		refuse_generic_web_form()
		limit_filing()
		_reset_staff_fields(doc)
		doc.channel = PORTAL_CHANNEL
		doc.citizen_user = None if user == "Guest" else user
		check_new_complaint(doc, guest=user == "Guest")
	else:
		_refuse_changes_outside_feedback(doc)


def refuse_generic_web_form() -> None:
	"""The portal's form files through its own endpoint (api/portal.file_complaint: attachments, receipt,
	answers that name no staff). Frappe's generic web form endpoint would answer a guest with the whole
	saved complaint, routing and liaison officer included: it is not a way in."""
	if frappe.flags.in_web_form:
		frappe.throw(_("Please file your complaint with the form on the portal."), CitizenFieldError)


def limit_filing() -> None:
	"""A complaint filed over HTTP counts against the client's hourly limit (none outside a request)."""
	if getattr(frappe.local, "request", None):
		check_client_limit("file", "submissions_per_hour")


def check_new_complaint(doc, guest: bool) -> None:
	"""Raise CitizenInputError naming every field a citizen's new complaint gets wrong."""
	errors: list[tuple[str, str]] = []
	from complaints_mgmt.portal.citizen_form import required_added_fields

	missing = [*REQUIRED_FIELDS, *required_added_fields()]
	if not doc.is_anonymous:
		missing.append("complainant_name")
	if guest:
		missing.extend(GUEST_IDENTITY_FIELDS)
		if doc.is_anonymous:
			errors.append(
				(
					"is_anonymous",
					_(
						"Without an account a complaint cannot be anonymous: your national ID and mobile number are how you follow it."
					),
				)
			)
	for fieldname in missing:
		if not cstr(doc.get(fieldname)).strip():
			errors.append((fieldname, _("{0} is required.").format(_label(doc, fieldname))))
	filled = {fieldname for fieldname in CITIZEN_FIELDS if cstr(doc.get(fieldname)).strip()}
	for fieldname, check in _CHECKS:
		if fieldname in filled:
			message = check(doc)
			if message:
				errors.append((fieldname, message))
	if errors:
		message = "\n".join(text for _field, text in errors)
		frappe.msgprint(
			"<br>".join(frappe.utils.escape_html(text) for _field, text in errors),
			title=_("Please check the form"),
			indicator="red",
		)
		raise CitizenInputError(message, errors)


def choosable_categories() -> list[frappe._dict]:
	"""The categories a citizen may choose: active ones without sub-categories, in tree order."""
	return frappe.get_all(
		"Complaint Category",
		filters={"is_group": 0, "is_active": 1},
		fields=["name", "parent_complaint_category", "lft"],
		order_by="lft asc",
	)


def choosable_governorates() -> list[str]:
	"""The governorates a complaint can be about, by national-ID code (not the code of births abroad)."""
	rows = frappe.get_all("Governorate", fields=["name", "region"], order_by="code asc")
	return [row.name for row in rows if row.region != NOT_A_PLACE_REGION]


def _check_complaint_type(doc) -> str | None:
	options = (doc.meta.get_field("complaint_type").options or "").split("\n")
	if doc.complaint_type not in options:
		return _("Choose a type from the list.")


def _check_category(doc) -> str | None:
	category = frappe.db.get_value(
		"Complaint Category", doc.category, ["is_group", "is_active"], as_dict=True
	)
	if not category or category.is_group or not category.is_active:
		return _("Choose a category from the list.")


def _check_governorate(doc) -> str | None:
	found = frappe.db.get_value("Governorate", doc.governorate, ["name", "region"], as_dict=True)
	if not found or found.region == NOT_A_PLACE_REGION:
		return _("Choose a governorate from the list.")


def _check_subject(doc) -> str | None:
	length = doc.meta.get_field("subject").length or 140
	if len(doc.subject) > length:
		return _("{0} can be at most {1} characters long.").format(_label(doc, "subject"), length)


def _check_description(doc) -> str | None:
	if len(doc.description) > DESCRIPTION_MAX_LENGTH:
		return _("{0} can be at most {1} characters long.").format(
			_label(doc, "description"), DESCRIPTION_MAX_LENGTH
		)


def _check_national_id(doc) -> str | None:
	with muted_messages():
		try:
			validate_national_id(doc.national_id, national_id_country())
		except frappe.ValidationError as e:
			return str(e)


def _check_mobile(doc) -> str | None:
	with muted_messages():
		try:
			normalize_mobile(doc.mobile)
		except frappe.ValidationError as e:
			return str(e)


def _check_email(doc) -> str | None:
	if not validate_email_address(doc.email.strip()):
		return _("Enter a valid email address.")


_CHECKS = (
	("complaint_type", _check_complaint_type),
	("category", _check_category),
	("governorate", _check_governorate),
	("subject", _check_subject),
	("description", _check_description),
	("national_id", _check_national_id),
	("mobile", _check_mobile),
	("email", _check_email),
)


def _label(doc, fieldname: str) -> str:
	return _(doc.meta.get_label(fieldname))


@contextmanager
def muted_messages():
	"""The desk's checks report by msgprint; here their messages are collected instead."""
	previous = frappe.flags.mute_messages
	frappe.flags.mute_messages = True
	try:
		yield
	finally:
		frappe.flags.mute_messages = previous


def _reset_staff_fields(doc) -> None:
	from complaints_mgmt.portal.citizen_form import added_fields

	kept = CITIZEN_FIELDS.union(added_fields())
	for df in doc.meta.fields:
		if df.fieldtype in frappe.model.no_value_fields or df.fieldname in kept:
			continue
		doc.set(df.fieldname, _default(df))


def _default(df):
	if df.default == "Now" and df.fieldtype == "Datetime":
		return frappe.utils.now_datetime()
	if df.fieldtype in frappe.model.numeric_fieldtypes:
		return frappe.utils.flt(df.default) if df.default else 0
	return df.default or None


def _refuse_changes_outside_feedback(doc) -> None:
	before = doc.get_doc_before_save()
	if not before:
		return
	allowed = CITIZEN_FEEDBACK_FIELDS | SYSTEM_FIELDS
	for df in doc.meta.fields:
		if df.fieldtype in frappe.model.no_value_fields or df.fieldname in allowed:
			continue
		if (doc.get(df.fieldname) or None) != (before.get(df.fieldname) or None):
			frappe.throw(
				_("You cannot change {0} of a complaint already filed.").format(_(df.label)),
				CitizenFieldError,
			)
	feedback_changed = any(
		(doc.get(field) or None) != (before.get(field) or None) for field in CITIZEN_FEEDBACK_FIELDS
	)
	if feedback_changed and before.status != states.CLOSED:
		frappe.throw(_("A complaint can be rated once it is closed."), CitizenFieldError)
