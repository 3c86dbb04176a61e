"""The desk's place fields in real headless Chromium, in Arabic: a call-centre agent typing
the district as a caller says it, in any common spelling, finds it among the governorate's districts
and sees it in Arabic. Screenshots go to test-output/screenshots/."""

import json

import pytest
from conftest import OUTPUT, bench, login

SCREENSHOTS = OUTPUT / "screenshots"
AGENT = "arabic.agent.places@test.complaints.local"
PASSWORD = "Test-Places-1"


@pytest.fixture(scope="module")
def agent():
	SCREENSHOTS.mkdir(parents=True, exist_ok=True)
	kwargs = {"email": AGENT, "roles": ["Call Center Agent"], "language": "ar", "password": PASSWORD}
	bench("execute", "complaints_mgmt.tests.utils.make_desk_user", "--kwargs", json.dumps(kwargs))
	return AGENT


@pytest.mark.parametrize("typed", ["مدينه نصر", "مدينة  نصر", "nasr city"])
def test_an_agent_finds_the_district_in_any_spelling(page, site_url, agent, typed):
	login(page, site_url, agent, PASSWORD)
	page.goto(f"{site_url}/app/complaint/new")
	field = page.locator(".frappe-control[data-fieldname='district'] input").first
	field.wait_for(timeout=30_000)
	page.evaluate("cur_frm.set_value('governorate', 'Cairo')")
	page.wait_for_timeout(800)
	field.scroll_into_view_if_needed()
	field.click()
	field.type(typed, delay=30)
	first = page.locator(".frappe-control[data-fieldname='district'] ul[role='listbox'] > [role='option']").first
	first.wait_for(timeout=15_000)
	assert "مدينة نصر" in first.inner_text()
	page.screenshot(path=str(SCREENSHOTS / "desk-district-search-ar.png"))
	page.keyboard.press("Enter")
	page.wait_for_function("() => cur_frm.doc.district === 'Nasr City'", timeout=10_000)
	assert field.input_value() == "مدينة نصر"
