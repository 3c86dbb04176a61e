"""A complaint registered in the desk is routed and assigned by itself, and its officer accepts it there.

Every step goes through the real desk in Chromium: the call-centre agent fills the Complaint form and
saves it; nobody routes or assigns it; the liaison officer of the unit finds it assigned to them, sets
the processing deadline and takes the workflow action Accept. A second complaint of the same national
ID shows the first as a possible duplicate, and the agent merges it. An agent finds a caller's
complaints in the list by the national ID the caller gives.
"""

import json
import random

from conftest import OUTPUT, login, site_data

PASSWORD = "Lifecycle-Check-1"
NATIONAL_ID = "29001010112345"


# An organisation of its own on the test site (committed by `bench execute`).
org = site_data("make_browser_lifecycle_org", PASSWORD, scope="module")


def fill(page, fieldname: str, value: str, link: bool = False) -> None:
	control = page.locator(f".frappe-control[data-fieldname='{fieldname}'] :is(input, textarea)").first
	control.fill(value)
	if link:  # let the link field look the value up, close its suggestions, validate it on blur
		page.wait_for_timeout(800)
		page.keyboard.press("Escape")
		control.blur()
		page.wait_for_timeout(500)


def register_in_desk(page, site_url: str, org: dict, subject: str, national_id: str = NATIONAL_ID) -> str:
	"""Fill and save a new Complaint form; returns the complaint's name."""
	page.goto(f"{site_url}/app/complaint/new")
	page.wait_for_selector(".frappe-control[data-fieldname='subject'] input", timeout=30_000)
	fill(page, "category", org["category"], link=True)
	fill(page, "subject", subject)
	fill(page, "description", "My Takaful payment for this month did not arrive.")
	fill(page, "complainant_name", "Mona Ahmed")
	fill(page, "national_id", national_id)
	fill(page, "mobile", "01012345678")
	fill(page, "governorate", org["governorate"], link=True)
	fill(page, "district", org["district"], link=True)
	page.keyboard.press("Control+s")
	page.wait_for_function("() => window.cur_frm && !cur_frm.is_new() && !cur_frm.is_dirty()", timeout=30_000)
	return page.evaluate("cur_frm.doc.name")


def open_complaint(page, site_url: str, name: str) -> None:
	page.goto(f"{site_url}/app/complaint/{name}")
	page.wait_for_function(f"() => window.cur_frm && cur_frm.doc.name === {json.dumps(name)}", timeout=30_000)
	page.wait_for_timeout(1000)  # the form's refresh: workflow actions, dashboard


def status_shown(page) -> str:
	return page.locator(".frappe-control[data-fieldname='status'] .control-value").inner_text().strip()


