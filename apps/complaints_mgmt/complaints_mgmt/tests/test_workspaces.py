"""Frappe's administration workspaces are shown to system managers only (setup/workspaces.py), not in
every liaison officer's and agent's sidebar; an administrator's own roles on them are left alone."""

import json

import frappe
from frappe.desk.desktop import get_desktop_page, get_workspace_sidebar_items
from frappe.tests.utils import FrappeTestCase

from complaints_mgmt.setup.workspaces import ADMINISTRATION_WORKSPACES, restrict_frappe_workspaces
from complaints_mgmt.tests.utils import make_report_fixtures, staff_user


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


class TestWorkspacePageFigures(FrappeTestCase):
	"""The workspace page carries the figures its widgets are about to ask for (api/workspace_page.py): each
	the answer of the widget's own method to the widget's own arguments, computed as the reader."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.head = make_report_fixtures().head  # one directorate's complaints, besides the others

	def page_as(self, user: str) -> dict:
		from complaints_mgmt.api.workspace_page import get_desktop_page as page_with_widgets

		frappe.set_user(user)
		for key in ("docs", "workspace_figures", "dashboard_settings"):
			frappe.response.pop(key, None)
		try:
			page = page_with_widgets(json.dumps({"name": "Complaints", "title": "Complaints", "public": 1}))
			return frappe._dict(
				page=page,
				docs=frappe.response.pop("docs", []),
				figures=frappe.response.pop("workspace_figures"),
			)
		finally:
			frappe.set_user("Administrator")

	def as_user(self, user: str, fn, *args, **kwargs):
		frappe.set_user(user)
		try:
			return fn(*args, **kwargs)
		finally:
			frappe.set_user("Administrator")

	def card_figures(self, figures: list) -> dict:
		from complaints_mgmt.api.workspace_page import DOCUMENT_CARD_METHOD

		return {f["args"]["doc"]: f["result"] for f in figures if f["method"] == DOCUMENT_CARD_METHOD}

	def test_each_card_comes_with_what_its_own_method_answers_the_reader(self):
		from frappe.desk.doctype.number_card.number_card import get_result

		manager = staff_user("Complaints Manager")
		for user in (self.head, manager):
			sent = self.page_as(user)
			cards = {doc["name"]: doc for doc in sent.docs if doc["doctype"] == "Number Card"}
			figures = self.card_figures(sent.figures)
			documents = [name for name, card in cards.items() if card["type"] == "Document Type"]
			self.assertEqual(set(figures), set(documents))
			for name in documents:
				card = frappe.get_doc("Number Card", name)
				filters = json.loads(card.filters_json)
				if card.dynamic_filters_json:  # the overdue card: deadline before now, evaluated by the page
					filters += [
						[*f[:3], frappe.utils.now_datetime().strftime("%Y-%m-%d %H:%M:%S")]
						for f in json.loads(card.dynamic_filters_json)
					]
				self.assertEqual(figures[name], self.as_user(user, get_result, card.as_dict(), filters), name)
			for figure in sent.figures:  # the custom cards (the charts' figures name their chart)
				if (
					figure["method"].startswith("complaints_mgmt.api.dashboard.")
					and "chart_name" not in figure["args"]
				):
					expected = self.as_user(user, frappe.call, figure["method"], filters="{}")
					self.assertEqual(figure["result"], expected, figure["method"])
		# each in their own scope: the head sees one directorate's open complaints, the manager every one
		self.assertLess(
			self.card_figures(self.page_as(self.head).figures)["Open Complaints"],
			self.card_figures(self.page_as(manager).figures)["Open Complaints"],
		)

	def test_each_chart_comes_with_what_its_source_answers_the_reader(self):
		from complaints_mgmt.api import dashboard

		sent = self.page_as(self.head)
		charts = [doc for doc in sent.docs if doc["doctype"] == "Dashboard Chart"]
		self.assertTrue(charts)
		by_chart = {f["args"]["chart_name"]: f for f in sent.figures if "chart_name" in f["args"]}
		self.assertEqual(set(by_chart), {chart["name"] for chart in charts})
		counts = by_chart["Open Complaints by Status"]
		self.assertEqual(counts["method"], "complaints_mgmt.api.dashboard.complaint_counts")
		self.assertEqual(counts["args"]["filters"], {"group_by": "status", "open_only": 1})
		self.assertEqual(counts["args"]["refresh"], 1)  # as the widget's first draw asks
		self.assertEqual(
			counts["result"],
			self.as_user(self.head, dashboard.complaint_counts, json.dumps(counts["args"]["filters"])),
		)

	def test_a_reader_without_statistics_gets_none(self):
		agent = self.page_as(staff_user("Call Center Agent"))
		self.assertFalse([f for f in agent.figures if "chart_name" in f["args"]])
		custom = [f for f in agent.figures if f["method"].startswith("complaints_mgmt.api.dashboard.")]
		self.assertTrue(custom)
		self.assertTrue(all(f["result"].get("not_permitted") for f in custom))

	def test_a_figure_whose_method_fails_is_left_to_the_widget_without_a_message(self):
		from complaints_mgmt.api.workspace_page import answer

		frappe.local.message_log = []
		self.assertEqual(
			answer("frappe.desk.doctype.number_card.number_card.get_result", {"doc": {}}), (False, None)
		)
		self.assertEqual(answer("complaints_mgmt.api.workspace_page.widget_figures", {}), (False, None))
		self.assertEqual(frappe.local.message_log, [])

	def test_the_shortcuts_count_is_the_one_the_desk_asks_for(self):
		from frappe.desk.reportview import get_count

		user = self.head
		sent = self.page_as(user)
		[count] = [f for f in sent.figures if f["method"] == "frappe.desk.reportview.get_count"]
		self.assertEqual(count["args"]["doctype"], "Complaint")

		def as_the_desk_asks():  # the request's form (frappe.set_user empties it)
			frappe.local.form_dict = frappe._dict(
				doctype="Complaint",
				filters=json.dumps(count["args"]["filters"]),
				fields="[]",
				distinct="false",
			)
			return get_count()

		self.assertEqual(count["result"], self.as_user(user, as_the_desk_asks))


class TestWorkspacePagePreload(FrappeTestCase):
	"""A page load of a workspace tells the browser to ask for its page at once (api/workspace_page.py),
	at the address public/js/desk.js asks for it; no other page does."""

	def links_of(self, path: str, user: str) -> list[str]:
		from types import SimpleNamespace

		from werkzeug.wrappers import Response

		from complaints_mgmt.api.workspace_page import preload_workspace_page

		response = Response("<html></html>", content_type="text/html; charset=utf-8")
		frappe.set_user(user)
		try:
			preload_workspace_page(response, SimpleNamespace(method="GET", path=path))
		finally:
			frappe.set_user("Administrator")
		return response.headers.getlist("Link")

	def test_a_workspace_page_load_preloads_the_workspace_page(self):
		from complaints_mgmt.api.workspace_page import page_address

		[link] = self.links_of("/app/complaints", staff_user("Liaison Officer"))
		address = page_address("Complaints", "Complaints")
		self.assertEqual(link, f"<{address}>; rel=preload; as=fetch; crossorigin")
		# encodeURIComponent(JSON.stringify({name: "Complaints", title: "Complaints", public: 1}))
		self.assertTrue(
			address.endswith(
				"?page=%7B%22name%22%3A%22Complaints%22%2C%22title%22%3A%22Complaints%22%2C%22public%22%3A1%7D"
			)
		)

	def test_other_pages_and_guests_preload_nothing(self):
		officer = staff_user("Liaison Officer")
		self.assertEqual(self.links_of("/app/complaint", officer), [])
		self.assertEqual(self.links_of("/app/complaint/new", officer), [])
		self.assertEqual(self.links_of("/app/complaints", "Guest"), [])
