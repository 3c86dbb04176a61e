"""The Complaints workspace, the six reports and the public statistics page, as an Arabic-speaking
directorate head and a guest see them, over the hand-counted set of complaints (tests/utils.py
make_report_fixtures, dated from now)."""

import pytest
from conftest import OUTPUT, login, site_data

HEAD_PASSWORD = "Test-Reports-1"

# Report name: its Arabic title (locale/ar.po)
REPORTS = {
	"Complaints Analysis": "تحليل الشكاوى",
	"SLA Compliance": "الالتزام بمستوى الخدمة",
	"Overdue Complaints": "الشكاوى المتأخرة",
	"Liaison Officer Performance": "أداء ضباط الاتصال",
	"Citizen Satisfaction": "رضا المواطنين",
	"Appeals Summary": "ملخص التظلمات",
}
CARDS = (
	"الشكاوى المفتوحة",
	"الشكاوى المتأخرة",
	"الواردة اليوم",
	"المغلقة هذا الشهر",
	"الالتزام بمستوى الخدمة",
	"متوسط أيام الإغلاق",
)
CHARTS = (
	"الاتجاه اليومي للشكاوى",
	"الشكاوى المفتوحة حسب الحالة",
	"الشكاوى المفتوحة حسب المحافظة",
	"الشكاوى المفتوحة حسب التصنيف",
	"الشكاوى حسب قناة الورود",
	"توزيع مدة المعالجة",
)


# Two organisations' complaints and appeals in the test site, and the head of the first one.
report_data = site_data("make_report_browser_data", HEAD_PASSWORD, scope="module")


@pytest.fixture
def head_page(page, site_url, report_data):
	login(page, site_url, report_data["head"], HEAD_PASSWORD)
	return page


def wait_for_report(page) -> None:
	"""Until the report's last run (the desk runs it again as filter defaults settle) has drawn its rows."""
	page.wait_for_function(
		"() => frappe.query_report && frappe.query_report.last_ajax"
		" && frappe.query_report.last_ajax.readyState === 4",
		timeout=30_000,
	)
	page.wait_for_selector(".dt-scrollable .dt-row", timeout=30_000)


def card_number(page, label: str) -> str:
	card = page.locator(".number-widget-box").filter(has_text=label)
	card.locator(".number").wait_for(timeout=30_000)
	return card.locator(".number").inner_text().strip()


def test_workspace_shows_the_heads_cards_and_charts_in_arabic(head_page, site_url):
	page = head_page
	page.goto(f"{site_url}/app/complaints")
	page.wait_for_selector(".number-widget-box .number", timeout=30_000)
	assert page.locator("html").get_attribute("dir") == "rtl"
	titles = page.locator(".number-widget-box").all_inner_texts()
	for label in CARDS:
		assert any(label in title for title in titles), f"{label} not among {titles}"
	# directorate A only: a3, a4 and a6 are open, a3 is past its deadline
	assert card_number(page, "الشكاوى المفتوحة") == "3"
	assert card_number(page, "الشكاوى المتأخرة") == "1"

	charts = page.locator(".dashboard-widget-box")
	for title in CHARTS:
		chart = charts.filter(has_text=title)
		chart.locator("svg").first.wait_for(timeout=30_000)  # drawn, with data
		assert chart.count() == 1, f"{title} shown {chart.count()} times"
	status_chart = charts.filter(has_text="الشكاوى المفتوحة حسب الحالة")
	page.wait_for_function(
		"el => el.textContent.includes('قيد المعالجة')", arg=status_chart.element_handle(), timeout=30_000
	)
	legend = status_chart.locator("svg text").evaluate_all("els => els.map(e => e.textContent)")
	assert "In Progress" not in legend
	page.wait_for_timeout(1500)  # the charts animate in
	page.screenshot(path=str(OUTPUT / "reports-workspace-ar.png"), full_page=True)


# What the desk asked for once the workspace page had come, each widget for itself: the sidebar, each card's
# and chart's record, the dashboard settings, every figure (api/workspace_page.py puts them in the page)
ASKED_BY_WIDGETS = (
	"frappe.desk.desktop.get_workspace_sidebar_items",
	"frappe.desk.form.load.getdoc",
	"frappe.desk.reportview.get_list",
	"frappe.desk.doctype.number_card.number_card.get_result",
	"complaints_mgmt.api.dashboard.",
	"frappe.desk.reportview.get_count",
)


def test_a_fresh_load_of_the_workspace_asks_for_its_page_alone(head_page, site_url):
	page = head_page
	asked = []
	page.on(
		"request",
		lambda request: (
			"/api/method/" in request.url and asked.append(request.url.split("/api/method/")[1].split("?")[0])
		),
	)
	page.goto(f"{site_url}/app/complaints")
	assert card_number(page, "الشكاوى المفتوحة") == "3"
	assert card_number(page, "الشكاوى المتأخرة") == "1"
	for title in CHARTS:
		page.locator(".dashboard-widget-box").filter(has_text=title).locator("svg").first.wait_for(
			timeout=30_000
		)
	page.wait_for_timeout(500)
	assert asked.count("frappe.desk.desktop.get_desktop_page") == 1, asked
	assert not [method for method in asked if method.startswith(ASKED_BY_WIDGETS)], asked

	# each card shows what its own method answers the head now (a card is known by its title, in Arabic)
	compared = page.evaluate(
		"""async () => {
			const shown = Object.fromEntries([...document.querySelectorAll('.number-widget-box')]
				.map((card) => [card.querySelector('.widget-title').innerText.trim(),
					card.querySelector('.number')?.innerText.trim()]));
			const compared = {};
			for (const doc of Object.values(locals["Number Card"])) {
				if (doc.type !== "Document Type") continue;
				const now = await frappe.xcall("frappe.desk.doctype.number_card.number_card.get_result",
					{ doc, filters: frappe.dashboard_utils.get_all_filters(doc) });
				compared[doc.name] = [shown[__(doc.label || doc.name)], String(now)];
			}
			return compared;
		}"""
	)
	assert set(compared) == {
		"Open Complaints",
		"Overdue Complaints",
		"Open Distress Appeals",
		"Received Today",
		"Closed This Month",
	}, compared
	assert all(shown == now for shown, now in compared.values()), compared


