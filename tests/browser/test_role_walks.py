"""One walk per demo role, in Arabic: the role's first screen has work on it, and its main screens
(workspace, the Complaint list, a complaint, its reports) show no English outside what people typed and
record names, no error dialog and no tracking number read backwards (arabic_screen.py).

The demo of Cairo is loaded on the test site (setup/demo.py, with the showcase of every login's work)
and every demo login gets a known password. English record names of the master data (units,
directorates, categories, governorates, people) are skipped through a list read from those DocTypes.
Screenshots: test-output/walk-<role>-<screen>.png.
"""

import json
import re
import unicodedata

import pytest
from arabic_screen import cut_chart_labels, known_strings, problems, settle
from conftest import OUTPUT, bench_execute, served

PASSWORD = "Walk-Demo-2026!"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
ALL_REPORTS = (
	"Complaints Analysis",
	"Overdue Complaints",
	"SLA Compliance",
	"Citizen Satisfaction",
	"Liaison Officer Performance",
)
# role: (reports it opens, the list that is its work: doctype and filters that must hold rows)
DESK_WALKS = {
	"Call Center Agent": ((), ("complaint", {})),
	"Liaison Officer": (("Overdue Complaints", "Liaison Officer Performance"), ("complaint", {})),
	"Quality Reviewer": (
		("Complaints Analysis", "Citizen Satisfaction"),
		("complaint", {"status": "Under Review"}),
	),
	"Directorate Head": (("Overdue Complaints", "SLA Compliance"), ("complaint", {})),
	"Appeals Board Member": (("Appeals Summary",), ("appeal", {"status": "Submitted"})),
	"Complaints Manager": ((*ALL_REPORTS, "Appeals Summary"), ("complaint", {})),
	"Complaints Administrator": (("Complaints Analysis", "SLA Compliance"), ("complaint", {})),
}


@pytest.fixture(scope="module")
def demo():
	data = bench_execute("complaints_mgmt.tests.utils.load_walk_demo", password=PASSWORD, timeout=900)
	data["known"] = known_strings(data["record_names"] + data["typed"])
	return data


def slug(text: str) -> str:
	return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


class Walk:
	"""One person's walk: opens screens, saves a screenshot of each, collects what is wrong."""

	def __init__(self, browser, site_url, demo, role, viewport):
		self.site_url, self.demo, self.role = site_url, demo, role
		self.context = browser.new_context(viewport=viewport, locale="ar-EG")
		self.page = self.context.new_page()
		self.found: list[str] = []
		response = self.page.request.post(
			f"{site_url}/api/method/login", form={"usr": demo["logins"][role], "pwd": PASSWORD}
		)
		assert response.ok, response.text()

	def open(self, screen: str, path: str, ready: str) -> None:
		self.page.goto(f"{self.site_url}{path}")
		self.page.wait_for_selector(ready, timeout=30_000)
		self.settle()
		self.look(screen)

	def settle(self) -> None:
		"""Until the page's requests are answered and it has drawn its cards and charts."""
		if "/app" in self.page.url:
			settle(self.page)
			self.page.wait_for_timeout(1000)  # widgets made after the first requests answered
			settle(self.page)
		else:
			self.page.wait_for_load_state("load")

	def look(self, screen: str) -> None:
		self.page.screenshot(path=str(OUTPUT / f"walk-{slug(self.role)}-{screen}.png"), full_page=True)
		assert self.page.locator("html").get_attribute("dir") == "rtl", f"{screen} is not right-to-left"
		self.found += [f"{screen}: {problem}" for problem in problems(self.page, self.demo["known"])]

	def rows(self, doctype: str, filters: dict) -> list[str]:
		"""Names of the records the user's list holds (as the desk asks for them)."""
		return self.page.evaluate(
			"""([doctype, filters]) => frappe.xcall('frappe.client.get_list',
				{doctype, filters, fields: ['name'], limit_page_length: 50, order_by: 'modified desc'})
				.then((rows) => rows.map((r) => r.name))""",
			[doctype, filters],
		)

	def closed_complaints_with_a_mobile(self) -> list[str]:
		"""From the desk, the closed complaints with a mobile the walker may read (at least one)."""
		self.page.goto(f"{self.site_url}/app")
		self.page.wait_for_selector(".layout-main-section", timeout=30_000)
		closed = self.rows("Complaint", {"status": "Closed", "mobile": ["is", "set"]})
		assert closed, f"the {self.role} sees no closed complaint"
		return closed

	def close(self) -> None:
		self.context.close()

	def __enter__(self):
		return self

	def __exit__(self, *exc) -> None:
		self.close()


