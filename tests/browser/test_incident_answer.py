"""Answering a mass incident from its form, in Arabic, as an officer who also reviews: one action
answers and closes the incident's open complaints, the progress shows while the background jobs run, and
the result says how it ended (staff_tools/incidents.py, complaint_incident.js)."""

import json

import pytest
from conftest import OUTPUT, bench, bench_execute, login

PASSWORD = "Incident-Answer-1"


@pytest.mark.parametrize("size", [(1366, 900), (390, 844)], ids=["desktop", "phone"])
def test_the_incidents_answer_closes_its_linked_complaints(page, site_url, size):
	data = bench_execute(
		"complaints_mgmt.tests.test_incidents.make_incident_answer_browser_data",
		password=PASSWORD,
	)
	page.set_viewport_size({"width": size[0], "height": size[1]})
	login(page, site_url, data["officer"], PASSWORD)
	page.goto(f"{site_url}/app/complaint-incident/{data['incident']}")
	page.wait_for_function(
		"(name) => window.cur_frm && cur_frm.doc.name === name",
		arg=data["incident"],
		timeout=30_000,
	)
	assert page.evaluate("document.documentElement.dir") == "rtl"
	button = page.locator(".page-actions button:visible", has_text="الرد على الشكاوى المرتبطة")
	if not button.count():  # on a phone the form's buttons are in the menu
		page.locator(".page-actions .menu-btn-group > button:visible").click()
		button = page.locator(
			".page-actions .dropdown-menu a:visible",
			has_text="الرد على الشكاوى المرتبطة",
		)
	button.first.click()
	confirm = page.locator(".modal.show")
	confirm.wait_for(timeout=15_000)
	assert "إرسال رد الحادث إلى الشكاوى المرتبطة" in confirm.inner_text()
	page.screenshot(path=str(OUTPUT / f"incident-answer-confirm-{size[0]}.png"))
	confirm.locator(".btn-primary").click()

	# the jobs are queued: the progress shows, in Arabic
	progress = page.locator(".modal.show", has=page.locator(".progress"))
	progress.wait_for(timeout=30_000)
	assert "الرد على الشكاوى المرتبطة" in progress.locator(".modal-title").inner_text()
	page.wait_for_timeout(400)  # the dialog faded in
	page.screenshot(path=str(OUTPUT / f"incident-answer-progress-{size[0]}.png"))
	ran = bench_execute("complaints_mgmt.tests.utils.run_queued_jobs", prefix="complaints-incident-")
	assert ran >= 1  # as a worker would run it (and any job an earlier, stopped run left queued)

	summary = page.locator(".modal.show .bulk-summary")
	summary.wait_for(timeout=60_000)
	page.wait_for_timeout(500)
	page.screenshot(path=str(OUTPUT / f"incident-answer-result-{size[0]}.png"), full_page=True)
	assert summary.inner_text().strip() == "تغيّرت شكاوى عددها 3، ولم تتغير 0."
	statuses = bench_execute(
		"frappe.get_all", doctype="Complaint", filters={"name": ["in", data["complaints"]]}, pluck="status"
	)
	assert statuses == ["Closed"] * 3
	# the form, reloaded, shows the incident closed
	page.locator(".modal.show .btn-modal-close").first.click()
	page.wait_for_function("() => cur_frm.doc.status === 'Closed'", timeout=30_000)
	page.wait_for_timeout(500)
	page.screenshot(path=str(OUTPUT / f"incident-answer-closed-{size[0]}.png"), full_page=True)
