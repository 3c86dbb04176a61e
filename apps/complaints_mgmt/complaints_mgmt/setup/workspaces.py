"""Frappe's own workspaces that are not the complaints staff's work, shown to system managers only.

Frappe shows a public workspace without roles to every desk user: liaison officers, call-centre agents
and reviewers found "Build", "Website", "Integrations" and "Users" beside "Complaints" in their sidebar,
full of links they may not open. At install, and once on existing sites (a patch), each of these that
has no roles gets System Manager. Administrators change a workspace's roles in the desk; their choice
stays, since nothing here runs again on migrate and a workspace with roles is left as it is.
"""

import frappe

ADMINISTRATION_WORKSPACES = ("Build", "Website", "Integrations", "Users")
ROLE = "System Manager"


def restrict_frappe_workspaces() -> list[str]:
	"""Give System Manager to those of Frappe's administration workspaces that have no roles; returns
	their names. The role row is written on its own: saving a standard Workspace on a site in
	developer mode would write it back into Frappe's files."""
	restricted = []
	for name in ADMINISTRATION_WORKSPACES:
		if not frappe.db.exists("Workspace", name):
			continue
		if frappe.db.exists("Has Role", {"parenttype": "Workspace", "parent": name}):
			continue
		frappe.get_doc(
			{
				"doctype": "Has Role",
				"parenttype": "Workspace",
				"parentfield": "roles",
				"parent": name,
				"role": ROLE,
			}
		).db_insert()
		restricted.append(name)
	if restricted:
		frappe.clear_cache()  # each user's boot (sidebar) is cached
	return restricted
