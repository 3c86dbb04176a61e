"""Install and migrate: the editable defaults, created when missing and never overwritten."""

from complaints_mgmt.complaints.doctype.complaint.complaint import (
	on_doctype_update as ensure_complaint_indexes,
)
from complaints_mgmt.lifecycle.assignment import ensure_assignment_rules, ensure_todo_indexes
from complaints_mgmt.places.install import ensure_places
from complaints_mgmt.service_levels.public_holidays import ensure_working_calendar
from complaints_mgmt.setup.citizen_form import ensure_citizen_form
from complaints_mgmt.setup.data_import import allow_data_import
from complaints_mgmt.setup.list_views import ensure_complaint_list_view
from complaints_mgmt.setup.notifications import ensure_notifications
from complaints_mgmt.setup.portal import ensure_portal_defaults
from complaints_mgmt.setup.print_formats import ensure_complaint_print_format
from complaints_mgmt.setup.roles import hide_unused_frappe_roles
from complaints_mgmt.setup.service_levels import (
	ensure_escalation_levels,
	ensure_settings_defaults,
	ensure_sla_policies,
)
from complaints_mgmt.setup.translated_search import ensure_translated_search
from complaints_mgmt.setup.workflow import ensure_appeal_workflow, ensure_complaint_workflow
from complaints_mgmt.setup.workspaces import restrict_frappe_workspaces


def after_install() -> None:
	ensure_app_defaults()
	ensure_desk_settings()
	restrict_frappe_workspaces()  # at install only: afterwards the roles are the administrator's


def after_migrate() -> None:
	ensure_app_defaults()
	ensure_complaint_indexes()  # those added since the site was installed; existing ones are skipped
	ensure_desk_settings()


def ensure_app_defaults() -> None:
	"""The workflows, rules, forms, roles, service levels and places the app needs, created where missing
	(an administrator's edits are kept)."""
	ensure_complaint_workflow()
	ensure_appeal_workflow()
	ensure_assignment_rules()
	ensure_portal_defaults()
	ensure_citizen_form()
	ensure_translated_search()
	hide_unused_frappe_roles()
	ensure_service_levels()
	ensure_places()


def ensure_desk_settings() -> None:
	"""The ToDo indexes, data import, the complaint list view and its default print format, in that order
	(after the complaint indexes on a migrate)."""
	ensure_todo_indexes()
	allow_data_import()
	ensure_complaint_list_view()
	ensure_complaint_print_format()


def ensure_service_levels() -> None:
	"""Working calendar, SLA policies, escalation levels and notifications."""
	ensure_settings_defaults()
	ensure_working_calendar()
	ensure_sla_policies()
	ensure_escalation_levels()
	ensure_notifications()
