"""Frappe's administration workspaces (Build, Website, Integrations, Users) shown to system managers only,
on sites installed before (setup/workspaces.py); those an administrator gave roles are left alone."""

from complaints_mgmt.setup.workspaces import restrict_frappe_workspaces


def execute():
	restrict_frappe_workspaces()
