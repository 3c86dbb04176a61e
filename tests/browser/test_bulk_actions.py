"""Bulk work from the complaint list, in Arabic: the officer selects complaints, answers them all with a
saved reply in one action, and is told how it ended (staff_tools/bulk_actions.py)."""

from conftest import OUTPUT, act_on_selected, bench_execute, login, site_data

PASSWORD = "Bulk-Action-Check-1"


data = site_data("make_bulk_browser_data", PASSWORD)


def test_an_officer_answers_the_selected_complaints_with_one_saved_reply(page, site_url, data):
	login(page, site_url, data["officer"], PASSWORD)
	names = data["complaints"]
	in_progress = f"{site_url}/app/complaint?status=In%20Progress&category={data['category']}"
	act_on_selected(page, in_progress, names, "تطبيق على الشكاوى المحددة")
	dialog = page.locator(".modal.show")
	dialog.wait_for(timeout=15_000)
	assert "الشكاوى المحددة: 3" in dialog.locator(".modal-title").inner_text()
	dialog.locator("select[data-fieldname='action']").select_option("Respond")
	link = dialog.locator("input[data-fieldname='saved_reply']")
	link.click()
	link.press_sequentially(data["reply_title"], delay=80)  # whole: a test site keeps earlier runs' replies
	choice = page.locator(".modal.show .awesomplete [role='option']", has_text=data["reply_title"]).first
	choice.wait_for(timeout=15_000)
	choice.click()
	page.wait_for_function(
		f"() => String(cur_dialog.get_value('saved_reply')) === '{data['reply']}'", timeout=15_000
	)
	page.screenshot(path=str(OUTPUT / "bulk-dialog.png"))
	dialog.locator(".btn-primary").click()
	page.wait_for_timeout(1000)
	ran = bench_execute("complaints_mgmt.tests.utils.run_queued_jobs", prefix="complaints-bulk-")  # as a worker
	assert ran == 1
	summary = page.locator(".modal.show .bulk-summary")
	summary.wait_for(timeout=60_000)
	page.screenshot(path=str(OUTPUT / "bulk-result.png"))
	assert summary.inner_text().strip() == "تغيّرت شكاوى عددها 3، ولم تتغير 0."
	statuses = bench_execute(
		"frappe.get_all", doctype="Complaint", filters={"name": ["in", names]}, pluck="status"
	)
	assert statuses == ["Responded"] * 3