def test_a_desk_complaint_is_routed_and_assigned_and_its_officer_accepts_it(page, second_page, site_url, org):
	login(page, site_url, org["agent"], PASSWORD)
	name = register_in_desk(page, site_url, org, "Browser check: routed and assigned by itself")
	open_complaint(page, site_url, name)
	saved = page.evaluate(
		"({status: cur_frm.doc.status, unit: cur_frm.doc.unit, officer: cur_frm.doc.liaison_officer,"
		" assigned: cur_frm.get_docinfo().assignments.map((a) => a.owner)})"
	)
	assert saved == {
		"status": "Routed",
		"unit": org["unit"],
		"officer": org["officer"],
		"assigned": [org["officer"]],
	}
	# the sidebar shows the assignee; the agent touched nothing after saving
	assert page.locator(".form-assignments .avatar").count() == 1
	page.screenshot(path=str(OUTPUT / "lifecycle-1-registered.png"), full_page=True)

	officer = second_page
	login(officer, site_url, org["officer"], PASSWORD)
	todo = officer.evaluate(
		"frappe.xcall('frappe.client.get_list', {doctype: 'ToDo', filters: {reference_name: "
		+ json.dumps(name)
		+ ", status: 'Open'}, fields: ['allocated_to']})"
	)
	assert todo == [{"allocated_to": org["officer"]}]
	open_complaint(officer, site_url, name)
	# the state in the officer's language (Frappe translates a link's text only for those who may read
	# the linked DocType, here Workflow State: public/js/desk.js)
	routed = officer.evaluate("__('Routed')")
	assert routed != "Routed", "ar.po translates the state"
	assert status_shown(officer) == routed
	deadline = officer.evaluate(
		"frappe.datetime.str_to_user(frappe.datetime.add_days(frappe.datetime.now_datetime(), 5))"
	)
	fill(officer, "deadline", deadline)
	officer.keyboard.press("Escape")
	officer.keyboard.press("Control+s")
	officer.wait_for_function("() => !cur_frm.is_dirty() && cur_frm.doc.deadline", timeout=30_000)
	officer.wait_for_timeout(1000)

	actions = officer.locator(".page-actions .actions-btn-group > button")
	actions.click()
	offered = officer.locator(".page-actions .actions-btn-group .dropdown-menu a").all_inner_texts()
	accept, transfer = officer.evaluate("[__('Accept'), __('Transfer')]")
	assert accept in offered and transfer in offered, offered
	officer.screenshot(path=str(OUTPUT / "lifecycle-2-officer-actions.png"))
	officer.locator(".page-actions .actions-btn-group .dropdown-menu a", has_text=accept).first.click()
	officer.wait_for_function("() => cur_frm.doc.status === 'Accepted'", timeout=30_000)
	assert officer.evaluate("cur_frm.doc.accepted_on")
	officer.wait_for_timeout(500)
	assert status_shown(officer) == officer.evaluate("__('Accepted')")
	officer.screenshot(path=str(OUTPUT / "lifecycle-3-accepted.png"), full_page=True)
	# Frappe's own chrome around the form (its Arabic leaves these in English; the app ships them)
	assert english_shown(officer, FORM_CHROME) == []
	# the version line of the state change shows the states as the form does (public/js/desk.js)
	open_complaint(officer, site_url, name)
	officer.wait_for_function(
		"() => document.querySelector('.new-timeline').innerText.includes(__('Accepted'))", timeout=30_000
	)
	timeline = officer.locator(".new-timeline").first.inner_text()
	assert "Routed" not in timeline and "Accepted" not in timeline, timeline


# Texts of Frappe's desk that Frappe 15 ships without Arabic (locale/ar.po, last part)
FORM_CHROME = ["Connections", "created this", "last edited this", "changed the value of", "Show all activity"]
LIST_CHROME = ["Filter By", "Edit Filters", "Save Filter", "List View", "Search or type a command"]


def english_shown(page, texts: list[str]) -> list[str]:
	"""Which of `texts` the page shows (its rendered text, as the user reads it)."""
	shown = page.evaluate("document.body.innerText")
	return [text for text in texts if text in shown]


def test_staff_see_a_possible_duplicate_and_merge_it(page, site_url, org):
	login(page, site_url, org["agent"], PASSWORD)
	kept = register_in_desk(page, site_url, org, "Browser check: the complaint kept")
	repeat = register_in_desk(page, site_url, org, "Browser check: the same complaint again")
	open_complaint(page, site_url, repeat)
	headline = page.locator(".form-message")
	headline.wait_for(timeout=30_000)
	assert kept in headline.inner_text()

	page.locator(".inner-group-button button", has_text=page.evaluate("__('Duplicates')")).click()
	page.locator(".inner-group-button .dropdown-item", has_text=page.evaluate("__('Merge Into')")).click()
	dialog = page.locator(".modal.show")
	dialog.locator(".frappe-control[data-fieldname='complaint'] select").select_option(kept)
	dialog.locator(".btn-primary").click()
	page.wait_for_function("() => cur_frm.doc.merged_into", timeout=30_000)
	assert page.evaluate("[cur_frm.doc.status, cur_frm.doc.merged_into]") == ["Closed", kept]
	page.screenshot(path=str(OUTPUT / "lifecycle-4-merged.png"), full_page=True)


