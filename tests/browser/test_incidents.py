"""Mass incidents from the complaint list, in Arabic, as the ministry centre's complaints manager: the
selected complaints are linked to a new incident of their category and place, the result names it, and the
incident's form counts them (staff_tools/incidents.py)."""

import pytest
from conftest import OUTPUT, act_on_selected, bench_execute, login, site_data

PASSWORD = "Incident-Check-1"
TITLE = "تأخر صرف معاش تكافل في الوحدة"


# the transmittal test's people and complaints: an Arabic complaints manager and three complaints of
# one category and unit
data = site_data("make_transmittal_browser_data", PASSWORD)


@pytest.mark.parametrize("size", [(1366, 900), (390, 844)], ids=["desktop", "phone"])
def test_the_list_links_the_selected_complaints_to_a_new_incident(page, site_url, data, size):
	page.set_viewport_size({"width": size[0], "height": size[1]})
	login(page, site_url, data["manager"], PASSWORD)
	names = data["complaints"]
	act_on_selected(page, f"{site_url}/app/complaint?category={data['category']}", names, "ربط بحادث")
	dialog = page.locator(".modal.show")
	dialog.locator(".frappe-control[data-fieldname='title'] input").wait_for(timeout=30_000)
	assert "ربط 3 شكاوى بحادث" in dialog.locator(".modal-title").inner_text()
	dialog.locator(".frappe-control[data-fieldname='title'] input").fill(TITLE)
	page.wait_for_timeout(300)
	page.screenshot(path=str(OUTPUT / f"incident-link-dialog-{size[0]}.png"), full_page=True)
	dialog.locator(".btn-primary", has_text="ربط الشكاوى").click()

	result = page.locator(".modal.show .msgprint")
	result.wait_for(timeout=30_000)
	page.wait_for_timeout(500)
	page.screenshot(path=str(OUTPUT / f"incident-linked-{size[0]}.png"), full_page=True)
	text = result.inner_text()
	assert "رُبطت 3 شكاوى بالحادث" in text, text
	link = result.locator("a.incident-link")
	incident = link.inner_text().strip()
	assert incident.startswith("INC-")
	assert link.locator("bdi").get_attribute("dir") == "ltr"
	assert page.evaluate("document.documentElement.dir") == "rtl"

	link.click()
	page.wait_for_function(
		"(name) => window.cur_frm && cur_frm.doctype === 'Complaint Incident' && cur_frm.doc.name === name",
		arg=incident,
		timeout=30_000,
	)
	doc = page.evaluate("() => cur_frm.doc")
	assert (
		doc["title_ar"],
		doc["category"],
		doc["complaint_count"],
		doc["status"],
	) == (
		TITLE,
		data["category"],
		3,
		"Open",
	)
	page.wait_for_timeout(800)
	page.screenshot(path=str(OUTPUT / f"incident-form-{size[0]}.png"), full_page=True)
	form = page.locator(".page-container:visible .form-layout").first.inner_text()
	assert "الشكاوى المرتبطة" in form and "مسؤول الحادث" in form
	assert page.locator(".page-actions button", has_text="الرد على الشكاوى المرتبطة").count() == 1


def test_the_tracking_page_tells_the_citizen_the_matter_is_known(browser, site_url):
	data = bench_execute("complaints_mgmt.tests.utils.make_known_incident_tracking_data")
	assert data["incident"], "linked on intake"
	context = browser.new_context(viewport={"width": 390, "height": 844}, locale="ar")
	page = context.new_page()
	try:
		page.goto(f"{site_url}/track")
		page.fill("#track-tracking-number", data["complaint"])
		page.fill("#track-national-id", data["national_id"])
		page.press("#track-national-id", "Enter")
		notice = page.locator(".complaint-status .known-incident")
		notice.wait_for(timeout=30_000)
		page.screenshot(path=str(OUTPUT / "incident-tracking-390.png"), full_page=True)
		text = notice.inner_text()
		assert "أمر معروف لدينا" in text and data["title"] in text, text
	finally:
		context.close()