# From the moment the workspace makes its editor (Workspace.initialize_editorjs, once its page has come) to
# its first block drawn; Editor.js 2.26 alone waits 500 ms there for its loader, whatever the machine.
EDITOR_TO_FIRST_BLOCK = """() => new Promise((resolve) => {
	const workspace = frappe.views.Workspace.prototype;
	const initialize = workspace.initialize_editorjs;
	workspace.initialize_editorjs = function () {
		const made = performance.now();
		new MutationObserver((changes, observer) => {
			if (!document.querySelector('.layout-main-section .ce-block')) return;
			observer.disconnect();
			resolve(performance.now() - made);
		}).observe(document.body, { subtree: true, childList: true });
		return initialize.apply(this, arguments);
	};
})"""


def test_the_workspace_draws_its_blocks_once_its_editor_is_ready(head_page, site_url):
	page = head_page
	page.goto(f"{site_url}/app/complaints", wait_until="commit")
	# before the desk starts (DOMContentLoaded), after its scripts defined the workspace
	page.wait_for_function("() => window.frappe && frappe.views && frappe.views.Workspace", polling=5)
	waited = page.evaluate_handle(EDITOR_TO_FIRST_BLOCK)
	assert card_number(page, "الشكاوى المفتوحة") == "3"
	milliseconds = page.evaluate("(waited) => waited", waited)
	assert milliseconds < 450, f"the first block came {milliseconds:.0f} ms after the editor was made"


def test_the_workspace_does_not_wait_for_the_desks_other_requests(head_page, site_url):
	"""The desk's start asks for the notifications while the workspace is drawn: with that answer held
	back, the workspace still shows its figures (Frappe's workspace waited for every request in flight)."""
	page = head_page
	held = []
	page.route(NOTIFICATIONS, lambda route: held.append(route))
	page.goto(f"{site_url}/app/complaints", wait_until="commit")
	page.wait_for_function(
		"""() => [...document.querySelectorAll('.number-widget-box .number')]
			.some((number) => number.innerText.trim())""",
		timeout=30_000,
	)
	assert held, "the desk asked for its notifications"
	assert card_number(page, "الشكاوى المفتوحة") == "3"
	for route in held:
		route.continue_()


NOTIFICATIONS = "**/api/method/frappe.desk.doctype.notification_log.notification_log.get_notification_logs*"


@pytest.mark.parametrize("report", list(REPORTS))
def test_each_report_opens_with_the_heads_rows(head_page, site_url, report_data, report):
	page = head_page
	page.goto(f"{site_url}/app/query-report/{report}")
	wait_for_report(page)
	assert page.locator(".page-title .title-text").inner_text().strip() == REPORTS[report]
	assert page.locator("html").get_attribute("dir") == "rtl"
	# the shared filters are there, in Arabic (placeholders of the filter fields)
	placeholders = page.locator(".page-form input[placeholder]").evaluate_all(
		"els => els.map(e => e.placeholder)"
	)
	for label in ("من تاريخ", "إلى تاريخ", "المحافظة", "المديرية"):
		assert label in placeholders, f"{label} not among {placeholders}"
	rows = page.locator(".dt-scrollable .dt-row").all_inner_texts()
	text = " ".join(rows)
	if report == "Overdue Complaints":
		assert len(rows) == 1 and report_data["overdue"] in text
	elif report == "Complaints Analysis":
		assert len(rows) == 1 and report_data["governorate"] in text
	elif report == "Liaison Officer Performance":
		assert len(rows) == 3  # two officers and the complaint nobody holds yet
	else:
		assert len(rows) == 1 and report_data["directorate"] in text
	page.screenshot(path=str(OUTPUT / f"report-{report.lower().replace(' ', '-')}-ar.png"))


def test_statistics_page_in_arabic_shows_aggregates_only(browser, site_url, report_data):
	context = browser.new_context(locale="ar", viewport={"width": 1280, "height": 900})
	page = context.new_page()
	try:
		response = page.goto(f"{site_url}/statistics")
		assert response.status == 200
		body = page.locator(".complaints-statistics")
		assert body.get_attribute("dir") == "rtl"
		assert page.locator("h1").first.inner_text().strip() == "إحصاءات الشكاوى"
		assert page.locator(".statistics-figure").count() == 6
		assert report_data["governorate"] in body.inner_text()
		html = page.content()
		for name in report_data["complaints"]:
			assert name not in html
		for personal in ("Mona Ahmed", "29001010112345", "01012345678"):
			assert personal not in html
		page.screenshot(path=str(OUTPUT / "statistics-ar.png"), full_page=True)
	finally:
		context.close()
