"""The complainant's earlier complaints in the agent's new-complaint form, in Arabic: typing a national ID
shows that citizen's complaints under it, newest first, as links whose tracking numbers keep their order,
with the open one in the chosen category marked as a possible duplicate."""

from itertools import pairwise

import pytest
from conftest import OUTPUT, login, site_data
from test_desk_flows import fill, link

PASSWORD = "Complainant-History-1"


data = site_data("make_complainant_history_data", PASSWORD)


def open_new_complaint(page, site_url: str) -> None:
	page.goto(f"{site_url}/app/complaint/new")
	page.wait_for_selector(".frappe-control[data-fieldname='subject'] input", timeout=30_000)
	page.wait_for_timeout(1000)


@pytest.mark.parametrize("size", [(1366, 900), (390, 844)], ids=["desktop", "phone"])
def test_the_agent_types_a_national_id_and_sees_the_citizens_earlier_complaints(page, site_url, data, size):
	page.set_viewport_size({"width": size[0], "height": size[1]})
	login(page, site_url, data["agent"], PASSWORD)
	open_new_complaint(page, site_url)
	history = page.locator(".complainant-history")
	assert not history.is_visible()
	link(page, "category", data["category"])
	fill(page, "national_id", data["national_id"])
	page.locator(".frappe-control[data-fieldname='national_id'] input").first.blur()
	history.locator("li").first.wait_for(timeout=30_000)
	history.scroll_into_view_if_needed()
	page.wait_for_timeout(500)
	page.screenshot(path=str(OUTPUT / f"complainant-history-{size[0]}.png"), full_page=True)

	assert page.evaluate("__('Earlier complaints of this complainant')") in history.inner_text()
	rows = history.locator("li")
	assert [rows.nth(i).get_attribute("data-complaint") for i in range(rows.count())] == [
		data["newer"],
		data["older"],
	]
	first = rows.first.locator("a")
	assert first.get_attribute("href") == f"/app/complaint/{data['newer']}"
	assert first.locator("bdi").get_attribute("dir") == "ltr"
	assert first.inner_text() == data["newer"]
	# the status and the category in Arabic, not their English names
	status = rows.first.locator(".indicator-pill").inner_text()
	assert status and not status.isascii(), status
	# both are open and in this category: the duplicate warning names them
	warning = history.locator(".complainant-history-duplicates").inner_text()
	assert data["newer"] in warning and data["older"] in warning
	assert page.evaluate("document.documentElement.dir") == "rtl"
	# right to left, part after part: tracking number, date, status; below them category, unit. Each
	# part begins left of where the one before it ends, or on a line below (a phone wraps them).
	lines = rows.first.evaluate(
		"li => [...li.children].map(line => [...line.children].map(el => {"
		" const r = el.getClientRects(); const first = r[0], last = r[r.length - 1];"
		" return {top: first.top, right: first.right, last_top: last.top, last_left: last.left}; }))"
	)
	assert [len(parts) for parts in lines] == [3, 2], lines
	for parts in lines:
		for before, part in pairwise(parts):
			same_line = abs(part["top"] - before["last_top"]) <= 5
			assert part["top"] > before["last_top"] + 5 or (
				same_line and part["right"] <= before["last_left"] + 1
			), lines


def test_an_id_that_is_not_valid_shows_nothing_and_no_error(page, site_url, data):
	login(page, site_url, data["agent"], PASSWORD)
	open_new_complaint(page, site_url)
	fill(page, "national_id", data["national_id"][:-1])
	page.locator(".frappe-control[data-fieldname='national_id'] input").first.blur()
	page.wait_for_timeout(2500)
	assert not page.locator(".complainant-history li").count()
	assert not page.locator(".modal.show").count()


def test_a_saved_complaint_shows_the_complainants_other_complaints(page, site_url, data):
	# the form shows the national ID masked; the earlier complaints come from the one stored
	page.set_viewport_size({"width": 390, "height": 844})
	login(page, site_url, data["agent"], PASSWORD)
	page.goto(f"{site_url}/app/complaint/{data['newer']}")
	history = page.locator(".complainant-history")
	history.locator("li").first.wait_for(timeout=30_000)
	history.scroll_into_view_if_needed()
	page.screenshot(path=str(OUTPUT / "complainant-history-saved-390.png"), full_page=False)
	rows = history.locator("li")
	assert [rows.nth(i).get_attribute("data-complaint") for i in range(rows.count())] == [data["older"]]
	# its duplicates are in the form's headline, not said twice
	assert not history.locator(".complainant-history-duplicates").count()
	assert not page.locator(".modal.show").count()
	# the masked national ID reads as stored, first digit first ("2***…345", not "345***…2")
	first_left, last_left = page.locator(
		".frappe-control[data-fieldname='national_id'] .control-value"
	).first.evaluate(
		"el => { const t = el.firstChild, at = (i) => { const r = document.createRange();"
		" r.setStart(t, i); r.setEnd(t, i + 1); return r.getBoundingClientRect().left; };"
		" return [at(0), at(t.length - 1)]; }"
	)
	assert first_left < last_left
