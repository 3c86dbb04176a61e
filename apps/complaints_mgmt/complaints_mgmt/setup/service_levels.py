"""Default SLA policies and escalation levels: created when missing, never overwritten.

Administrators tune them in the desk (SLA Policy, Complaints Settings); install and migrate only add a
policy whose name is missing and fill the escalation matrix when it is empty.
"""

import frappe

from complaints_mgmt.escalation import DIRECTORATE_HEAD, HEADQUARTERS, HEADQUARTERS_ROLE, LIAISON_OFFICER

# (name, priority, hours to accept, working days to resolve); no category: they apply to every category
# (a category's own hours and days come before the one with neither priority nor category).
DEFAULT_POLICIES = [
	("Urgent", "Urgent", 4, 3),
	("High Priority", "High", 24, 7),
	("Standard", None, 48, 15),
]

# (level, timing, working hours, whom)
DEFAULT_LEVELS = [
	(1, "Before the Deadline", 24, LIAISON_OFFICER),
	(2, "After the Deadline", 0, DIRECTORATE_HEAD),
	(3, "After the Deadline", 48, HEADQUARTERS),
]


# Settings an existing site has no value for when these fields arrive (a Single gets no defaults on
# migrate); zero means none for each of them.
SETTINGS_DEFAULTS = {
	"escalation_batch_size": 500,
	"sms_timeout_seconds": 10,
	"sms_max_attempts": 5,
	"sms_retry_minutes": 5,
}


def ensure_settings_defaults() -> None:
	for field, value in SETTINGS_DEFAULTS.items():
		if not frappe.db.get_single_value("Complaints Settings", field, cache=False):
			frappe.db.set_single_value("Complaints Settings", field, value)


def ensure_sla_policies() -> None:
	for name, priority, hours, days in DEFAULT_POLICIES:
		if frappe.db.exists("SLA Policy", name):
			continue
		if any(
			not policy.category and (policy.priority or None) == priority
			for policy in frappe.get_all("SLA Policy", fields=["category", "priority"])
		):
			continue  # the administrator covers this case under another name
		frappe.get_doc(
			{
				"doctype": "SLA Policy",
				"policy_name": name,
				"priority": priority,
				"accept_hours": hours,
				"resolve_days": days,
			}
		).insert(ignore_permissions=True)


def ensure_escalation_levels() -> None:
	settings = frappe.get_single("Complaints Settings")
	if settings.escalation_levels:
		return
	for level, timing, hours, notify in DEFAULT_LEVELS:
		settings.append(
			"escalation_levels",
			{
				"level": level,
				"timing": timing,
				"hours": hours,
				"notify": notify,
				"notify_role": HEADQUARTERS_ROLE if notify == HEADQUARTERS else None,
			},
		)
	settings.flags.ignore_mandatory = True
	settings.save(ignore_permissions=True)
