"""My complaints: a logged-in citizen's own complaints with their status (portal/citizen_actions.py)."""

from frappe import _

from complaints_mgmt.portal.citizen_actions import my_complaints
from complaints_mgmt.portal.portal_page import page_context, require_login

no_cache = 1


def get_context(context):
	page_context(context)
	require_login()
	context.title = _("My complaints")
	context.portal_current = "mine"
	context.complaints = my_complaints()
	return context
