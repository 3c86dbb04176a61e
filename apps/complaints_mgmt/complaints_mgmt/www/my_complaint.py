"""One of a logged-in citizen's complaints (/my-complaints/<tracking number>): its status history, the
answer, and what they may do now: answer a request for information, rate the answer, reopen, appeal. Another citizen's complaint, or one
that does not exist, is the same "not found" page."""

import frappe
from frappe import _

from complaints_mgmt.portal import citizen_actions, public_status, receipt
from complaints_mgmt.portal.portal_page import page_context, require_login

no_cache = 1


def get_context(context):
	page_context(context)
	require_login()
	try:
		doc = citizen_actions.get_own_complaint(frappe.form_dict.get("name"))
	except frappe.DoesNotExistError:
		raise frappe.PageDoesNotExistError
	context.title = _("Complaint {0}").format(doc.name)
	context.portal_current = "mine"
	context.complaint = public_status.citizen_view(doc.name)
	context.actions = citizen_actions.available_actions(doc)
	context.receipt_url = receipt.receipt_url(doc.name)
	context.rating_max = citizen_actions.RATING_MAX
	context.done_message = _done_message(frappe.form_dict.get("done"))
	return context


def _done_message(done: str | None) -> str | None:
	return {
		"replied": _("Your reply has been sent to the officer handling your complaint."),
		"rated": _("Thank you. Your rating has been saved."),
		"reopened": _("Your complaint has been reopened."),
		"appealed": _("Your appeal has been submitted to the appeals board."),
	}.get(done or "")
