"""Saved replies in the officer's form, in Arabic: the button beside the answer lists the replies of the
complaint's category, and the chosen one fills the answer from the complaint, still editable."""

from conftest import OUTPUT, bench_execute, login, site_data
from test_desk_flows import open_complaint

PASSWORD = "Saved-Reply-Check-1"


data = site_data("make_saved_reply_data", PASSWORD)


def test_an_officer_answers_with_a_saved_reply(page, site_url, data):
	login(page, site_url, data["officer"], PASSWORD)
	open_complaint(page, site_url, data["complaint"])
	button = page.locator(".frappe-control[data-fieldname='response'] .saved-reply-button")
	assert button.inner_text().strip() == "الردود المحفوظة"
	# the reviewer's note is not the officer's to fill
	assert page.locator(".frappe-control[data-fieldname='review_note'] .saved-reply-button").count() == 0
	button.click()
	dialog = page.locator(".modal.show")
	dialog.wait_for(timeout=15_000)
	assert data["reply_title"] in dialog.locator("select").inner_text()
	page.screenshot(path=str(OUTPUT / "saved-reply-dialog.png"))
	dialog.locator(".btn-primary").click()
	page.wait_for_function("() => (cur_frm.doc.response || '').includes('رُوجعت شكواك')", timeout=15_000)
	response = page.evaluate("cur_frm.doc.response")
	assert data["complaint"] in response
	assert "{" not in response
	# the tracking number keeps its order inside the Arabic answer
	assert f"\u2066{data['complaint']}\u2069" in response
	page.wait_for_timeout(500)
	page.screenshot(path=str(OUTPUT / "saved-reply-filled.png"), full_page=True)
	used = bench_execute("frappe.db.get_value", doctype="Saved Reply", filters=data["reply"], fieldname="usage_count")
	assert used == 1
