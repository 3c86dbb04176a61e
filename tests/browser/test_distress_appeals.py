"""Distress appeals (استغاثة) stand out in the officer's complaints list, in Arabic: the row is marked
and its subject says it is a distress appeal; the other complaints are not marked."""


from conftest import OUTPUT, login, site_data

PASSWORD = "Distress-Check-1"


data = site_data("make_distress_browser_data", PASSWORD)


def row_of(page, name: str):
	return page.locator(".list-row").filter(has=page.locator(f".list-row-checkbox[data-name='{name}']"))


def test_the_officers_list_flags_a_distress_appeal(page, site_url, data):
	login(page, site_url, data["officer"], PASSWORD)
	page.goto(f"{site_url}/app/complaint?governorate={data['governorate']}")
	row_of(page, data["distress"]).wait_for(timeout=30_000)
	page.wait_for_timeout(1000)
	page.screenshot(path=str(OUTPUT / "distress-appeal-list.png"))
	distress, other = row_of(page, data["distress"]), row_of(page, data["complaint"])
	assert "complaint-distress-appeal" in distress.get_attribute("class")
	assert "complaint-distress-appeal" not in other.get_attribute("class")
	assert distress.locator(".list-subject a").first.inner_text().startswith("استغاثة: ")
	assert not other.locator(".list-subject a").first.inner_text().startswith("استغاثة")
