"""Administrators without code, in real headless Chromium, in Arabic, as a Complaints
Administrator (not Administrator): a field added to Complaint reaches the citizen's form, a guest fills it
and the desk shows it; a disabled officer's next complaint goes to the deputy; units are imported from a
sheet with Arabic headers; a report is exported to Excel with the rows shown, in Arabic. Screenshots go to
test-output/screenshots/admin-*.png."""

import io
import re
import time

import openpyxl
import pytest
from conftest import OUTPUT, bench, bench_execute, login
from test_portal import fill_the_complaint_form

SCREENSHOTS = OUTPUT / "screenshots"
PASSWORD = "Test-Admin-27"
FIELD_LABEL = "رقم قطعة الأرض"
FIELD_VALUE = "قطعة ٧ بلوك ١٢"
DESKTOP = {"viewport": {"width": 1366, "height": 900}, "locale": "ar-EG"}
PHONE = {
	"viewport": {"width": 390, "height": 844},
	"is_mobile": True,
	"has_touch": True,
	"locale": "ar-EG",
}


@pytest.fixture(scope="module")
def data():
	SCREENSHOTS.mkdir(parents=True, exist_ok=True)
	return bench_execute("complaints_mgmt.tests.utils.make_admin_browser_data", password=PASSWORD)


@pytest.fixture(scope="module")
def desk(browser, site_url, data):
	"""The administrator's desk on a desktop screen."""
	context = browser.new_context(**DESKTOP)
	page = context.new_page()
	login(page, site_url, data["administrator"], PASSWORD)
	yield page
	context.close()


def open_form(page, site_url: str, route: str) -> None:
	page.goto(f"{site_url}/app/{route}")
	try:
		page.wait_for_function(
			"(slug) => window.cur_frm && frappe.router.slug(cur_frm.doctype) === slug && cur_frm.doc",
			arg=route.split("/")[0],
			timeout=30_000,
		)
	except Exception:
		page.screenshot(path=str(SCREENSHOTS / "admin-open-failed.png"))
		raise


def save(page) -> None:
	page.evaluate("() => cur_frm.save()")
	try:
		page.wait_for_function("() => !cur_frm.is_dirty() && !cur_frm.is_new()", timeout=30_000)
	except Exception:
		page.screenshot(path=str(SCREENSHOTS / "admin-save-failed.png"))
		raise AssertionError(page.evaluate("() => $('.modal.show').text() || cur_frm.doctype")) from None


def file_as_guest(browser, site_url: str, data: dict, screenshot: str, **extra) -> str:
	"""A guest files a complaint through the citizen's form on a phone; its tracking number."""
	context = browser.new_context(**PHONE)
	page = context.new_page()
	page.goto(f"{site_url}/file-a-complaint/new")
	page.wait_for_selector(f"#complaint-category option[value='{data['category']}']", state="attached")
	fill_the_complaint_form(page, data, **extra)
	page.screenshot(path=str(SCREENSHOTS / screenshot), full_page=True)
	page.click(".web-form-footer .submit-btn")
	page.wait_for_selector("#complaint-tracking-number", timeout=30_000)
	number = page.inner_text("#complaint-tracking-number").strip()
	context.close()
	return number


@pytest.fixture
def added_fields():
	"""The fields a test adds to Complaint, taken off again after it (tests.utils.remove_complaint_field)."""
	fieldnames = []
	yield fieldnames
	for fieldname in fieldnames:
		bench_execute("complaints_mgmt.tests.utils.remove_complaint_field", fieldname=fieldname)


