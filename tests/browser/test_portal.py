"""The citizen portal in real headless Chromium, in Arabic: a guest files a complaint and tracks it,
staff take it through the workflow (as themselves, over REST), then the citizen sees the answer, rates
it and appeals; another citizen cannot open it by URL or REST. Screenshots go to
test-output/screenshots/."""

import json
import re
from datetime import datetime, timedelta

import pytest
import requests
from conftest import OUTPUT, bench_execute, login

SCREENSHOTS = OUTPUT / "screenshots"
NATIONAL_ID = "29001010112345"
MOBILE = "01012345678"
ANSWER = "تم صرف المعاش المتأخر يوم ٥ من الشهر الجاري."
TRACKING_NUMBER = re.compile(r"^\d{4}-\d{7}-\d$")
UNKNOWN_NUMBER = "2099-0000001-6"  # a valid tracking number (its check digit is right), never issued
# A phone-sized screen in an Arabic-speaking browser
PHONE = {
	"viewport": {"width": 390, "height": 844},
	"is_mobile": True,
	"has_touch": True,
	"locale": "ar-EG",
}
# A phone-sized screen in a browser that asks for English: the portal answers in Arabic all the same
PHONE_ENGLISH = {
	"viewport": {"width": 390, "height": 844},
	"is_mobile": True,
	"has_touch": True,
	"locale": "en-US",
	"extra_http_headers": {"Accept-Language": "en-US,en;q=0.9"},
}
# Latin words a person may read on an Arabic page: the language link, Frappe's name in its footer link
LATIN_ALLOWED = {"English", "Frappe"}
LATIN_WORD = re.compile(r"[A-Za-z]{3,}")
# Records what the page's Content-Security-Policy blocked, in window.__cspViolations
CSP_LISTENER = (
	"window.__cspViolations = [];"
	"document.addEventListener('securitypolicyviolation', (e) =>"
	" window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));"
)
# The smallest valid PNG (1x1 pixel): a photo attached to the complaint
PNG = bytes.fromhex(
	"89504e470d0a1a0a0000000d4948445200000001000000010806000000"
	"1f15c4890000000d49444154789c6360000000000500010d0a2db40000000049454e44ae426082"
)


@pytest.fixture(scope="module")
def portal():
	"""An organisation, a category, staff and two citizens, committed on the test site."""
	SCREENSHOTS.mkdir(parents=True, exist_ok=True)
	return bench_execute("complaints_mgmt.tests.utils.make_portal_fixtures")


@pytest.fixture(scope="module")
def phone(browser):
	context = browser.new_context(**PHONE)
	yield context.new_page()
	context.close()


def fill_the_complaint_form(page, place: dict, **extra) -> None:
	"""The citizen's form filled with a missed pension in `place` (a fixture's category, governorate and
	district), and any `extra` fields by their fieldname."""
	page.select_option("#complaint-category", place["category"])
	page.fill("#complaint-subject", "لم يصلني معاش تكافل وكرامة هذا الشهر")
	page.fill("#complaint-description", "لم يصل المعاش الشهري إلى حسابي منذ بداية الشهر.")
	page.select_option("#complaint-governorate", place["governorate"])
	page.select_option("#complaint-district", place["district"])
	page.fill("#complaint-complainant_name", "منى أحمد")
	page.fill("#complaint-national_id", NATIONAL_ID)
	page.fill("#complaint-mobile", MOBILE)
	for fieldname, value in extra.items():
		page.fill(f"#complaint-{fieldname}", value)


@pytest.fixture(scope="module")
def filed(browser, site_url, portal):
	"""A complaint filed by a guest through the web form, in Arabic, on a phone-sized screen."""
	context = browser.new_context(**PHONE)
	context.add_init_script(CSP_LISTENER)
	page = context.new_page()
	methods = []
	page.on("request", lambda request: methods.append(request.url.rpartition("/")[2]))
	page.goto(f"{site_url}/file-a-complaint/new")
	page.wait_for_selector(f"#complaint-category option[value='{portal['category']}']", state="attached")
	assert page.locator("html").get_attribute("dir") == "rtl"
	assert page.locator("html").get_attribute("lang") == "ar"
	assert page.title() == "تقديم شكوى"

	fill_the_complaint_form(page, portal)
	page.set_input_files(
		"#complaint-attachments",
		files=[{"name": "card.png", "mimeType": "image/png", "buffer": PNG}],
	)
	assert "card.png" in page.inner_text(".complaint-files")
	page.screenshot(path=str(SCREENSHOTS / "portal-form-ar.png"), full_page=True)

	page.click(".web-form-footer .submit-btn")
	page.wait_for_selector("#complaint-tracking-number", timeout=30_000)
	number = page.inner_text("#complaint-tracking-number").strip()
	receipt = page.get_attribute("#complaint-receipt", "href")
	page.screenshot(path=str(SCREENSHOTS / "portal-filed-ar.png"), full_page=True)
	violations = page.evaluate("window.__cspViolations")
	context.close()
	return {
		"name": number,
		"receipt": receipt,
		"methods": methods,
		"csp_violations": violations,
	}


