"""A transmittal sheet from the complaint list, in Arabic, as the ministry centre's complaints manager:
the selected complaints become the sheet's rows, addressed to a directorate; the saved sheet offers its
Excel sheet and its cover letter (staff_tools/transmittals.py)."""

import io

import openpyxl
from conftest import OUTPUT, act_on_selected, login, site_data

PASSWORD = "Transmittal-Check-1"


data = site_data("make_transmittal_browser_data", PASSWORD)


def test_the_manager_sends_the_selected_complaints_in_a_transmittal(page, site_url, data):
	login(page, site_url, data["manager"], PASSWORD)
	names = data["complaints"]
	act_on_selected(page, f"{site_url}/app/complaint?category={data['category']}", names, "كشف إحالة")
	page.wait_for_function("() => window.cur_frm && cur_frm.doctype === 'Transmittal'", timeout=30_000)
	assert sorted(page.evaluate("() => cur_frm.doc.items.map((row) => row.complaint)")) == sorted(names)
	page.evaluate(
		"""(directorate) => {
			cur_frm.set_value("addressed_to_type", "Directorate");
			return cur_frm.set_value("addressed_to", directorate);
		}""",
		data["directorate"],
	)
	page.keyboard.press("Control+s")
	page.wait_for_function("() => !cur_frm.is_new() && !cur_frm.is_dirty()", timeout=30_000)
	page.wait_for_timeout(800)
	page.screenshot(path=str(OUTPUT / "transmittal-form.png"), full_page=True)
	form = page.locator(".form-layout").inner_text()
	assert "عدد الطلبات" in form and "في انتظار الردود" in page.locator(".page-head:visible").inner_text()
	for label in ("كشف Excel", "خطاب الإحالة (PDF)"):
		assert page.locator(".page-actions button", has_text=label).count() == 1, label

	name = page.evaluate("() => cur_frm.doc.name")
	sheet = page.request.get(
		f"{site_url}/api/method/complaints_mgmt.staff_tools.transmittals.download_sheet?name={name}"
	)
	assert sheet.ok
	rows = list(openpyxl.load_workbook(io.BytesIO(sheet.body())).active.iter_rows(values_only=True))
	assert sorted(row[1] for row in rows[1:]) == sorted(names)
	letter = page.request.get(
		f"{site_url}/api/method/complaints_mgmt.staff_tools.transmittals.download_cover_letter?name={name}"
	)
	assert letter.ok and letter.body().startswith(b"%PDF")
