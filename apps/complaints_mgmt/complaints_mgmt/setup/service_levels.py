"""Default SLA policies and escalation levels: made once, never overwritten.

Administrators tune them in the desk (SLA Policy, Complaints Settings). Install, or the first migrate
after an update that adds one, makes each default policy and fills the escalation matrix; a policy the
administrator deleted or a matrix they emptied stays so (setup/seeding.py).
"""

import frappe

from complaints_mgmt.service_levels.escalation import (
	DIRECTORATE_HEAD,
	HEADQUARTERS,
	HEADQUARTERS_ROLE,
	LIAISON_OFFICER,
)
from complaints_mgmt.setup.portal import ensure_single_defaults
from complaints_mgmt.setup.seeding import seed_once

LEVELS_KEY = "Complaints Settings:escalation_levels"

# (name, priority, hours to accept, working days to resolve); no category: they apply to every category
# (a category's own hours and days come before the one with neither priority nor category).
DEFAULT_POLICIES = [
	("Urgent", "Urgent", 4, 3),
	("High Priority", "High", 24, 7),
	("Standard", None, 48, 15),
]

# A distress appeal (استغاثة): an urgent human case, accepted within hours whatever its category and
# priority; the escalation matrix's first level, counted before this short deadline, falls due on arrival
# (name, complaint type, hours to accept, working days to resolve)
DISTRESS_POLICY = ("Distress Appeal", "Distress Appeal", 2, 2)

# (level, timing, working hours, whom)
DEFAULT_LEVELS = [
	(1, "Before the Deadline", 24, LIAISON_OFFICER),
	(2, "After the Deadline", 0, DIRECTORATE_HEAD),
	(3, "After the Deadline", 48, HEADQUARTERS),
]


def ensure_settings_defaults() -> None:
	"""Complaints Settings an existing site has never stored get the DocType's default (a Single gets no
	defaults on migrate); a value the administrator saved, zero included, stays."""
	ensure_single_defaults("Complaints Settings")


def ensure_sla_policies() -> None:
	for name, priority, hours, days in DEFAULT_POLICIES:
		seed_once(policy_key(name), lambda args=(name, priority, hours, days): _make_policy(*args))
	name, complaint_type, hours, days = DISTRESS_POLICY
	seed_once(
		policy_key(name),
		lambda: _make_policy(name, None, hours, days, complaint_type=complaint_type),
	)


def policy_key(name: str) -> str:
	return f"SLA Policy:{name}"


def _make_policy(
	name: str, priority: str | None, hours: int, days: int, complaint_type: str | None = None
) -> None:
	if frappe.db.exists("SLA Policy", name):
		return
	if any(
		not policy.category
		and (policy.priority or None) == priority
		and (policy.complaint_type or None) == complaint_type
		for policy in frappe.get_all("SLA Policy", fields=["category", "priority", "complaint_type"])
	):
		return  # the administrator covers this case under another name
	frappe.get_doc(
		{
			"doctype": "SLA Policy",
			"policy_name": name,
			"complaint_type": complaint_type,
			"priority": priority,
			"accept_hours": hours,
			"resolve_days": days,
		}
	).insert(ignore_permissions=True)


def ensure_escalation_levels() -> None:
	seed_once(LEVELS_KEY, _fill_escalation_levels)


def escalation_level(level: int, timing: str, hours: float, notify: str, **fields) -> dict:
	"""A row of the escalation matrix in Complaints Settings."""
	return {"level": level, "timing": timing, "hours": hours, "notify": notify, **fields}


def _fill_escalation_levels() -> None:
	settings = frappe.get_single("Complaints Settings")
	if settings.escalation_levels:
		return
	for level, timing, hours, notify in DEFAULT_LEVELS:
		notify_role = HEADQUARTERS_ROLE if notify == HEADQUARTERS else None
		settings.append(
			"escalation_levels", escalation_level(level, timing, hours, notify, notify_role=notify_role)
		)
	settings.flags.ignore_mandatory = True
	settings.save(ignore_permissions=True)