@pytest.mark.parametrize("role", list(DESK_WALKS))
def test_desk_walk(browser, site_url, demo, role):
	reports, (work_doctype, work_filters) = DESK_WALKS[role]
	with Walk(browser, site_url, demo, role, DESKTOP) as walk:
		walk.open("workspace", "/app", ".layout-main-section .ce-block")
		work = walk.rows(work_doctype.title(), work_filters)
		assert work, f"{role}: nothing in their {work_doctype} list {work_filters}"
		query = "&".join(f"{key}={value}" for key, value in work_filters.items())
		walk.open(f"{work_doctype}-list", f"/app/{work_doctype}?{query}", ".list-row-container")
		walk.open(f"{work_doctype}-form", f"/app/{work_doctype}/{work[0]}", ".form-layout")
		if work_doctype == "complaint":
			walk.open("complaint-print", f"/app/print/Complaint/{work[0]}", ".print-preview-wrapper")
		if work_doctype != "complaint":
			complaints = walk.rows("Complaint", {})
			walk.open("complaint-list", "/app/complaint", ".list-row-container")
			if complaints:
				walk.open("complaint-form", f"/app/complaint/{complaints[0]}", ".form-layout")
		for report in reports:
			walk.open(slug(report), f"/app/query-report/{report}", ".report-wrapper")
		assert not walk.found, "\n".join(walk.found)


def test_liaison_officer_first_screen_has_each_state_of_their_day(browser, site_url, demo):
	with Walk(browser, site_url, demo, "Liaison Officer", DESKTOP) as walk:
		walk.page.goto(f"{site_url}/app")
		walk.page.wait_for_selector(".layout-main-section", timeout=30_000)
		for status in ("Routed", "Accepted", "In Progress", "Returned"):
			assert walk.rows("Complaint", {"status": status}), f"no {status} complaint"
		now = walk.page.evaluate("() => frappe.datetime.now_datetime()")
		late = walk.rows("Complaint", {"deadline": ["<", now], "status": ["not in", ["Closed", "Rejected"]]})
		assert late, "no late complaint"


def test_citizen_walk_on_a_phone(browser, site_url, demo):
	with Walk(browser, site_url, demo, "Citizen", PHONE) as walk:
		walk.open("my-complaints", "/my-complaints", "main")
		links = walk.page.locator("a.tracking-number[href*='/my-complaints/']")
		assert links.count() >= 4, "the citizen's first screen lists fewer than 4 complaints"
		hrefs = [links.nth(i).get_attribute("href") for i in range(links.count())]
		walk.open("complaint", hrefs[0], "main")
		for href in hrefs:
			walk.page.goto(f"{site_url}{href}")
			if walk.page.locator("form[data-method='complaints_mgmt.api.portal.rate']").count():
				walk.look("complaint-to-rate")
				break
		else:
			pytest.fail("no complaint of the citizen can be rated")
		assert not walk.found, "\n".join(walk.found)


# Right to left: numbers with separators keep their order -------------------------------------------------

# Where the first and the last character of a field's shown value are drawn (left edges, in pixels).
# The first and last character of the first box `selectors` find (its first text outside a label), their
# left edges; in the print preview the box is in the preview's iframe.
_ENDS_OF_TEXT = """
([selectors, in_preview]) => {
	const doc = in_preview ? document.querySelector('.print-preview-wrapper iframe').contentDocument : document;
	const box = selectors.map((selector) => doc.querySelector(selector)).find(Boolean);
	if (!box) return null;
	const walker = doc.createTreeWalker(box, NodeFilter.SHOW_TEXT);
	let node = walker.nextNode();
	while (node && (!node.nodeValue.trim() || node.parentElement.closest('label'))) node = walker.nextNode();
	if (!node) return null;
	const text = node.nodeValue, start = text.search(/\\S/), end = text.trimEnd().length;
	const range = doc.createRange();
	range.setStart(node, start); range.setEnd(node, start + 1);
	const first = range.getBoundingClientRect().left;
	range.setStart(node, end - 1); range.setEnd(node, end);
	return {text: text.trim(), first, last: range.getBoundingClientRect().left};
}
"""


