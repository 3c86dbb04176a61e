"""Bulk work from the complaint list: one workflow action, with the text or date it asks for, on many
selected complaints at once.

Each complaint goes through exactly what the single path does: the user's permissions, the field
values saved (Complaint.validate and the lifecycle's checks), then Frappe's `apply_workflow` (the
transition must exist for the complaint's state and the user's roles), notifications and SLA. Each runs
in its own savepoint: it changes completely or not at all, and a complaint that could not be changed is
reported with the reason, not changed. The work runs in a background job as the user who asked; its
progress and its result reach that user's browser, and an in-app alert says how it ended.

A saved reply (saved_replies.py) fills the text per complaint: each citizen's own name and tracking
number. A reviewer's Approve or Return on a complaint not yet under review takes it under review first,
as the reviewer would in its form.
"""

import frappe
from frappe import _
from frappe.model.workflow import WorkflowTransitionError, apply_workflow

from complaints_mgmt.intake.submission import error_message, savepoint
from complaints_mgmt.lifecycle import states
from complaints_mgmt.setup.workflow import ACCEPT, APPROVE, REJECT, RESPOND, RETURN, START_REVIEW, TRANSFER
from complaints_mgmt.staff_tools.saved_replies import STEP_FIELDS, count_uses, filled

MOST_COMPLAINTS = 1000
JOB_PREFIX = "complaints-bulk-"
# action: the field the user fills for it (required), as the single path requires it
ACTION_FIELDS = {
	ACCEPT: "deadline",
	TRANSFER: "transfer_reason",
	RESPOND: "response",
	RETURN: "review_note",
	REJECT: "rejection_reason",
	APPROVE: None,
}
# actions taken first on complaints still in the state before (the reviewer's Start Review)
STEPS_BEFORE = {APPROVE: {states.RESPONDED: START_REVIEW}, RETURN: {states.RESPONDED: START_REVIEW}}
PROGRESS_EVENT = "complaints_bulk_progress"
DONE_EVENT = "complaints_bulk_done"


class BulkActionError(frappe.ValidationError):
	pass


@frappe.whitelist(methods=["POST"])
def start(complaints, action: str, value: str | None = None, saved_reply: str | int | None = None) -> dict:
	"""Check the request and queue the work; returns the job's id and the number of complaints."""
	names = list(dict.fromkeys(frappe.parse_json(complaints) or []))
	if not names or not all(isinstance(name, str) for name in names):
		frappe.throw(_("Select the complaints to change."), BulkActionError)
	if len(names) > MOST_COMPLAINTS:
		frappe.throw(
			_("Select at most {0} complaints for one action.").format(MOST_COMPLAINTS), BulkActionError
		)
	if action not in ACTION_FIELDS:
		frappe.throw(_("This action cannot be taken on many complaints at once."), BulkActionError)
	field = ACTION_FIELDS[action]
	if saved_reply:
		reply = frappe.get_doc("Saved Reply", saved_reply)
		reply.check_permission("read")
		if STEP_FIELDS.get(reply.step) != field or not reply.is_active:
			frappe.throw(_("This saved reply is not for this action."), BulkActionError)
	elif field and not (value or "").strip():
		frappe.throw(
			_("{0} is required for this action.").format(_(frappe.get_meta("Complaint").get_label(field))),
			BulkActionError,
		)
	job_id = enqueue_as_user(
		run, JOB_PREFIX, names=names, action=action, value=value, saved_reply=saved_reply
	)
	return {"job": job_id, "count": len(names)}


def enqueue_as_user(
	method, job_prefix: str, job_key: str | None = None, part: int | None = None, **kwargs
) -> str:
	"""Queue a job over many complaints on the long queue, run as the current user (at once in tests);
	its id, new each time, is also its `job_key`, under which it reports its progress. Returns the key.
	A job split in parts (an incident's answer) queues its other parts with the first part's `job_key`
	and each part's number: they report under one key, each with its own id."""
	job_key = job_key or f"{job_prefix}{frappe.generate_hash(length=12)}"
	frappe.enqueue(
		method,
		queue="long",
		timeout=3600,
		job_id=job_key if part is None else f"{job_key}-{part}",
		deduplicate=True,
		user=frappe.session.user,
		job_key=job_key,
		now=frappe.flags.in_test,
		**kwargs,
	)
	return job_key


