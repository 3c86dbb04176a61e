"""SLA deadlines and the next escalation for the complaints that were open before sla.py existed."""

from complaints_mgmt.service_levels.sla import schedule_open_complaints
from complaints_mgmt.setup.install import ensure_service_levels


def execute():
	ensure_service_levels()  # patches run before after_migrate: the calendar, policies and levels first
	schedule_open_complaints()
