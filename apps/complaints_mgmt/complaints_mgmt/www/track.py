"""The tracking page: a complaint's status history and answer, for its tracking number with the
complainant's national ID or a one-time code sent by SMS. The look-up itself is the POST endpoint
api/portal.track (rate-limited per client; portal/citizen_tracking.py keeps failures uninformative)."""

import frappe
from frappe import _

from complaints_mgmt.intake.tracking import normalize_tracking_number
from complaints_mgmt.portal.portal_page import page_context

no_cache = 1


def get_context(context):
	page_context(context)
	context.title = _("Track a complaint")
	context.portal_current = "track"
	context.tracking_number = normalize_tracking_number(frappe.form_dict.get("tracking_number") or "") or ""
	return context
