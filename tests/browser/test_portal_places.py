"""The portal's place fields in real headless Chromium, on a phone, in Arabic: the chosen
governorate's districts are offered in Arabic, and a search box finds one typed in any common spelling
of either language. Screenshots go to test-output/screenshots/."""

import re

import pytest
from conftest import OUTPUT

SCREENSHOTS = OUTPUT / "screenshots"
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "locale": "ar-EG"}
LATIN = re.compile(r"[A-Za-z]")


@pytest.fixture
def form(browser, site_url):
	SCREENSHOTS.mkdir(parents=True, exist_ok=True)
	context = browser.new_context(**PHONE)
	page = context.new_page()
	page.goto(f"{site_url}/file-a-complaint/new")
	page.wait_for_selector("#complaint-district-search", state="attached", timeout=30_000)
	page.select_option("#complaint-governorate", "Cairo")
	yield page
	context.close()


def district_labels(page) -> list[str]:
	return page.eval_on_selector_all("#complaint-district option", "options => options.map(o => o.textContent)")


def test_the_governorates_districts_are_offered_in_arabic(form):
	labels = district_labels(form)[1:]  # after "Choose…"
	assert len(labels) > 30
	assert "مدينة نصر" in labels
	assert not [label for label in labels if LATIN.search(label)]
	assert labels == sorted(labels)


@pytest.mark.parametrize("typed", ["مدينه نصر", "مدينة  نصر", "Nasr City"])
def test_a_district_typed_in_any_spelling_is_chosen(form, typed):
	search = form.locator("#complaint-district-search")
	search.fill(typed)
	assert form.eval_on_selector("#complaint-district", "select => select.value") == "Nasr City"
	assert form.eval_on_selector("#complaint-district", "s => s.options[s.selectedIndex].text") == "مدينة نصر"
	form.locator("#complaint-district").scroll_into_view_if_needed()
	form.screenshot(path=str(SCREENSHOTS / "portal-district-search-phone-ar.png"))


def test_the_search_box_fits_a_phone_and_says_when_nothing_matches(form):
	search = form.locator("#complaint-district-search")
	box = search.bounding_box()
	assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390 and box["height"] >= 32
	assert search.get_attribute("aria-label") == "اكتب للبحث عن المركز أو الحي"
	search.fill("شارع لا وجود له")
	assert district_labels(form) == ["اختر…"]
	assert "لا يوجد مركز أو حي مطابق" in form.inner_text("#complaint-district-search-status")
	search.fill("")
	assert len(district_labels(form)) > 30