@pytest.fixture(scope="module")
def processed(site_url, portal, filed):
	"""The liaison officer accepts, works and answers; the quality reviewer approves: closed."""
	officer = staff_session(site_url, portal["officer"], portal["password"])
	reviewer = staff_session(site_url, portal["reviewer"], portal["password"])
	deadline = (datetime.now() + timedelta(days=3)).strftime("%Y-%m-%d %H:%M:%S")
	name = filed["name"]
	workflow_action(officer, site_url, name, "Accept", deadline=deadline)
	workflow_action(officer, site_url, name, "Start Work")
	workflow_action(officer, site_url, name, "Respond", response=ANSWER)
	workflow_action(reviewer, site_url, name, "Start Review")
	assert workflow_action(reviewer, site_url, name, "Approve")["status"] == "Closed"
	return name


def staff_session(site_url: str, user: str, password: str) -> requests.Session:
	session = requests.Session()
	response = session.post(f"{site_url}/api/method/login", data={"usr": user, "pwd": password})
	assert response.ok, response.text
	return session


def workflow_action(session, site_url: str, name: str, action: str, **values) -> dict:
	"""What the desk does: save the fields the step needs, then take the workflow action."""
	url = f"{site_url}/api/resource/Complaint/{name}"
	if values:
		response = session.put(url, json=values)
		assert response.ok, response.text
	doc = session.get(url).json()["data"]
	response = session.post(
		f"{site_url}/api/method/frappe.model.workflow.apply_workflow",
		data={"doc": json.dumps(doc), "action": action},
	)
	assert response.ok, f"{action}: {response.text}"
	return response.json()["message"]


def latin_words(page, selector: str = "body", allowed=()) -> set[str]:
	"""English left on an Arabic page: Latin words of the visible text of `selector`, but for `allowed`."""
	text = " ".join(page.locator(selector).all_inner_texts())
	return set(LATIN_WORD.findall(text)) - LATIN_ALLOWED - set(allowed)


# Left-to-right runs on the page (tracking numbers, dates, masked numbers) whose characters are not
# drawn left to right, in order: a run the bidirectional algorithm reversed inside Arabic text
REVERSED_RUNS = """() => Array.from(document.querySelectorAll('.tracking-number, time, bdi, [dir="ltr"]'))
	.filter((el) => el.offsetParent !== null && el.textContent.trim())
	.filter((el) => {
		const xs = [];
		const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
		for (let node = walker.nextNode(); node; node = walker.nextNode()) {
			for (let i = 0; i < node.length; i++) {
				if (!/[0-9A-Za-z*+]/.test(node.data[i])) continue;
				const range = document.createRange();
				range.setStart(node, i);
				range.setEnd(node, i + 1);
				const box = range.getBoundingClientRect();
				if (box.width) xs.push([box.top, box.left]);
			}
		}
		return xs.some(([top, left], i) => i && top === xs[i - 1][0] && left < xs[i - 1][1]);
	})
	.map((el) => el.textContent.trim())"""


def latin_words_of(text: str, allowed=()) -> set[str]:
	return set(LATIN_WORD.findall(text)) - LATIN_ALLOWED - set(allowed)


def assert_arabic_page(page, selector: str = "body", allowed=()) -> None:
	assert page.locator("html").get_attribute("dir") == "rtl", page.url
	assert page.locator("html").get_attribute("lang") == "ar", page.url
	assert latin_words(page, selector, allowed) == set(), page.url


def test_guest_files_a_complaint_in_arabic_and_gets_a_tracking_number(site_url, filed):
	assert TRACKING_NUMBER.match(filed["name"]), filed["name"]
	receipt = requests.get(site_url + filed["receipt"])
	assert receipt.status_code == 200
	assert receipt.headers["Content-Type"] == "application/pdf"
	assert receipt.content.startswith(b"%PDF")