def test_a_field_the_administrator_adds_reaches_the_citizens_form_and_the_desk(
	browser, desk, site_url, data, added_fields
):
	page = desk
	# A field on Complaint, made in the desk
	open_form(page, site_url, "custom-field/new")
	page.evaluate(
		"""(label) => {
			cur_frm.set_value("dt", "Complaint");
			cur_frm.set_value("label", label);
			cur_frm.set_value("fieldtype", "Data");
			cur_frm.set_value("insert_after", "address");
		}""",
		FIELD_LABEL,
	)
	save(page)
	fieldname = page.evaluate("() => cur_frm.doc.fieldname")
	added_fields.append(fieldname)
	assert fieldname.isascii() and fieldname.startswith("custom_"), fieldname

	# ...put on the citizen's form, after the address
	open_form(page, site_url, "web-form/file-a-complaint")
	assert page.locator("html").get_attribute("dir") == "rtl"
	assert not page.evaluate("() => cur_frm.is_read_only && cur_frm.is_read_only()")
	page.evaluate(
		"""([fieldname, label]) => {
			const row = frappe.model.add_child(cur_frm.doc, "Web Form Field", "web_form_fields");
			Object.assign(row, { fieldname, label, fieldtype: "Data" });
			const rows = cur_frm.doc.web_form_fields;
			const address = rows.findIndex((r) => r.fieldname === "address");
			rows.splice(rows.length - 1, 1);
			rows.splice(address + 1, 0, row);
			rows.forEach((r, i) => (r.idx = i + 1));
			cur_frm.dirty();
			cur_frm.refresh_field("web_form_fields");
		}""",
		[fieldname, FIELD_LABEL],
	)
	save(page)
	page.screenshot(path=str(SCREENSHOTS / "admin-web-form-ar.png"), full_page=True)

	# A guest fills it in
	number = file_as_guest(browser, site_url, data, "admin-portal-field-ar.png", **{fieldname: FIELD_VALUE})

	# ...and the desk shows it, labelled
	open_form(page, site_url, f"complaint/{number}")
	assert page.evaluate(f"() => cur_frm.doc.{fieldname}") == FIELD_VALUE
	field = page.locator(f".frappe-control[data-fieldname='{fieldname}']")
	assert FIELD_LABEL in field.inner_text()
	field.scroll_into_view_if_needed()
	page.screenshot(path=str(SCREENSHOTS / "admin-complaint-field-ar.png"))


def test_a_disabled_officers_next_complaint_goes_to_the_deputy(browser, desk, site_url, data):
	"""The administrator takes the officer off duty (their Liaison Officer record; a user manager disabling
	the account does the same: complaints_mgmt.tests.test_officer_availability)."""
	page = desk
	open_form(page, site_url, f"liaison-officer/{data['officer']}")
	page.evaluate("() => cur_frm.set_value('is_active', 0)")
	save(page)
	page.screenshot(path=str(SCREENSHOTS / "admin-officer-inactive-ar.png"))
	number = file_as_guest(browser, site_url, data, "admin-portal-after-disable-ar.png")
	open_form(page, site_url, f"complaint/{number}")
	assert page.evaluate("() => cur_frm.doc.liaison_officer") == data["deputy"]


@pytest.fixture
def scheduler_on():
	"""Data Import refuses to start while the scheduler is off; its job is then run by the test alone
	(tests.utils.run_queued_jobs), not by a worker behind whatever other tests left queued."""
	enabled = not bench_execute("frappe.utils.scheduler.is_scheduler_disabled")
	bench("enable-scheduler")
	yield
	if not enabled:
		bench("disable-scheduler")


def test_units_import_from_a_sheet_with_arabic_headers(desk, site_url, data, scheduler_on):
	page = desk
	codes = [f"SU-B27-{data['directorate'][-6:].upper()}-{n}" for n in (1, 2)]
	sheet = "\n".join(
		[
			"كود الوحدة,اسم الوحدة,المديرية",
			f"{codes[0]},الوحدة الاجتماعية بالزيتون,{data['directorate']}",
			f"{codes[1]},الوحدة الاجتماعية بحلوان,{data['directorate']}",
		]
	)
	open_form(page, site_url, "data-import/new")
	page.evaluate(
		"""() => {
			cur_frm.set_value("reference_doctype", "Social Unit");
			cur_frm.set_value("import_type", "Insert New Records");
		}"""
	)
	save(page)
	page.evaluate(
		"""async (sheet) => {
			const form = new FormData();
			form.append("file", new Blob([sheet], { type: "text/csv" }), "units.csv");
			form.append("is_private", "1");
			form.append("doctype", "Data Import");
			form.append("docname", cur_frm.doc.name);
			form.append("fieldname", "import_file");
			const response = await fetch("/api/method/upload_file", {
				method: "POST", body: form, headers: { "X-Frappe-CSRF-Token": frappe.csrf_token },
			});
			const file = (await response.json()).message;
			await cur_frm.set_value("import_file", file.file_url);
		}""",
		sheet,
	)
	save(page)
	page.screenshot(path=str(SCREENSHOTS / "admin-import-preview-ar.png"), full_page=True)
	page.wait_for_function(
		"() => cur_frm.doc.import_file && !cur_frm.is_dirty() && cur_frm.page.btn_primary.is(':visible')"
		" && cur_frm.page.btn_primary.text().trim() === __('Start Import')",
		timeout=30_000,
	)
	page.evaluate("() => cur_frm.page.btn_primary.trigger('click')")  # a leftover backdrop covers it
	name = page.evaluate("() => cur_frm.doc.name")
	status, deadline = None, time.monotonic() + 120
	while status != "Success" and time.monotonic() < deadline:
		time.sleep(2)
		bench_execute("complaints_mgmt.tests.utils.run_queued_jobs", prefix=f"data_import::{name}")
		status = page.evaluate(
			"async () => (await frappe.db.get_value('Data Import', cur_frm.doc.name, 'status')).message.status"
		)
		assert status not in ("Error", "Partial Success", "Timed Out"), status
	assert status == "Success", status
	page.reload()
	page.wait_for_selector(".page-head .title-text", timeout=30_000)
	page.screenshot(path=str(SCREENSHOTS / "admin-import-done-ar.png"), full_page=True)
	names = page.evaluate(
		"""(codes) => frappe.db.get_list("Social Unit", {
			filters: { unit_code: ["in", codes] }, fields: ["unit_code", "unit_name"] })""",
		codes,
	)
	assert {row["unit_code"]: row["unit_name"] for row in names} == {
		codes[0]: "الوحدة الاجتماعية بالزيتون",
		codes[1]: "الوحدة الاجتماعية بحلوان",
	}


