"""Hijri (Umm al-Qura) dates beside the Gregorian ones: hijridate (the server's) and Chromium's Intl
agree on the calendar; a citizen tracking a complaint on a phone reads both dates in Arabic; the desk
shows the Hijri date under the form's dates only when Complaints Settings ask."""

import json
from datetime import date, timedelta

from conftest import OUTPUT, bench, login, site_data
from hijridate import Gregorian
from test_desk_flows import open_complaint

PASSWORD = "Hijri-Dates-Check-1"
RECEIVED_HIJRI = "27 جمادى الآخرة 1448 هـ"  # 7 December 2026
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "locale": "ar-EG"}
INTL_PARTS = """(days) => {
	const format = new Intl.DateTimeFormat("ar-EG-u-ca-islamic-umalqura-nu-latn",
		{day: "numeric", month: "numeric", year: "numeric", timeZone: "UTC"});
	return days.map((day) => {
		const parts = Object.fromEntries(format.formatToParts(new Date(day + "T12:00:00Z"))
			.filter((part) => ["day", "month", "year"].includes(part.type))
			.map((part) => [part.type, parseInt(part.value, 10)]));
		return [parts.day, parts.month, parts.year];
	});
}"""


def sample_days() -> list[date]:
	"""Forty days of 1420 to 1450 AH (May 1999 to July 2029), about nine months apart and on every day of
	the month in turn, with the first days of Ramadan 1445 and Muharram 1447. Outside those years the
	two tables part by a day in many months (compared every third day from 1937 to 2077): what a complaint
	shows stays within them."""
	days = [date(1999, 5, 1) + timedelta(days=277 * i + i % 29) for i in range(40)]
	return [*days, date(2024, 3, 11), date(2025, 6, 26)]


def test_hijridate_and_chromium_agree_on_the_umm_al_qura_calendar(page):
	days = sample_days()
	chromium = page.evaluate(INTL_PARTS, [day.isoformat() for day in days])
	hijridate = [list(Gregorian(d.year, d.month, d.day).to_hijri().datetuple()[::-1]) for d in days]
	disagree = [(d.isoformat(), h, c) for d, h, c in zip(days, hijridate, chromium, strict=True) if h != c]
	assert disagree == [], disagree
	assert len(days) >= 20 and days[39] < date(2029, 8, 1)


data = site_data("make_hijri_browser_data", PASSWORD)


def test_a_citizen_tracking_on_a_phone_reads_both_dates_in_arabic(browser, site_url, data):
	context = browser.new_context(**PHONE)
	phone = context.new_page()
	try:
		phone.goto(f"{site_url}/track")
		phone.fill("#track-tracking-number", data["complaint"])
		phone.fill("#track-national-id", data["national_id"])
		phone.keyboard.press("Enter")
		phone.wait_for_selector(".complaint-status", timeout=30_000)
		facts = phone.locator(".complaint-facts")
		assert "07-12-2026" in facts.locator("time").first.inner_text()
		assert facts.locator(".hijri-date").inner_text() == RECEIVED_HIJRI
		steps = phone.locator(".status-history li")
		assert steps.count() >= 1
		assert steps.first.locator(".hijri-date").inner_text().endswith("هـ")
		phone.locator(".complaint-facts").scroll_into_view_if_needed()
		phone.screenshot(path=str(OUTPUT / "hijri-tracking-phone.png"), full_page=True)
		# the Hijri date reads right to left: the day at the right, the era at the left
		order = facts.locator(".hijri-date").evaluate(
			"""el => { const range = document.createRange(); const text = el.firstChild;
			const right = (from, to) => { range.setStart(text, from); range.setEnd(text, to);
				return range.getBoundingClientRect().right; };
			return [right(0, 2), right(text.length - 2, text.length)]; }"""
		)
		assert order[0] > order[1], order
	finally:
		context.close()


def test_the_desk_shows_the_hijri_date_only_when_the_setting_asks(page, site_url, data):
	login(page, site_url, data["agent"], PASSWORD)
	open_complaint(page, site_url, data["complaint"])
	assert page.locator(".frappe-control[data-fieldname='received_on'] .hijri-date").count() == 0
	bench("execute", "complaints_mgmt.tests.utils.set_hijri_in_desk", "--kwargs", json.dumps({"on": 1}))
	try:
		open_complaint(page, site_url, data["complaint"])
		page.reload()
		page.wait_for_function("() => window.cur_frm && cur_frm.doc.name", timeout=30_000)
		shown = page.locator(".frappe-control[data-fieldname='received_on'] .hijri-date")
		shown.wait_for(timeout=15_000)
		assert shown.inner_text() == RECEIVED_HIJRI
		page.screenshot(path=str(OUTPUT / "hijri-desk.png"))
	finally:
		bench("execute", "complaints_mgmt.tests.utils.set_hijri_in_desk", "--kwargs", json.dumps({"on": 0}))
