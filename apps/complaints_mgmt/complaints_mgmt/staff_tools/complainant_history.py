"""The complainant's earlier complaints, shown in the complaint form beside the national ID or mobile typed.

Staff taking a complaint (a call-centre agent on the telephone, an officer at the counter) see what the
same citizen filed before, newest first: tracking number, date, category, status and unit, a handful and
the count of the rest. The open ones in the category being filed are marked as possible duplicates, as
intake/duplicates.py warns once the complaint is saved.

- Found by the national ID's keyed hash (security/personal_data.py keeps no ID in clear), or by the stored mobile
  when no valid national ID is given.
- Only the complaints the user may read: `frappe.get_list` applies the user's record conditions
  (permissions.py: a liaison officer sees only their units').
- An ID or number that is not valid gets the same empty answer as one nobody used, without an error:
  the answer never tells whether a citizen exists outside what the user may read anyway.
- POST only (the ID stays out of URLs and access logs), and counted per user and hour (Complaints
  Settings): a call centre shares one address, so the count is the user's, not the address's.
"""

import frappe
from frappe import _
from frappe.utils import cint, formatdate

from complaints_mgmt.intake.national_id import national_id_country, national_id_hash, validate_national_id
from complaints_mgmt.intake.phone import is_valid_mobile, normalize_mobile
from complaints_mgmt.lifecycle import states
from complaints_mgmt.lifecycle.transitions import is_staff
from complaints_mgmt.security.client_limits import refuse_above_hourly_limit
from complaints_mgmt.utils.messages import withdrawn_on_error
from complaints_mgmt.utils.plurals import counted
from complaints_mgmt.utils.record_names import record_title

COMPLAINT = "Complaint"
SETTINGS = "Complaints Settings"
LIMIT_FIELD = "complainant_lookups_per_hour"
SHOWN = 5  # complaints listed; the rest are counted


class LookupLimitExceededError(frappe.RateLimitExceededError):
	pass


@frappe.whitelist(methods=["POST"])
def complainant_history(
	national_id: str | None = None,
	mobile: str | None = None,
	category: str | None = None,
	exclude: str | None = None,
) -> dict:
	"""{"complaints": [...], "more": n, "more_label": text}: the newest complaints of this complainant the user may read,
	and how many more there are. `category`: the one being filed (marks possible duplicates);
	`exclude`: the complaint open in the form, left out; when no national ID is typed (a saved complaint
	shows it masked), its stored national ID is the key."""
	check_reader()
	if not (national_id or "").strip() and (stored_hash := _stored_national_id_hash(exclude)):
		filters = {"national_id_hash": stored_hash}  # the open complaint's own complainant: not a look-up
	else:
		count_lookup()
		filters = complainant_filter(national_id, mobile)
	if not filters:
		return {"complaints": [], "more": 0, "more_label": ""}
	if exclude:
		filters["name"] = ("!=", exclude)
	rows = frappe.get_list(
		COMPLAINT,
		filters=filters,
		fields=["name", "received_on", "category", "status", "unit_doctype", "unit", "merged_into"],
		order_by="received_on desc, name desc",
		limit_page_length=SHOWN,
	)
	total = _count(filters) if len(rows) == SHOWN else len(rows)
	more = max(total - len(rows), 0)
	return {
		"complaints": [_shown(row, category) for row in rows],
		"more": more,
		"more_label": counted(more, "{0} more complaint", "{0} more complaints") if more else "",
	}


def check_reader() -> None:
	if not (is_staff() and frappe.has_permission(COMPLAINT, "read")):
		frappe.throw(
			_("Only staff who may read complaints can look a complainant up."), frappe.PermissionError
		)


def count_lookup() -> None:
	"""One look-up of this user counted; refused above the hourly limit of Complaints Settings."""
	refuse_above_hourly_limit(
		f"complainant_history:{frappe.session.user}",
		(SETTINGS, LIMIT_FIELD),
		_("You have looked up complainants too many times this hour. Please try again later."),
		LookupLimitExceededError,
	)


def complainant_filter(national_id: str | None, mobile: str | None) -> dict | None:
	"""The filter on the complainant's key: the national ID's hash, else the normalised mobile; None
	when neither is valid."""
	if national_id_value := _valid_national_id(national_id):
		return {"national_id_hash": national_id_hash(national_id_value)}
	if mobile and is_valid_mobile(mobile):
		return {"mobile": normalize_mobile(mobile)}
	return None


def _stored_national_id_hash(name: str | None) -> str | None:
	"""The national ID key stored on a saved complaint the user may read (the form shows the ID masked)."""
	if (
		not name
		or not frappe.db.exists(COMPLAINT, name)
		or not frappe.has_permission(COMPLAINT, "read", doc=name)
	):
		return None
	return frappe.db.get_value(COMPLAINT, name, "national_id_hash")


def _valid_national_id(value: str | None) -> str | None:
	if not (value or "").strip():
		return None
	try:
		with withdrawn_on_error():  # not an error for the user: the look-up finds nothing
			return validate_national_id(value, national_id_country())
	except frappe.ValidationError:
		return None


def _count(filters: dict) -> int:
	result = frappe.get_list(COMPLAINT, filters=filters, fields=["count(name) as total"])
	return cint(result[0].total) if result else 0


def _shown(row, category: str | None) -> dict:
	return {
		"name": row.name,
		"received_on": str(row.received_on or ""),
		"date": formatdate(row.received_on) if row.received_on else "",
		"status": row.status,
		"status_label": _(row.status) if row.status else "",
		"category_label": record_title("Complaint Category", row.category),
		"unit_label": record_title(row.unit_doctype, row.unit),
		"possible_duplicate": bool(
			category
			and row.category == category
			and row.status not in states.FINAL_STATES
			and not row.merged_into
		),
	}