def test_the_page_solved_the_guest_challenge_under_the_content_security_policy(browser, site_url, filed):
	"""The form asked for a challenge before filing, and nothing on the portal's pages was blocked by
	their Content-Security-Policy (Frappe's own scripts included)."""
	challenge = "complaints_mgmt.api.portal.challenge"
	filing = "complaints_mgmt.api.portal.file_complaint"
	assert challenge in filed["methods"] and filing in filed["methods"]
	assert filed["methods"].index(challenge) < filed["methods"].index(filing)
	assert filed["csp_violations"] == []
	context = browser.new_context(**PHONE)
	context.add_init_script(CSP_LISTENER)
	page = context.new_page()
	for path in ("/track", "/statistics", "/file-a-complaint/new"):
		response = page.goto(f"{site_url}{path}")
		assert "default-src 'self'" in response.headers.get("content-security-policy", ""), path
		page.wait_for_load_state("networkidle")
		assert page.evaluate("window.__cspViolations") == [], path
	context.close()


def test_the_form_shows_errors_next_to_their_fields(page, site_url, portal):
	page.goto(f"{site_url}/file-a-complaint/new")
	page.wait_for_selector("#complaint-national_id")
	page.select_option("#complaint-category", portal["category"])
	page.fill("#complaint-subject", "موضوع")
	page.fill("#complaint-description", "وصف")
	page.select_option("#complaint-governorate", portal["governorate"])
	page.fill("#complaint-complainant_name", "منى أحمد")
	page.fill("#complaint-national_id", "123")
	page.fill("#complaint-mobile", MOBILE)
	page.click(".web-form-footer .submit-btn")
	error = page.locator("#complaint-national_id-error")
	error.wait_for(timeout=20_000)
	assert "الرقم القومي" in error.inner_text()  # the desk's message, in Arabic
	assert page.get_attribute("#complaint-national_id", "aria-invalid") == "true"
	assert "complaint-national_id-error" in page.get_attribute("#complaint-national_id", "aria-describedby")
	assert page.evaluate("document.activeElement.id") == "complaint-national_id"


def test_the_guest_form_takes_a_full_subject_shows_no_draft_badge_and_links_look_like_links(phone, site_url):
	phone.goto(f"{site_url}/file-a-complaint/new")
	phone.wait_for_selector("#complaint-attachments")
	subject = "ش" * 200  # the Complaint's subject holds 200 characters
	phone.fill("#complaint-subject", subject)
	assert len(phone.input_value("#complaint-subject")) == 200
	phone.fill("#complaint-complainant_name", "منى أحمد")
	assert not phone.locator(".web-form-header .indicator-pill").is_visible()  # "Not Saved"
	phone.set_input_files(
		"#complaint-attachments",
		files=[{"name": "card.png", "mimeType": "image/png", "buffer": PNG}],
	)
	assert "0.0" not in phone.inner_text(".complaint-files")  # a small photo's size, not "(0.0 MB)"
	assert "1 كيلوبايت" in phone.inner_text(".complaint-files")
	remove = phone.locator(".complaint-files button")
	style = remove.evaluate(
		"(el) => { const s = getComputedStyle(el); return [s.textDecorationLine, s.color, s.cursor]; }"
	)
	link = phone.evaluate(
		"getComputedStyle(document.querySelector('.portal-nav a:not([aria-current])')).color"
	)
	assert style == ["underline", link, "pointer"], style
	phone.screenshot(path=str(SCREENSHOTS / "portal-form-attachment-ar.png"), full_page=True)


def test_every_field_of_the_form_has_a_label_and_fits_a_phone(phone, site_url):
	phone.goto(f"{site_url}/file-a-complaint/new")
	phone.wait_for_selector("#complaint-attachments")
	unlabelled = phone.evaluate(
		"""() => Array.from(document.querySelectorAll('.web-form input, .web-form select, .web-form textarea'))
			.filter((el) => el.offsetParent !== null && el.type !== 'hidden')
			.filter((el) => !(el.labels && el.labels.length && el.labels[0].textContent.trim()))
			.map((el) => el.id || el.name)"""
	)
	assert unlabelled == []
	assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_english_is_one_link_away_and_stays_chosen(page, site_url):
	page.goto(f"{site_url}/track")
	assert page.locator("html").get_attribute("dir") == "rtl"  # Arabic first, for an English browser too
	page.click(".portal-language a[lang='en']")
	page.wait_for_selector("html[dir='ltr']")
	assert page.inner_text(".portal-page h1") == "Track a complaint"
	page.goto(f"{site_url}/file-a-complaint/new")
	page.wait_for_selector("#complaint-subject")
	assert page.locator("html").get_attribute("lang") == "en"
	assert "Subject" in page.inner_text(".web-form")


