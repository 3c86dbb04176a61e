"""A workspace page with its cards' and charts' records and figures (hook `override_whitelisted_methods`),
and the hint that asks the browser for it at once (hook `after_request`). What the page carries is
analytics/workspace_figures.py's.
"""

import json
from urllib.parse import quote

import frappe
from frappe.desk import desktop

from complaints_mgmt.analytics.workspace_figures import (
	DOCUMENT_CARD_METHOD,
	answer,
	dashboard_settings,
	readable_widgets,
	widget_figures,
	widget_record,
)
from complaints_mgmt.permissions import scopes_kept

# the names this module held before the logic moved to analytics/workspace_figures.py
__all__ = ["DOCUMENT_CARD_METHOD", "answer", "get_desktop_page", "page_address", "preload_workspace_page"]

PAGE_METHOD = "frappe.desk.desktop.get_desktop_page"
# what encodeURIComponent leaves as it is, besides letters, digits and "_.-~"
URI_COMPONENT_SAFE = "!*'()"


@frappe.whitelist()
def get_desktop_page(page):
	with scopes_kept():
		result = desktop.get_desktop_page(page)
		cards, charts = readable_widgets(result)
		docs = [widget_record(doc) for doc in cards + charts]
		if docs:
			frappe.response.docs = docs
		settings = dashboard_settings()
		frappe.response.dashboard_settings = settings
		frappe.response.workspace_figures = widget_figures(cards, charts, result.get("shortcuts"), settings)
	return result


def preload_workspace_page(response=None, request=None) -> None:
	"""after_request hook: a page load of a workspace (/app/<its name>) tells the browser to ask for the
	workspace page at once (`Link: ...; rel=preload`), so the server builds it while the browser runs the
	desk's scripts; public/js/desk.js asks for the same address and gets that answer. The address is the
	page's name, title and public flag, which is all Frappe's Workspace reads of it."""
	if response is None or request is None or request.method != "GET" or response.status_code != 200:
		return
	parts = request.path.strip("/").split("/")
	if len(parts) != 2 or parts[0] != "app" or frappe.session.user == "Guest":
		return
	if not (response.content_type or "").startswith("text/html"):
		return
	for page in frappe.get_all("Workspace", filters={"public": 1}, fields=["name", "title"]):
		if page.name.lower().replace(" ", "-") == parts[1]:  # frappe.router.slug
			response.headers.add(
				"Link", f"<{page_address(page.name, page.title)}>; rel=preload; as=fetch; crossorigin"
			)
			return


def page_address(name: str, title: str) -> str:
	"""The workspace page's address as desk.js writes it (JSON.stringify, encodeURIComponent)."""
	page = json.dumps({"name": name, "title": title, "public": 1}, ensure_ascii=False, separators=(",", ":"))
	return f"/api/method/{PAGE_METHOD}?page={quote(page, safe=URI_COMPONENT_SAFE)}"