def test_a_report_exports_to_excel_with_its_rows_in_arabic(desk, site_url, data):
	page = desk
	page.goto(f"{site_url}/app/complaint/view/report?unit={data['export_unit']}")
	page.wait_for_function(
		"() => window.cur_list && cur_list.data && cur_list.data.length === %d" % len(data["exported"]),
		timeout=30_000,
	)
	page.evaluate(
		"() => cur_list.page.menu.find('.dropdown-item').filter((i, a) => a.innerText.trim() === __('Export'))[0].click()"
	)
	dialog = page.locator(".modal.show")
	dialog.wait_for(timeout=10_000)
	assert "إكسل" in dialog.inner_text()
	page.screenshot(path=str(SCREENSHOTS / "admin-export-dialog-ar.png"))
	with page.expect_download(timeout=60_000) as download:
		dialog.locator(".btn-primary").click()
	sheet = openpyxl.load_workbook(io.BytesIO(open(download.value.path(), "rb").read())).active
	rows = [[cell for cell in row] for row in sheet.iter_rows(values_only=True)]
	header, body = rows[0], [row for row in rows[1:] if any(row)]
	assert len(body) == len(data["exported"])
	assert not [column for column in header if re.search("[A-Za-z]", str(column))], header
	assert sorted(row[header.index("المعرّف")] for row in body) == data["exported"]
	status = header.index("الحالة")
	assert {row[status] for row in body} <= set(data["statuses_ar"].values())


def test_a_transition_added_for_the_administrator_asks_for_its_reason(desk, site_url, data):
	"""Reject added for the Complaints Administrator on a routed complaint: the form is not theirs to edit
	in that state, so the reason is asked with the action."""
	bench_execute("complaints_mgmt.tests.utils.give_administrators_reject_on_routed")
	try:
		reject_with_a_reason(desk, site_url, data["exported"][0])
	finally:
		bench_execute("complaints_mgmt.tests.utils.give_administrators_reject_on_routed", remove=True)


def reject_with_a_reason(page, site_url: str, name: str) -> None:
	open_form(page, site_url, f"complaint/{name}")
	page.wait_for_selector(".actions-btn-group", state="visible", timeout=30_000)
	page.click(".actions-btn-group > button")
	page.locator(".actions-btn-group .dropdown-menu a", has_text="رفض").first.click()
	dialog = page.locator(".modal.show")
	dialog.wait_for(timeout=10_000)
	assert "سبب الرفض" in dialog.inner_text()
	dialog.locator("textarea").fill("خارج اختصاص الوزارة.")
	page.screenshot(path=str(SCREENSHOTS / "admin-reject-reason-ar.png"))
	dialog.locator(".btn-primary").click()
	page.wait_for_function("() => cur_frm.doc.status === 'Rejected'", timeout=30_000)
	assert page.evaluate("() => cur_frm.doc.rejection_reason") == "خارج اختصاص الوزارة."
	assert not page.locator(".modal.show .msgprint").count()