def test_guest_tracks_the_complaint_with_the_keyboard(phone, site_url, filed):
	phone.goto(f"{site_url}/track")
	phone.focus("#track-tracking-number")
	phone.keyboard.type(filed["name"])
	phone.keyboard.press("Tab")  # the first way to prove it: the national ID, already chosen
	phone.keyboard.press("Tab")
	assert phone.evaluate("document.activeElement.id") == "track-national-id"
	phone.keyboard.type(NATIONAL_ID)
	phone.keyboard.press("Enter")
	phone.wait_for_selector(".complaint-status")
	assert filed["name"] in phone.inner_text(".complaint-status")
	assert phone.locator(".status-history li").count() >= 1
	phone.screenshot(path=str(SCREENSHOTS / "portal-tracking-ar.png"), full_page=True)


def test_each_status_step_shows_its_time_whole_under_its_name_on_a_phone(phone, site_url, filed):
	"""A long state ("أُحيلت إلى الجهة المختصة") left no room for its time beside it: the time broke over two lines."""
	phone.goto(f"{site_url}/track")
	phone.fill("#track-tracking-number", filed["name"])
	phone.fill("#track-national-id", NATIONAL_ID)
	phone.press("#track-national-id", "Enter")
	phone.wait_for_selector(".status-history li")
	steps = phone.eval_on_selector_all(
		".status-history li",
		"""(items) => items.map((item) => {
			const name = item.querySelector('.history-state').getBoundingClientRect();
			const time = item.querySelector('time');
			const lines = new Set([...time.getClientRects()].map((rect) => Math.round(rect.top)));
			return {text: item.innerText, time_lines: lines.size, below: time.getBoundingClientRect().top >= name.bottom - 1,
				fits: time.getBoundingClientRect().left >= 0 && time.getBoundingClientRect().right <= window.innerWidth};
		})""",
	)
	assert steps
	for step in steps:
		assert step["time_lines"] == 1, step
		assert step["below"], step
		assert step["fits"], step


def test_a_wrong_national_id_reveals_nothing(page, site_url, filed):
	"""The same answer for a wrong ID on a real complaint and for a number never issued."""

	def track(number: str, national_id: str):
		page.fill("#track-tracking-number", number)
		page.fill("#track-national-id", national_id)
		with page.expect_response(lambda r: "portal.track" in r.url) as answer:
			page.click("#track-submit")
		page.wait_for_selector("#track-alert:not([hidden])")
		return answer.value.status, answer.value.json(), page.inner_text("#track-alert")

	page.goto(f"{site_url}/track")
	wrong_id = track(filed["name"], "29001010112399")
	never_issued = track(UNKNOWN_NUMBER, NATIONAL_ID)
	assert wrong_id == never_issued
	assert wrong_id[0] == 404
	assert page.locator(".complaint-status").count() == 0


def test_citizen_sees_the_answer_rates_it_and_appeals(page, site_url, portal, filed, processed):
	login(page, site_url, portal["citizens"][0], portal["password"], desk=False)
	page.goto(f"{site_url}/track?tracking_number={processed}")
	page.fill("#track-national-id", NATIONAL_ID)
	page.click("#track-submit")
	page.wait_for_selector(".complaint-answer")
	assert ANSWER in page.inner_text(".complaint-answer")
	page.click(".complaint-claim")  # add the complaint filed as a guest to this account
	page.wait_for_url(f"**/my-complaints/{processed}")

	page.check("input[name='stars'][value='4']")
	page.fill("#rate-comment", "رد واضح وسريع")
	page.click("form[data-done='rated'] button[type='submit']")
	page.wait_for_url("**done=rated")
	assert "4 من 5" in page.inner_text(".complaint-rating")

	page.fill("#appeal-grounds", "ما زال جزء من المعاش لم يُصرف.")
	page.click("form[data-done='appealed'] button[type='submit']")
	page.wait_for_url("**done=appealed")
	assert page.locator(".complaint-appeals li").count() == 1
	assert page.locator("#appeal-grounds").count() == 0  # one appeal at a time
	page.screenshot(path=str(SCREENSHOTS / "portal-my-complaint-ar.png"), full_page=True)

	page.goto(f"{site_url}/my-complaints")
	assert processed in page.inner_text(".complaint-list")