def run(user: str, names: list, action: str, value=None, saved_reply=None, job_key: str = "") -> dict:
	"""The background job: each complaint in its own savepoint, committed one by one outside tests."""
	frappe.set_user(user)
	reply = frappe.get_doc("Saved Reply", saved_reply) if saved_reply else None
	changed, failed = [], []
	for index, name in enumerate(names, 1):
		try:
			with savepoint():
				change_one(name, action, value, reply)
			changed.append(name)
			if not frappe.flags.in_test:
				frappe.db.commit()
		except Exception as error:
			failed.append({"complaint": name, "reason": reason_of(error)})
		if index % 10 == 0 or index == len(names):
			frappe.publish_realtime(
				PROGRESS_EVENT, {"job": job_key, "done": index, "total": len(names)}, user=user
			)
	if reply and changed:
		count_uses(reply.name, len(changed))
	result = {"job": job_key, "user": user, "action": action, "changed": changed, "failed": failed}
	frappe.cache.set_value(f"{DONE_EVENT}:{job_key}", result, expires_in_sec=24 * 3600)
	tell_user(user, action, len(changed), len(failed))
	frappe.publish_realtime(DONE_EVENT, result, user=user, after_commit=True)
	return result


def change_one(name: str, action: str, value, reply, doc=None):
	"""One complaint through the single path; returns it after the action. `doc`, the complaint already
	loaded by the caller, is used instead of loading it again (apply_workflow reloads it before each
	transition in any case)."""
	doc = doc or frappe.get_doc("Complaint", name)
	doc.check_permission("write")
	field = ACTION_FIELDS[action]
	if field:
		doc.set(field, filled(reply, doc) if reply else value)
		doc.save()
	before = STEPS_BEFORE.get(action, {}).get(doc.status)
	if before:
		doc = apply_workflow(doc, before)
	return apply_workflow(doc, action)


def reason_of(error: Exception) -> str:
	if isinstance(error, frappe.PermissionError):
		return _("You may not change this complaint.")
	if isinstance(error, WorkflowTransitionError):
		return _("This action cannot be taken on the complaint in its present state.")
	if isinstance(error, frappe.ValidationError):
		return error_message(error)
	frappe.log_error(title="Bulk complaint action failed")
	return _("An unexpected error stopped this complaint; it was not changed.")


@frappe.whitelist()
def result(job: str) -> dict | None:
	"""The result of the user's own job, for a page opened after it ended."""
	found = frappe.cache.get_value(f"{DONE_EVENT}:{job}")
	return found if found and found.get("user") == frappe.session.user else None


def tell_user(user: str, action: str, changed: int, failed: int) -> None:
	language = frappe.db.get_value("User", user, "language") or frappe.get_system_settings("language")
	subject = _("{0} on {1} complaints: {2} changed, {3} not changed.", lang=language).format(
		_(action, lang=language), changed + failed, changed, failed
	)
	frappe.get_doc(
		{
			"doctype": "Notification Log",
			"for_user": user,
			"type": "Alert",
			"subject": subject,
			"document_type": "Complaint",
		}
	).insert(ignore_permissions=True)


@frappe.whitelist()
def actions_for_user() -> list[dict]:
	"""The bulk actions the user's roles may take somewhere in the complaint workflow (as administrators
	set its transitions), with the field each asks for and the saved replies' kind for it."""
	from frappe.model.workflow import get_workflow_name

	workflow = get_workflow_name("Complaint")
	if not workflow:
		return []
	roles = set(frappe.get_roles())
	allowed = {
		row.action
		for row in frappe.get_all(
			"Workflow Transition", filters={"parent": workflow}, fields=["action", "allowed"]
		)
		if row.allowed in roles
	}
	meta = frappe.get_meta("Complaint")
	steps = {field: step for step, field in STEP_FIELDS.items()}
	return [
		{
			"action": action,
			"label": _(action),
			"field": field,
			"field_label": _(meta.get_label(field)) if field else None,
			"fieldtype": meta.get_field(field).fieldtype if field else None,
			"step": steps.get(field),
		}
		for action, field in ACTION_FIELDS.items()
		if action in allowed
	]
