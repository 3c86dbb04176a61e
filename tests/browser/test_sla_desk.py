"""The SLA set-up and an escalated complaint as an Arabic-speaking administrator sees them in the desk."""

from conftest import OUTPUT, login, site_data

PASSWORD = "Sla-Check-2026!"


data = site_data("make_sla_browser_data", PASSWORD, scope="module")


def open_form(page, url: str) -> None:
	page.goto(url)
	page.wait_for_function("() => window.cur_frm && cur_frm.doc && !cur_frm.is_new()", timeout=30_000)
	page.wait_for_timeout(1000)


def test_the_working_calendar_shows_the_weekend_and_the_years_holidays_in_arabic(page, site_url, data):
	login(page, site_url, data["admin"], PASSWORD)
	open_form(page, f"{site_url}/app/working-calendar/{data['calendar']}")
	assert page.locator("html").get_attribute("dir") == "rtl"
	doc = page.evaluate(
		"({friday: cur_frm.doc.friday_off, saturday: cur_frm.doc.saturday_off, sunday: cur_frm.doc.sunday_off,"
		" holidays: cur_frm.doc.holidays.length, arabic: cur_frm.doc.holidays.filter((h) => h.holiday_name_ar).length})"
	)
	assert (doc["friday"], doc["saturday"], doc["sunday"]) == (1, 1, 0)
	assert doc["holidays"] >= 10 and doc["arabic"] == doc["holidays"]
	assert page.get_by_text("أيام الراحة الأسبوعية").first.is_visible()
	assert page.get_by_role("button", name="إضافة العطلات الرسمية").is_visible()
	page.screenshot(path=str(OUTPUT / "sla-working-calendar.png"), full_page=True)


def test_an_escalated_complaint_shows_its_deadlines_and_the_escalation_on_its_timeline(page, site_url, data):
	login(page, site_url, data["admin"], PASSWORD)
	open_form(page, f"{site_url}/app/complaint/{data['complaint']}")
	doc = page.evaluate(
		"({level: cur_frm.doc.escalation_level, sla: cur_frm.doc.sla_status, accept_by: cur_frm.doc.accept_by})"
	)
	assert doc["level"] == 2 and doc["sla"] == "Breached" and doc["accept_by"]
	page.screenshot(path=str(OUTPUT / "sla-escalated-complaint.png"), full_page=True)
	assert page.get_by_text("التصعيد التالي").first.is_visible()
	assert page.locator(".timeline-content", has_text=data["head"]).first.is_visible()


def test_the_escalation_matrix_is_edited_in_complaints_settings(page, site_url, data):
	login(page, site_url, data["admin"], PASSWORD)
	page.goto(f"{site_url}/app/complaints-settings")
	page.wait_for_function(
		"() => window.cur_frm && cur_frm.doc.doctype === 'Complaints Settings'", timeout=30_000
	)
	page.wait_for_timeout(1000)
	levels = page.evaluate("cur_frm.doc.escalation_levels.map((row) => [row.level, row.notify])")
	assert levels[:3] == [[1, "Liaison Officer"], [2, "Directorate Head"], [3, "Headquarters"]]
	assert page.get_by_text("مستويات التصعيد").first.is_visible()
	page.screenshot(path=str(OUTPUT / "sla-escalation-matrix.png"), full_page=True)