def test_another_citizen_cannot_open_the_complaint_by_url_or_rest(page, site_url, portal, processed):
	login(page, site_url, portal["citizens"][1], portal["password"], desk=False)
	response = page.goto(f"{site_url}/my-complaints/{processed}")
	assert response.status == 404
	assert processed not in page.inner_text("body")

	one = page.request.get(f"{site_url}/api/resource/Complaint/{processed}")
	assert one.status in (403, 404)
	listed = page.request.get(f'{site_url}/api/resource/Complaint?fields=["name"]&limit_page_length=0')
	assert listed.ok
	assert processed not in [row["name"] for row in listed.json()["data"]]
	receipt = page.request.get(
		f"{site_url}/api/method/complaints_mgmt.api.portal.receipt_pdf?name={processed}"
	)
	assert receipt.status == 403


def test_login_my_account_and_statistics_are_arabic_first_for_an_english_browser(browser, site_url, portal):
	"""A citizen whose phone asks for English follows "My complaints" to the login form, logs in and
	opens My Account and the statistics: every page is Arabic and right to left."""
	context = browser.new_context(**PHONE_ENGLISH)
	page = context.new_page()
	page.goto(f"{site_url}/track")
	page.click(".portal-nav a[href='/my-complaints']")
	page.wait_for_selector("#login_email")
	assert_arabic_page(page)
	assert page.title() == "تسجيل الدخول"
	assert "Frappe" not in page.inner_text(".for-login .page-card-head")
	assert "@example.com" not in (page.get_attribute("#login_email", "placeholder") or "").replace(
		"name@", ""
	)
	page.fill("#login_password", "a-long-password-that-fills-the-box")
	toggle = page.locator(".for-login .toggle-password").bounding_box()
	password = page.locator("#login_password").evaluate(
		"""(el) => { const r = el.getBoundingClientRect(), s = getComputedStyle(el);
			return {left: r.left + parseFloat(s.paddingLeft), right: r.right - parseFloat(s.paddingRight)}; }"""
	)
	assert toggle["x"] + toggle["width"] <= password["left"] or toggle["x"] >= password["right"], (
		toggle,
		password,
	)  # the Show toggle does not cover the typed password
	page.screenshot(path=str(SCREENSHOTS / "portal-login-ar-english-browser.png"), full_page=True)

	page.fill("#login_email", portal["citizens"][1])
	page.fill("#login_password", portal["password"])
	page.click(".for-login .btn-login")
	page.wait_for_url("**/my-complaints", timeout=30_000)
	assert_arabic_page(page)

	page.goto(f"{site_url}/me")
	own_name = set(LATIN_WORD.findall(page.inner_text(".my-account-name")))  # theirs, not the page's
	assert_arabic_page(page, allowed=own_name)
	menu = page.evaluate("document.querySelector('.navbar').textContent")  # "Log out" sits in a closed menu
	assert latin_words_of(menu, own_name) == set()
	page.screenshot(path=str(SCREENSHOTS / "portal-me-ar-english-browser.png"), full_page=True)
	context.close()

	guest = browser.new_context(**PHONE_ENGLISH)
	page = guest.new_page()
	page.goto(f"{site_url}/statistics")
	# the page's own texts (category and place names are records, translated with them)
	assert_arabic_page(
		page,
		".complaints-statistics > h1, .complaints-statistics > p, .statistics-figures, h2",
	)
	page.screenshot(
		path=str(SCREENSHOTS / "portal-statistics-ar-english-browser.png"),
		full_page=True,
	)
	guest.close()


def test_a_citizen_asked_for_information_sees_what_is_needed_and_replies(page, site_url, portal):
	citizen = portal["citizens"][1]
	name = bench_execute("complaints_mgmt.tests.utils.make_complaint_awaiting_reply", citizen=citizen)
	login(page, site_url, citizen, portal["password"], desk=False)
	page.goto(f"{site_url}/my-complaints/{name}")
	assert page.inner_text(".complaint-facts .status-pill") == "بانتظار ردك"
	assert "معلومات إضافية" in page.inner_text(".status-hint")
	assert "قيد المراجعة" not in page.inner_text(".complaint-status")
	# the officer's own question, not only that something is asked
	assert page.inner_text(".complaint-question").strip() == "ما رقم ملفك في الوحدة الاجتماعية؟"
	page.fill("#reply-message", "رقم ملفي في الوحدة 4411.")
	page.screenshot(path=str(SCREENSHOTS / "portal-reply-ar.png"), full_page=True)
	page.click("form[data-done='replied'] button[type='submit']")
	page.wait_for_url("**done=replied")
	assert page.locator("#reply-message").count() == 0
	assert page.inner_text(".complaint-facts .status-pill") != "بانتظار ردك"
	assert page.locator(".complaint-question").count() == 0
	page.screenshot(path=str(SCREENSHOTS / "portal-replied-ar.png"), full_page=True)
