"""Frappe's administration workspaces are shown to system managers only (setup/workspaces.py), not in
every liaison officer's and agent's sidebar; an administrator's own roles on them are left alone."""

import json

import frappe
from frappe.desk.desktop import get_desktop_page, get_workspace_sidebar_items
from frappe.tests.utils import FrappeTestCase

from complaints_mgmt.setup.workspaces import ADMINISTRATION_WORKSPACES, restrict_frappe_workspaces
from complaints_mgmt.tests.utils import staff_user


def sidebar_of(user: str) -> set[str]:
	frappe.set_user(user)
	try:
		return {page.name for page in get_workspace_sidebar_items()["pages"]}
	finally:
		frappe.set_user("Administrator")


class TestFrappesWorkspaces(FrappeTestCase):
	def setUp(self):
		# as Frappe ships them: no roles (rolled back after the class)
		frappe.db.delete("Has Role", {"parenttype": "Workspace", "parent": ("in", ADMINISTRATION_WORKSPACES)})
		frappe.clear_cache()

	def test_staff_see_the_complaints_workspace_and_not_frappes_administration_ones(self):
		officer = staff_user("Liaison Officer")
		self.assertTrue(set(ADMINISTRATION_WORKSPACES) & sidebar_of(officer))  # what Frappe does alone

		self.assertEqual(set(restrict_frappe_workspaces()), set(ADMINISTRATION_WORKSPACES))

		seen = sidebar_of(officer)
		self.assertIn("Complaints", seen)
		self.assertFalse(set(ADMINISTRATION_WORKSPACES) & seen)
		self.assertLessEqual(set(ADMINISTRATION_WORKSPACES), sidebar_of(staff_user("System Manager")))

	def test_roles_an_administrator_chose_stay_and_a_second_run_changes_nothing(self):
		frappe.get_doc(
			{
				"doctype": "Has Role",
				"parenttype": "Workspace",
				"parentfield": "roles",
				"parent": "Website",
				"role": "Website Manager",
			}
		).db_insert()

		self.assertNotIn("Website", restrict_frappe_workspaces())
		self.assertEqual(restrict_frappe_workspaces(), [])
		website_roles = frappe.get_all(
			"Has Role", filters={"parenttype": "Workspace", "parent": "Website"}, pluck="role"
		)
		self.assertEqual(website_roles, ["Website Manager"])


class TestComplaintsWorkspace(FrappeTestCase):
	def setup_links_of(self, user: str) -> set[str]:
		frappe.set_user(user)
		try:
			page = get_desktop_page(json.dumps({"name": "Complaints", "title": "Complaints", "public": 1}))
		finally:
			frappe.set_user("Administrator")
		[setup] = [card for card in page["cards"]["items"] if card["label"] == "Setup"]
		return {link["link_to"] for link in setup["links"]}

	def test_the_administrator_finds_every_setting_under_setup(self):
		links = self.setup_links_of(staff_user("Complaints Administrator"))
		self.assertLessEqual(
			{
				"Complaint Category",
				"Complaints Settings",
				"Routing Rule",
				"SLA Policy",
				"Working Calendar",
				"Citizen Portal Settings",
			},
			links,
		)

	def test_the_places_are_under_organisation(self):
		frappe.set_user(staff_user("Complaints Administrator"))
		try:
			page = get_desktop_page(json.dumps({"name": "Complaints", "title": "Complaints", "public": 1}))
		finally:
			frappe.set_user("Administrator")
		[organisation] = [card for card in page["cards"]["items"] if card["label"] == "Organisation"]
		self.assertLessEqual({"District", "Village"}, {link["link_to"] for link in organisation["links"]})


class TestWorkspacePageWithItsWidgets(FrappeTestCase):
	"""The workspace page carries its number cards' and charts' records (api/workspace_page.py), so the
	desk does not ask for each one again: only those the reader may see, each chart with its source's
	script."""

	def page_as(self, user: str) -> tuple[dict, list]:
		from complaints_mgmt.api.workspace_page import get_desktop_page as page_with_widgets

		frappe.set_user(user)
		frappe.response.pop("docs", None)
		try:
			page = page_with_widgets(json.dumps({"name": "Complaints", "title": "Complaints", "public": 1}))
			return page, frappe.response.pop("docs", [])
		finally:
			frappe.set_user("Administrator")

	def test_each_card_and_chart_shown_comes_with_its_record(self):
		page, docs = self.page_as(staff_user("Complaints Manager"))
		cards = {item.get("number_card_name") for item in page["number_cards"]["items"]}
		charts = {item.get("chart_name") for item in page["charts"]["items"]}
		self.assertTrue(cards and charts)
		sent = {(doc["doctype"], doc["name"]) for doc in docs}
		self.assertEqual(
			sent,
			{("Number Card", name) for name in cards} | {("Dashboard Chart", name) for name in charts},
		)
		self.assertTrue(all(doc["__workspace_preloaded"] for doc in docs))
		for doc in docs:
			if doc["doctype"] == "Dashboard Chart" and doc["chart_type"] == "Custom":
				self.assertIn(f'chart_sources["{doc["source"]}"]', doc["__source_config"].replace("'", '"'))

	def test_the_override_is_what_the_desk_calls(self):
		self.assertEqual(
			frappe.get_hooks("override_whitelisted_methods")["frappe.desk.desktop.get_desktop_page"][-1],
			"complaints_mgmt.api.workspace_page.get_desktop_page",
		)

	def test_a_reader_gets_no_record_they_may_not_read(self):
		agent = staff_user("Call Center Agent")
		page, docs = self.page_as(agent)
		self.assertEqual(len(docs), len(page["number_cards"]["items"]) + len(page["charts"]["items"]))
		for doc in docs:
			self.assertTrue(frappe.has_permission(doc["doctype"], doc=doc["name"], user=agent), doc["name"])
