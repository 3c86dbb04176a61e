"""The desk answers, lets staff in, and speaks Arabic to Arabic-language users."""

import pytest

from conftest import ADMIN_PASSWORD, BENCH_ROOT, OUTPUT, bench, login


def test_login_page_answers(page, site_url):
	response = page.goto(f"{site_url}/login")
	assert response.status == 200
	assert page.locator("#login_email").is_visible()


def test_wrong_password_is_refused(page, site_url):
	page.goto(f"{site_url}/login")
	page.fill("#login_email", "Administrator")
	page.fill("#login_password", "not-the-password")
	page.click(".btn-login")
	page.wait_for_timeout(1500)
	assert "/app" not in page.url


def test_administrator_opens_the_complaint_list(page, site_url):
	login(page, site_url, "Administrator", ADMIN_PASSWORD)
	page.goto(f"{site_url}/app/complaint")
	# the desk keeps earlier pages' (empty, hidden) titles in the DOM: wait for the list's own title
	title = page.locator(".page-title:visible .title-text")
	title.first.wait_for(timeout=30_000)
	page.wait_for_function(
		"() => [...document.querySelectorAll('.page-title .title-text')].some("
		"(e) => e.offsetParent && e.innerText.includes('Complaint'))",
		timeout=30_000,
	)
	assert "Complaint" in title.first.inner_text()


@pytest.fixture
def arabic_user():
	email = "arabic.manager@test.complaints.local"
	bench(
		"execute",
		"complaints_mgmt.tests.utils.make_desk_user",
		"--kwargs",
		f'{{"email": "{email}", "roles": ["Complaints Manager"], "language": "ar", "password": "Test-Arabic-1"}}',
	)
	return email, "Test-Arabic-1"


def test_desk_shows_complaint_doctypes_in_arabic(page, site_url, arabic_user):
	email, password = arabic_user
	login(page, site_url, email, password)
	page.goto(f"{site_url}/app/complaint/new")
	page.wait_for_selector("[data-fieldname='subject']", timeout=30_000)
	assert page.locator("html").get_attribute("dir") == "rtl"
	labels = page.locator(".form-layout .control-label").all_inner_texts()
	# Field labels of the Complaint DocType, translated through the app's ar.po
	for arabic in ("الموضوع", "التصنيف", "قناة الورود", "المحافظة"):
		assert arabic in labels, f"{arabic} not among {labels[:20]}"
	page.screenshot(path=str(OUTPUT / "desk-complaint-form-ar.png"), full_page=True)


APP_DOCTYPES = (
	*("Complaint", "Appeal", "Complaint Category", "Routing Rule"),
	# the places and the units complaints are routed to
	*("Region", "Governorate", "Directorate", "Social Unit", "Liaison Officer", "Complaints Sector"),
)


def arabic_of(msgid: str) -> str:
	from babel.messages.pofile import read_po

	po = BENCH_ROOT / "apps" / "complaints_mgmt" / "complaints_mgmt" / "locale" / "ar.po"
	with open(po, "rb") as f:
		catalog = read_po(f)
	message = catalog.get(msgid)
	assert message and message.string, f"ar.po has no Arabic for {msgid}"
	return message.string


@pytest.fixture
def arabic_administrator():
	email = "arabic.admin@test.complaints.local"
	bench(
		"execute",
		"complaints_mgmt.tests.utils.make_desk_user",
		"--kwargs",
		f'{{"email": "{email}", "roles": ["Complaints Administrator"], "language": "ar", "password": "Test-Arabic-2"}}',
	)
	return email, "Test-Arabic-2"


def test_every_doctype_of_the_app_is_listed_under_its_arabic_name(page, site_url, arabic_administrator):
	login(page, site_url, *arabic_administrator)
	for doctype in APP_DOCTYPES:
		page.goto(f"{site_url}/app/{doctype.lower().replace(' ', '-')}")
		title = page.locator(".page-title .title-text").first
		title.wait_for(timeout=30_000)
		expected = arabic_of(doctype)
		page.wait_for_function(
			"(expected) => [...document.querySelectorAll('.page-title .title-text')]"
			".some((el) => el.innerText.includes(expected))",
			arg=expected,
			timeout=15_000,
		)
		assert page.locator("html").get_attribute("dir") == "rtl"


def test_regions_read_in_arabic_in_their_list_and_on_a_governorate(page, site_url, arabic_administrator):
	"""Regions are records with Arabic names (places/data/regions.csv), shown through their translations."""
	login(page, site_url, *arabic_administrator)
	page.goto(f"{site_url}/app/region")
	page.wait_for_function(
		"() => [...document.querySelectorAll('.list-row-container')].some((row) => row.innerText.includes('الدلتا'))",
		timeout=30_000,
	)
	rows = " ".join(page.locator(".list-row-container").all_inner_texts())
	assert "القاهرة الكبرى" in rows and "شمال الصعيد" in rows, rows
	assert "Greater Cairo" not in rows and "Delta" not in rows, rows
	page.screenshot(path=str(OUTPUT / "desk-regions-ar.png"), full_page=True)

	page.goto(f"{site_url}/app/governorate/Luxor")
	region = page.locator('.frappe-control[data-fieldname="region"]:visible input')
	region.wait_for(timeout=30_000)
	page.wait_for_function(
		"() => [...document.querySelectorAll('.frappe-control[data-fieldname=\"region\"] input')]"
		".some((input) => input.value === 'جنوب الصعيد')",
		timeout=15_000,
	)
	page.screenshot(path=str(OUTPUT / "desk-governorate-region-ar.png"), full_page=True)