def ends_of_value(page, fieldname: str) -> dict | None:
	control = f'.frappe-control[data-fieldname="{fieldname}"]'
	return page.evaluate(
		_ENDS_OF_TEXT, [[f"{control} .control-value", f"{control} .like-disabled-input"], False]
	)


def ends_of_printed(page, fieldname: str) -> dict | None:
	field = f'[data-fieldname="{fieldname}"]'
	return page.evaluate(_ENDS_OF_TEXT, [[f"{field} td", f"{field} .value", f"div{field}"], True])


def test_masked_national_id_and_mobile_read_left_to_right(browser, site_url, demo):
	with Walk(browser, site_url, demo, "Liaison Officer", DESKTOP) as walk:
		closed = walk.closed_complaints_with_a_mobile()
		walk.open("closed-complaint", f"/app/complaint/{closed[0]}", ".form-layout")
		for fieldname in ("national_id", "mobile"):
			shown = ends_of_value(walk.page, fieldname)
			assert shown["first"] < shown["last"], f"{fieldname} reads right to left: {shown}"


def test_a_printed_complaint_keeps_ids_numbers_dates_and_english_in_order(browser, site_url, demo):
	"""The desk's print of a complaint (its default format, Complaint Details): the masked national ID,
	the mobile, a date with its time and an English sentence read from their first character, left to
	right, on the Arabic page."""
	with Walk(browser, site_url, demo, "Liaison Officer", DESKTOP) as walk:
		closed = walk.closed_complaints_with_a_mobile()
		walk.page.goto(f"{site_url}/app/print/Complaint/{closed[0]}")
		walk.page.wait_for_function(
			"() => document.querySelector('.print-preview-wrapper iframe')"
			"?.contentDocument?.querySelector('[data-fieldname=\"national_id\"] td')",
			timeout=30_000,
		)
		walk.page.wait_for_timeout(500)
		walk.look("complaint-print-order")
		for fieldname in ("national_id", "mobile", "received_on"):
			shown = ends_of_printed(walk.page, fieldname)
			assert shown, f"{fieldname} is not printed"
			assert shown["first"] < shown["last"], f"{fieldname} prints right to left: {shown}"
		for fieldname in ("description", "response"):
			shown = ends_of_printed(walk.page, fieldname)
			if shown and shown["text"][:1].isascii() and shown["text"][:1].isalpha():
				assert shown["first"] < shown["last"], f"the English {fieldname} prints from its end: {shown}"


def test_the_pdf_of_a_complaint_keeps_ids_numbers_dates_and_english_in_order(browser, site_url, demo):
	"""The desk's PDF of a complaint (wkhtmltopdf, the default format), read back with pdftotext: the masked
	national ID and the mobile as stored, each date before its time, the labels on the page (Frappe's
	Standard format lost the labels of its right-hand column and reversed the ID)."""
	from complaints_mgmt.tests.pdf_layout import pdf_pages, pdf_text

	with Walk(browser, site_url, demo, "Liaison Officer", DESKTOP) as walk:
		closed = walk.closed_complaints_with_a_mobile()
		name = closed[0]
		values = walk.page.evaluate(
			"""(name) => frappe.xcall('frappe.client.get_value', {doctype: 'Complaint',
				filters: {name}, fieldname: ['national_id', 'mobile', 'received_on']})""",
			name,
		)
		# wkhtmltopdf asks the server that serves the PDF for its style sheets: a server that answers
		# more than one request at a time, as a deployment's does (the suite's answers one)
		with served(["serve", "--noreload"], "serve-pdf.log") as (_port, pdf_url):
			response = walk.page.request.get(
				f"{pdf_url}/api/method/frappe.utils.print_format.download_pdf",
				params={"doctype": "Complaint", "name": name},
				timeout=120_000,
			)
		assert response.ok and response.body()[:4] == b"%PDF", response.text()[:500]
		pdf = response.body()
		(OUTPUT / "complaint-details.pdf").write_bytes(pdf)
		words = [word.text for page in pdf_pages(pdf) for word in page.words]
		assert values["national_id"] in words, (values["national_id"], words)
		assert values["mobile"] in words, (values["mobile"], words)
		page = pdf_pages(pdf)[0]
		day, time = values["received_on"].split(" ")
		day = "-".join(reversed(day.split("-")))  # the site's dd-mm-yyyy
		shown_day = next(word for word in page.words if word.text == day)
		shown_time = next(
			word for word in page.words if word.text == time.split(".")[0] and abs(word.y0 - shown_day.y0) < 2
		)
		assert shown_day.x0 < shown_time.x0, "the date is printed after its time"
		# pdftotext gives Arabic in its presentation forms, between embedding marks
		text = unicodedata.normalize("NFKC", pdf_text(pdf)).replace("\u202b", "").replace("\u202c", "")
		assert "الرقم القومي" in text and "الهاتف المحمول" in text