def unique_national_id() -> str:
	"""A valid national ID no other test uses: born in the 1980s in Cairo (code 01)."""
	rng = random.Random()
	born = f"{rng.randrange(80, 90)}{rng.randrange(1, 13):02d}{rng.randrange(1, 29):02d}"
	return f"2{born}01{rng.randrange(10**4, 10**5)}"


def find_by_national_id(page, national_id: str) -> None:
	page.get_by_role("button", name=page.evaluate("__('Find by National ID')")).click()
	dialog = page.locator(".modal.show")
	dialog.locator(".frappe-control[data-fieldname='national_id'] input").fill(national_id)
	dialog.locator(".btn-primary", has_text=page.evaluate("__('Find')")).click()


def test_an_agent_finds_a_callers_complaints_by_national_id(page, site_url, org):
	login(page, site_url, org["agent"], PASSWORD)
	national_id = unique_national_id()
	name = register_in_desk(page, site_url, org, "Browser check: found by national ID", national_id)

	page.goto(f"{site_url}/app/complaint")
	page.wait_for_function(
		"() => window.cur_list && cur_list.doctype === 'Complaint' && cur_list.data", timeout=30_000
	)
	label = page.evaluate("__('Find by National ID')")
	assert label != "Find by National ID"  # the agent works in Arabic: the button is translated
	assert english_shown(page, LIST_CHROME) == []
	# the caller reads the ID out in groups; the stored column holds only its masked form
	find_by_national_id(page, f"{national_id[:7]} {national_id[7:]}")
	page.wait_for_function(
		f"() => cur_list.data.length === 1 && cur_list.data[0].name === {json.dumps(name)}", timeout=30_000
	)
	assert page.locator(f".list-row a[data-name='{name}']").first.is_visible()
	assert page.evaluate("cur_list.filter_area.get().map((f) => f[1])") == ["national_id_hash"]
	page.screenshot(path=str(OUTPUT / "lifecycle-5-found-by-national-id.png"), full_page=True)

	# a wrong ID: a translated message, and the list keeps its filter
	find_by_national_id(page, "12345")
	message = page.locator(".msgprint").first
	message.wait_for(timeout=30_000)
	assert any("\u0600" <= ch <= "\u06ff" for ch in message.inner_text())
	assert page.evaluate("cur_list.data.map((d) => d.name)") == [name]


def test_staff_see_the_complaints_workspace_and_not_frappes_administration_ones(page, site_url, org):
	login(page, site_url, org["agent"], PASSWORD)
	page.goto(f"{site_url}/app/complaints")
	page.wait_for_selector(".standard-sidebar-item", timeout=30_000)
	shown = page.evaluate("frappe.boot.allowed_workspaces.map((p) => p.name)")
	assert "Complaints" in shown
	assert not {"Build", "Website", "Integrations", "Users"} & set(shown), shown  # setup/workspaces.py
	# Staff see Complaints and Frappe's Tools (docs/PERMISSIONS.md), nothing else
	assert set(shown) == {"Complaints", "Tools"}, shown
	# The sidebar names each workspace by its title in the user's language (the agent's is Arabic): an
	# English name never matches there, so it is compared with the translated titles
	labels = page.locator(".standard-sidebar-item .sidebar-item-label").all_inner_texts()
	titles = page.evaluate("frappe.boot.allowed_workspaces.map((p) => __(p.title))")
	assert sorted(labels) == sorted(titles), (labels, titles)
	assert page.evaluate("__('Complaints')") in labels, labels
	administration = page.evaluate("['Build', 'Website', 'Integrations', 'Users'].map((t) => __(t))")
	assert not set(administration) & set(labels), (administration, labels)
