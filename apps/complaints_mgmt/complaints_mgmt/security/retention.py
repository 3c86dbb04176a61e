"""Retention: a closed complaint loses its complainant's personal data after a set period.

Complaints Settings' "Anonymise Closed Complaints After (Days)" (default 1825, five years; 0 = never)
counts from `closed_on`. A daily job reads the complaints due through the index
(anonymised, status, closed_on), a batch per transaction, and for each one, under a row lock and only
if it is still closed and not yet anonymised:

- clears the complainant's identity and contact details and the free texts that describe their case
  (`CLEARED_FIELDS`), replaces the name and subject by a placeholder (`REPLACED_FIELDS`);
- removes those fields' values from the complaint's Version rows;
- replaces the content of its typed comments, timeline notes and attachment notes, clears its
  communications (emails) and SMS log entries, deletes its attachments, and clears the appellant's
  name and grounds of its appeals;
- marks it `anonymised` with the date, and writes a timeline note that says so, with no personal data.

What stays, for statistics and the audit trail: type, channel, category, governorate, district, unit,
officer, dates, states, SLA figures, rating, external reference and the workflow's timeline entries.
The update goes straight to the database: no workflow rule, notification or Version runs for it.
"""

import json

import frappe
from frappe import _
from frappe.utils import add_days, cint, now_datetime

from complaints_mgmt.intake.submission import savepoint
from complaints_mgmt.lifecycle import states

SETTINGS = "Complaints Settings"
PERIOD_FIELD = "anonymise_after_days"
DEFAULT_DAYS = 1825
DEFAULT_BATCH = 500

# Identity, contact and the free texts written about the complainant's case.
CLEARED_FIELDS = (
	"national_id",
	"national_id_hash",
	"national_id_encrypted",
	"mobile",
	"email",
	"address",
	"citizen_user",
	"client_request_key",
	"description",
	"response",
	"transfer_reason",
	"rejection_reason",
	"review_note",
	"satisfaction_comment",
)
REPLACED_FIELDS = ("complainant_name", "subject")
PERSONAL_FIELDS = frozenset(CLEARED_FIELDS + REPLACED_FIELDS)
# Timeline entries whose content people type or that name files; workflow and assignment entries stay.
CLEARED_COMMENT_TYPES = ("Comment", "Info", "Attachment", "Attachment Removed", "Edit")


def run() -> None:
	"""Scheduled daily: anonymise every closed complaint past the retention period."""
	days = retention_days()
	if not days:
		return
	done = set()
	while batch := anonymise_batch(days, skip=done):
		done.update(batch)
		# A scheduled job owns its transaction: committing per batch keeps row locks and undo short.
		frappe.db.commit()  # nosemgrep


def anonymise_batch(days: int, limit: int = DEFAULT_BATCH, skip: set | frozenset = frozenset()) -> list[str]:
	"""One batch of due complaints, anonymised in the current transaction. Returns the batch read
	(those that failed are logged and left out of the next batches of the run through `skip`)."""
	batch = [name for name in due_complaints(days, limit) if name not in skip]
	for name in batch:
		anonymise_safely(name)
	return batch


def retention_days() -> int:
	"""The period in days; the default until an administrator saves the setting; 0 means never."""
	singles = frappe.qb.DocType("Singles")
	value = (
		frappe.qb.from_(singles)
		.select(singles.value)
		.where((singles.doctype == SETTINGS) & (singles.field == PERIOD_FIELD))
		.run(pluck=True)
	)
	value = value[0] if value else None
	return DEFAULT_DAYS if value is None else max(cint(value), 0)


def due_complaints(days: int, limit: int = DEFAULT_BATCH) -> list[str]:
	return due_complaints_query(add_days(now_datetime(), -days), limit).run(pluck=True)


def due_complaints_query(cutoff, limit: int = DEFAULT_BATCH):
	"""Closed before the cut-off and not anonymised (index anonymised, status, closed_on)."""
	complaint = frappe.qb.DocType("Complaint")
	return (
		frappe.qb.from_(complaint)
		.select(complaint.name)
		.where(complaint.anonymised == 0)
		.where(complaint.status.isin(states.FINAL_STATES))
		.where(complaint.closed_on < cutoff)
		.limit(limit)
	)


def anonymise_safely(name: str) -> bool:
	"""One complaint; an error is logged and the batch goes on (the next run tries again)."""
	try:
		with savepoint():
			return anonymise(name)
	except Exception:
		frappe.log_error(title=_("Anonymisation failed"), reference_doctype="Complaint", reference_name=name)
		return False


def anonymise(name: str) -> bool:
	"""Remove the complaint's personal data; False when it is open again or anonymised already."""
	row = frappe.db.get_value("Complaint", name, ["status", "anonymised"], as_dict=True, for_update=True)
	if not row or row.anonymised or row.status not in states.FINAL_STATES:
		return False

	now = now_datetime()
	placeholder = _("Anonymised")
	values = {field: None for field in CLEARED_FIELDS}
	values.update({field: placeholder for field in REPLACED_FIELDS})
	values.update({"anonymised": 1, "anonymised_on": now})
	values["_comments"] = None  # Frappe's cache of the latest comments' text, shown in the list view
	frappe.db.set_value("Complaint", name, values)

	_scrub_versions(name)
	_clear_timeline(name, placeholder)
	_clear_messages(name, placeholder)
	_delete_attachments(name)
	_clear_appeals(name, placeholder)

	frappe.get_doc(
		{
			"doctype": "Comment",
			"comment_type": "Info",
			"reference_doctype": "Complaint",
			"reference_name": name,
			"content": _("Personal data removed under the retention policy."),
		}
	).insert(ignore_permissions=True)
	return True


def _scrub_versions(name: str) -> None:
	rows = frappe.get_all(
		"Version", filters={"ref_doctype": "Complaint", "docname": name}, fields=["name", "data"]
	)
	for row in rows:
		data = json.loads(row.data or "{}")
		changed = data.get("changed") or []
		kept = [change for change in changed if change[0] not in PERSONAL_FIELDS]
		if len(kept) != len(changed):
			data["changed"] = kept
			frappe.db.set_value(
				"Version", row.name, "data", frappe.as_json(data, indent=None, separators=(",", ":"))
			)


def _clear_timeline(name: str, placeholder: str) -> None:
	frappe.db.set_value(
		"Comment",
		{**_of_complaint(name), "comment_type": ["in", CLEARED_COMMENT_TYPES]},
		"content",
		placeholder,
		update_modified=False,
	)


def _clear_messages(name: str, placeholder: str) -> None:
	sender = dict.fromkeys(("sender", "sender_full_name", "recipients", "cc", "bcc", "phone_no"))
	message = {"subject": placeholder, "content": placeholder, **sender}
	frappe.db.set_value("Communication", _of_complaint(name), message, update_modified=False)
	sms = {"mobile": None, "message": placeholder}
	frappe.db.set_value("SMS Message", _of_complaint(name), sms, update_modified=False)


def _of_complaint(name: str) -> dict:
	return {"reference_doctype": "Complaint", "reference_name": name}


def _delete_attachments(name: str) -> None:
	for file in frappe.get_all(
		"File", filters={"attached_to_doctype": "Complaint", "attached_to_name": name}, pluck="name"
	):
		frappe.delete_doc("File", file, ignore_permissions=True, force=True)


def _clear_appeals(name: str, placeholder: str) -> None:
	appellant = {"appellant_name": placeholder, "citizen_user": None, "grounds": placeholder}
	frappe.db.set_value("Appeal", {"complaint": name}, appellant, update_modified=False)