def test_english_typed_in_a_text_area_reads_left_to_right(browser, site_url, demo):
	"""A reviewer's note (or any text area) written in English on the Arabic form: left to right, its full
	stop at its end, not at its start."""
	with Walk(browser, site_url, demo, "Quality Reviewer", DESKTOP) as walk:
		walk.page.goto(f"{site_url}/app")
		walk.page.wait_for_selector(".layout-main-section", timeout=30_000)
		_reports, (doctype, filters) = DESK_WALKS["Quality Reviewer"]
		work = walk.rows(doctype.title(), filters)
		assert work, "the reviewer has nothing to review"
		walk.page.goto(f"{site_url}/app/complaint/{work[0]}")
		area = walk.page.locator(".frappe-control[data-fieldname='review_note'] textarea")
		area.wait_for(timeout=30_000)
		area.fill("Say on which day the payment arrives.")
		assert area.evaluate("el => getComputedStyle(el).direction") == "ltr"
		area.fill("اذكر يوم وصول المبلغ.")
		assert area.evaluate("el => getComputedStyle(el).direction") == "rtl"


def test_the_timeline_names_the_system_account_in_arabic(browser, site_url, demo):
	"""What the demo's set-up did (as the Administrator: registered, routed, changed) is on the officer's
	complaint's timeline under the system's Arabic name, not the English "Administrator"."""
	with Walk(browser, site_url, demo, "Liaison Officer", PHONE) as walk:
		walk.page.goto(f"{site_url}/app")
		walk.page.wait_for_selector(".layout-main-section", timeout=30_000)
		newest = walk.page.evaluate(
			"""() => frappe.xcall('frappe.client.get_list', {doctype: 'Complaint', fields: ['name'],
				filters: {owner: 'Administrator'}, order_by: 'creation desc', limit_page_length: 1})
				.then((rows) => rows[0] && rows[0].name)"""
		)
		assert newest, "the officer has no complaint the demo's set-up registered"
		walk.page.goto(f"{site_url}/app/complaint/{newest}")
		walk.page.wait_for_selector(".new-timeline .timeline-item", timeout=30_000)
		settle(walk.page)
		walk.page.screenshot(path=str(OUTPUT / "walk-liaison-officer-timeline.png"), full_page=True)
		# the lines written in Arabic (another suite's complaint may carry lines stored in English, where
		# the English name is right)
		items = [
			item
			for item in walk.page.locator(".new-timeline .timeline-item").all_inner_texts()
			if re.search("أسند|ألغى|آخر من عدّل|أنشأ|أُحيلت|وُجّهت", item)
		]
		assert not [item for item in items if "Administrator" in item], items
		assert [item for item in items if "مدير النظام" in item], items


def test_tracking_numbers_in_an_arabic_dialog_keep_their_order(browser, site_url, demo):
	with Walk(browser, site_url, demo, "Liaison Officer", DESKTOP) as walk:
		walk.open("workspace-dialog", "/app", ".layout-main-section")
		walk.page.evaluate(
			"""() => frappe.msgprint(__("Complaint {0} was merged into {1}: use that one.",
				["2026-0000374-8", "2026-0000375-5"]))"""
		)
		walk.page.wait_for_selector(".modal.show .msgprint", timeout=10_000)
		walk.page.wait_for_timeout(300)
		walk.look("dialog-tracking-numbers")
		reversed_numbers = [problem for problem in walk.found if "reversed" in problem]
		assert not reversed_numbers, reversed_numbers
		assert "2026-0000374-8" in walk.page.inner_text(".modal.show .msgprint")


def test_report_export_dialog_in_arabic(browser, site_url, demo):
	"""Frappe's export dialog said "File Format" in English and offered Excel as the verb "تفوق"."""
	with Walk(browser, site_url, demo, "Complaints Manager", DESKTOP) as walk:
		walk.open("report", "/app/query-report/Complaints Analysis", ".report-wrapper")
		walk.page.evaluate("() => frappe.query_report.export_report()")
		dialog = walk.page.locator(".modal.show")
		dialog.wait_for(timeout=10_000)
		walk.look("export-dialog")
		text = dialog.inner_text()
		assert "تفوق" not in text
		assert "صيغة الملف" in text
		assert not walk.found, "\n".join(walk.found)


def test_date_picker_time_reads_hours_first(browser, site_url, demo):
	"""The date picker's time read "46:23:02" in Arabic: its hours, minutes and seconds stand left to right."""
	with Walk(browser, site_url, demo, "Call Center Agent", DESKTOP) as walk:
		walk.open("workspace-picker", "/app", ".layout-main-section .ce-block")
		walk.page.evaluate(
			"""() => frappe.prompt({fieldtype: 'Datetime', fieldname: 'when', label: __('Deadline'),
				default: '2026-12-07 23:46:02'}, () => {}) && null"""
		)
		walk.page.locator(".modal.show input[data-fieldname='when']").click()
		time = walk.page.locator(".datepicker.active .datepicker--time-current")
		time.wait_for(timeout=10_000)
		walk.page.screenshot(path=str(OUTPUT / "walk-date-picker.png"))
		left = {
			part: time.locator(f".datepicker--time-current-{part}").bounding_box()["x"]
			for part in ("hours", "minutes")
		}
		assert left["hours"] < left["minutes"], left


def test_daily_trend_chart_shows_whole_dates_and_legends(browser, site_url, demo):
	"""The workspace's daily trend cut its dates to "08.." and its legend to "المغلقة أو المر..."."""
	with Walk(browser, site_url, demo, "Complaints Manager", DESKTOP) as walk:
		walk.open("workspace-charts", "/app", ".layout-main-section .ce-block")
		title = walk.page.evaluate("() => __('Complaints Daily Trend')")
		walk.page.wait_for_selector(".widget.dashboard-widget-box svg text", timeout=30_000)
		assert walk.page.locator(".widget-title", has_text=title).count(), "no daily trend chart"
		assert cut_chart_labels(walk.page, title) == []


def test_workspace_charts_show_whole_names_and_every_slice_in_their_legends(browser, site_url, demo):
	"""The status donut's and channel pie's legends were one SVG row of items cut at 18 characters
	("أُحيلت إلى الجه...") with the rows past the first hidden; bar charts cut their names to "ا.."."""
	with Walk(browser, site_url, demo, "Complaints Manager", DESKTOP) as walk:
		walk.open("workspace-whole-chart-labels", "/app", ".layout-main-section .ce-block")
		walk.page.wait_for_selector(".widget.dashboard-widget-box svg text", timeout=30_000)
		walk.page.wait_for_timeout(2000)
		walk.look("workspace-whole-chart-labels")
		assert cut_chart_labels(walk.page) == []
		legends = walk.page.evaluate(
			"""() => [...document.querySelectorAll('.widget.dashboard-widget-box')]
				.filter((w) => w.querySelector('.pie-path, .donut-path, path[class*="path"]') && w.offsetParent)
				.map((w) => [w.querySelector('.widget-title').innerText,
					w.querySelectorAll('.chart-container svg path').length,
					[...w.querySelectorAll('.complaints-chart-legend li')].map((li) => li.innerText.trim())])"""
		)
		# the daily trend's last date fell on the one before ("06-12-202607-12-2026")
		overlapping = walk.page.evaluate(
			"""() => [...document.querySelectorAll('.widget.dashboard-widget-box svg .x.axis')].flatMap((axis) => {
				const boxes = [...axis.querySelectorAll('text')]
					.filter((t) => t.textContent.trim() && getComputedStyle(t).visibility !== 'hidden')
					.map((t) => [t.textContent, t.getBoundingClientRect()]);
				return boxes.slice(1).filter(([, box], i) => box.left < boxes[i][1].right
					&& box.right > boxes[i][1].left && Math.abs(box.top - boxes[i][1].top) < 4)
					.map(([text], i) => `${boxes[i][0]} / ${text}`);
			})"""
		)
		assert overlapping == [], overlapping
		for title in ("Open Complaints by Status", "Complaints by Channel"):
			shown = walk.page.evaluate(f"__({json.dumps(title)})")
			[(_title, slices, items)] = [legend for legend in legends if legend[0] == shown]
			assert slices and len(items) == slices, (title, slices, items)
			assert not any(item.endswith("...") for item in items), items
