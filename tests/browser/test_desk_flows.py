"""The staff's desk flows as each role walks them in Arabic: what the officer is left on after
a transfer, the actions they are offered, what the agent's new-complaint form shows."""

import json

from conftest import OUTPUT, bench_execute, login, site_data

PASSWORD = "Desk-Flow-Check-1"


# A fresh organisation and a complaint routed to its officer (committed by `bench execute`).
flow = site_data("make_desk_flow_data", PASSWORD)


def fill(page, fieldname: str, value: str) -> None:
	page.locator(f".frappe-control[data-fieldname='{fieldname}'] :is(input, textarea)").first.fill(value)


def open_complaint(page, site_url: str, name: str) -> None:
	page.goto(f"{site_url}/app/complaint/{name}")
	page.wait_for_function(
		f"() => window.cur_frm && cur_frm.doc.name === {json.dumps(name)}",
		timeout=30_000,
	)
	page.wait_for_timeout(1000)  # the form's refresh: workflow actions, dashboard


def save(page) -> None:
	page.keyboard.press("Control+s")
	page.wait_for_function("() => !cur_frm.is_dirty()", timeout=30_000)
	page.wait_for_timeout(800)


def offered_actions(page) -> list[str]:
	page.locator(".page-actions .actions-btn-group > button").click()
	return page.locator(".page-actions .actions-btn-group .dropdown-menu a").all_inner_texts()


def take_action(page, action: str) -> None:
	label = page.evaluate(f"__({json.dumps(action)})")
	page.keyboard.press("Escape")  # a menu left open
	page.wait_for_timeout(300)
	page.locator(".page-actions .actions-btn-group > button").click()
	page.locator(".page-actions .actions-btn-group .dropdown-menu a", has_text=label).first.click()


def dialogs_shown(page) -> list[str]:
	return page.locator(".modal.show .modal-body").all_inner_texts()


def test_an_officer_who_transfers_a_complaint_is_told_where_it_went(page, site_url, flow):
	login(page, site_url, flow["officer"], PASSWORD)
	open_complaint(page, site_url, flow["complaint"])
	fill(
		page,
		"transfer_reason",
		"Outside this unit: the complainant lives in another district.",
	)
	save(page)
	take_action(page, "Transfer")
	page.wait_for_url("**/app/complaint", timeout=30_000)
	page.wait_for_timeout(1500)  # anything the form would still do after the action
	page.screenshot(path=str(OUTPUT / "desk-transfer-officer.png"))
	assert dialogs_shown(page) == []
	alert = page.locator("#alert-container").inner_text()
	assert flow["complaint"] in alert
	# the tracking number keeps its order inside the Arabic sentence
	assert page.locator("#alert-container [dir='ltr']").first.inner_text() == flow["complaint"]
	assert page.evaluate("__('central triage')") in alert or "فرز" in alert, alert
	state = bench_execute("frappe.db.get_value", doctype="Complaint", filters=flow["complaint"], fieldname="status")
	assert state == "Transferred"


overdue = site_data("make_overdue_browser_data", PASSWORD)


def test_the_overdue_card_its_list_and_the_report_show_the_same_late_complaints(page, site_url, overdue):
	login(page, site_url, overdue["head"], PASSWORD)
	page.goto(f"{site_url}/app/complaints")
	card = page.locator(".number-widget-box").filter(has_text="الشكاوى المتأخرة")
	card.locator(".number").wait_for(timeout=30_000)
	page.wait_for_timeout(1000)
	assert card.locator(".number").inner_text().strip() == "2"
	card.locator(".widget-body").click()
	page.wait_for_url("**/app/complaint?**", timeout=30_000)
	page.wait_for_function(
		"() => window.cur_list && cur_list.data && !cur_list.list_view_settings_loading",
		timeout=30_000,
	)
	page.wait_for_timeout(2000)
	listed = page.evaluate("cur_list.data.map((row) => row.name)")
	page.screenshot(path=str(OUTPUT / "desk-overdue-card-list.png"))
	assert sorted(listed) == sorted(overdue["late"])

	page.goto(f"{site_url}/app/query-report/Overdue Complaints")
	page.wait_for_function(
		"() => frappe.query_report && frappe.query_report.last_ajax"
		" && frappe.query_report.last_ajax.readyState === 4",
		timeout=30_000,
	)
	page.wait_for_selector(".dt-scrollable .dt-row", timeout=30_000)
	page.wait_for_timeout(1000)
	text = page.locator(".dt-scrollable").inner_text()
	page.screenshot(path=str(OUTPUT / "desk-overdue-report.png"))
	assert all(name in text for name in overdue["late"]), text
	assert overdue["not_due"] not in text


def test_the_officer_may_reject_a_complaint_outside_the_units_jurisdiction(page, site_url, flow):
	login(page, site_url, flow["officer"], PASSWORD)
	open_complaint(page, site_url, flow["complaint"])
	offered = offered_actions(page)
	assert page.evaluate("__('Reject')") in offered, offered
	page.keyboard.press("Escape")
	take_action(page, "Reject")  # without a reason: refused, in Arabic, nothing saved
	page.wait_for_selector(".modal.show .modal-body", timeout=30_000)
	message = " ".join(dialogs_shown(page))
	assert page.evaluate("__('Rejection Reason')") in message, message
	page.screenshot(path=str(OUTPUT / "desk-reject-needs-reason.png"))
	page.locator(".modal.show .btn-modal-close").first.click()
	page.wait_for_timeout(800)
	fill(
		page,
		"rejection_reason",
		"Not a social-solidarity matter: a health insurance claim.",
	)
	save(page)
	take_action(page, "Reject")
	page.wait_for_function("() => cur_frm.doc.status === 'Rejected'", timeout=30_000)
	page.screenshot(path=str(OUTPUT / "desk-rejected.png"))


def test_the_officers_list_shows_deadline_sla_and_priority_and_marks_the_late(page, site_url, flow):
	login(page, site_url, flow["officer"], PASSWORD)
	page.set_viewport_size({"width": 1366, "height": 900})
	page.goto(f"{site_url}/app/complaint")
	page.wait_for_selector(".list-row-container", timeout=30_000)
	page.wait_for_timeout(1500)
	page.screenshot(path=str(OUTPUT / "desk-officer-list.png"))
	headers = page.locator(".list-row-head").inner_text()
	for label in ("Deadline", "SLA", "Priority"):
		assert page.evaluate(f"__({json.dumps(label)})") in headers, headers
	late = page.locator(f".list-row-container:has([href$='/{flow['late']}'])")
	fresh = page.locator(f".list-row-container:has([href$='/{flow['complaint']}'])")
	assert late.count() == 1 and fresh.count() == 1
	breached = page.evaluate("__('Breached')")
	assert late.locator(".indicator-pill.red", has_text=breached).count() == 1
	assert late.locator(".complaint-overdue").count() == 1  # the deadline, in red
	assert fresh.locator(".indicator-pill.red", has_text=breached).count() == 0
	assert fresh.locator(".complaint-overdue").count() == 0
	# every state reads whole at 1366 pixels: "أُحيلت إلى الجهة المختصة" was cut to "أُحيلت إلى ..."
	cut = page.evaluate(
		"""() => [...document.querySelectorAll('.list-row-container .indicator-pill[data-filter^="status,"]')]
			.filter((pill) => pill.offsetParent)
			.filter((pill) => [pill, ...pill.querySelectorAll('*')].some(
				(node) => node.scrollWidth > node.clientWidth + 1 || node.scrollHeight > node.clientHeight + 1)
				|| pill.getBoundingClientRect().left < pill.parentElement.getBoundingClientRect().left - 1)
			.map((pill) => pill.innerText.trim())"""
	)
	assert cut == [], cut
	routed = page.evaluate("__('Routed')")
	assert fresh.locator('.indicator-pill[data-filter^="status,"]:visible').inner_text().strip() == routed
	# every column's name reads whole: "مستوى الخدمة" and "الموعد النهائي" were cut to "مستوى الخ..."
	cut_headers = page.evaluate(
		"""() => [...document.querySelectorAll('.list-row-head .list-row-col')]
			.filter((col) => col.offsetParent && col.innerText.trim())
			.filter((col) => [col, ...col.querySelectorAll('*')].some(
				(node) => node.scrollWidth > node.clientWidth + 1 || node.scrollHeight > node.clientHeight + 1))
			.map((col) => col.innerText.trim())"""
	)
	assert cut_headers == [], cut_headers
	# the late complaint's deadline reads whole ("8-10-2026" lost its first digit)
	deadline = late.locator(".list-row-col:has(.complaint-overdue)")
	assert deadline.evaluate("(cell) => cell.scrollWidth <= cell.clientWidth + 1"), deadline.inner_text()
	# a subject typed in English shows its beginning, cut at its end ("k flow check: late" for "Desk flow check: late")
	subject = late.locator(".list-subject a.ellipsis").first
	assert subject.evaluate("(a) => getComputedStyle(a).direction") == "ltr"
	# so does a category named in English ("…ry ViRfcB" for "Category ViRfcB")
	category = late.locator(".list-row-col:has([data-filter^='category,'])")
	assert category.evaluate("(cell) => getComputedStyle(cell).direction") == "ltr"


def link(page, fieldname: str, value: str) -> None:
	fill(page, fieldname, value)
	page.wait_for_timeout(800)
	page.keyboard.press("Escape")
	page.locator(f".frappe-control[data-fieldname='{fieldname}'] input").first.blur()
	page.wait_for_timeout(500)


def test_the_agents_new_complaint_asks_only_for_intake_and_saves_without_a_false_alarm(page, site_url, flow):
	login(page, site_url, flow["agent"], PASSWORD)
	page.goto(f"{site_url}/app/complaint/new")
	page.wait_for_selector(".frappe-control[data-fieldname='subject'] input", timeout=30_000)
	page.wait_for_timeout(1000)
	assert page.evaluate("cur_frm.doc.channel") == "Hotline"
	for fieldname in (
		"response",
		"review_outcome",
		"review_note",
		"rejection_reason",
		"liaison_officer",
		"deadline",
	):
		assert not page.locator(
			f".frappe-control[data-fieldname='{fieldname}']"
		).first.is_visible(), fieldname
	page.screenshot(path=str(OUTPUT / "desk-agent-new-complaint.png"), full_page=True)
	link(page, "category", flow["category"])
	fill(page, "subject", "Browser check: intake only")
	fill(page, "description", "My Takaful payment for this month did not arrive.")
	fill(page, "complainant_name", "Mona Ahmed")
	fill(page, "national_id", "29001010112345")
	fill(page, "mobile", "01012345678")
	link(page, "governorate", flow["governorate"])
	fill(page, "district", flow["district"])
	page.keyboard.press("Control+s")
	page.wait_for_function(
		"() => window.cur_frm && !cur_frm.is_new() && !cur_frm.is_dirty()",
		timeout=30_000,
	)
	page.wait_for_timeout(2000)
	alerts = page.locator("#alert-container").inner_text()
	assert page.evaluate("__('This form is not editable due to a Workflow.')") not in alerts, alerts
	assert page.evaluate("cur_frm.doc.status") == "Routed"
	page.screenshot(path=str(OUTPUT / "desk-agent-saved.png"), full_page=True)


def test_the_duplicate_banner_says_its_line_once(page, site_url, flow):
	# the two complaints of the flow have the same national ID and category
	login(page, site_url, flow["officer"], PASSWORD)
	open_complaint(page, site_url, flow["complaint"])
	page.wait_for_selector(".form-message:not(.hidden)", timeout=30_000)
	page.evaluate("cur_frm.refresh(); cur_frm.refresh();")  # as a save and its reload do
	page.wait_for_timeout(3000)
	lines = page.locator(".form-message > div:not(.close-message)").all_inner_texts()
	page.screenshot(path=str(OUTPUT / "desk-duplicate-banner.png"))
	assert len(lines) == 1, lines
	assert flow["late"] in lines[0]


def test_the_officer_writes_what_the_citizen_is_asked_for_when_requesting_information(page, site_url, flow):
	login(page, site_url, flow["officer"], PASSWORD)
	open_complaint(page, site_url, flow["in_progress"])
	take_action(page, "Request Information")
	dialog = page.locator(".modal.show").filter(has=page.locator("[data-fieldname='information_request']"))
	dialog.wait_for(timeout=30_000)
	page.screenshot(path=str(OUTPUT / "desk-request-information.png"))
	question = "أرسل صورة إيصال آخر صرف لمعاش تكافل وكرامة."
	dialog.locator("[data-fieldname='information_request'] textarea").fill(question)
	dialog.locator(".btn-primary").click()
	page.wait_for_function("() => cur_frm.doc.status === 'Awaiting Citizen'", timeout=30_000)
	page.wait_for_timeout(1000)
	assert dialogs_shown(page) == []
	stored = bench_execute(
		"frappe.db.get_value", doctype="Complaint", filters=flow["in_progress"], fieldname="information_request"
	)
	assert stored == question, stored
	page.screenshot(path=str(OUTPUT / "desk-information-requested.png"))


def test_an_agents_save_refused_for_a_wrong_national_id_then_corrected_saves_clean(page, site_url, flow):
	"""After a refused save and a corrected one, the form read "Not Saved" and showed
	the full national ID."""
	login(page, site_url, flow["agent"], PASSWORD)
	page.goto(f"{site_url}/app/complaint/new")
	page.wait_for_selector(".frappe-control[data-fieldname='subject'] input", timeout=30_000)
	page.wait_for_timeout(1000)
	link(page, "category", flow["category"])
	fill(page, "subject", "Browser check: a national ID corrected")
	fill(page, "description", "My Takaful payment for this month did not arrive.")
	fill(page, "complainant_name", "Mona Ahmed")
	fill(page, "national_id", "19001010112345")  # no such century
	fill(page, "mobile", "01012345678")
	link(page, "governorate", flow["governorate"])
	fill(page, "district", flow["district"])
	page.keyboard.press("Control+s")
	page.wait_for_selector(".modal.show .modal-body", timeout=30_000)
	page.screenshot(path=str(OUTPUT / "desk-agent-wrong-national-id.png"))
	assert page.evaluate("cur_frm.is_new()")
	page.locator(".modal.show .btn-modal-close").first.click()
	page.wait_for_timeout(800)
	fill(page, "national_id", "29001010112345")
	page.locator(".frappe-control[data-fieldname='national_id'] input").first.blur()
	page.wait_for_timeout(500)
	page.keyboard.press("Control+s")
	page.wait_for_function("() => window.cur_frm && !cur_frm.is_new()", timeout=30_000)
	page.wait_for_timeout(2500)
	page.screenshot(path=str(OUTPUT / "desk-agent-corrected-national-id.png"))
	assert dialogs_shown(page) == []
	assert not page.evaluate("cur_frm.is_dirty()")
	assert not page.locator(".indicator-pill:visible", has_text=page.evaluate("__('Not Saved')")).count()
	shown = page.evaluate("cur_frm.doc.national_id")
	assert "29001010112345" not in shown and "*" in shown, shown
	field = page.locator(".frappe-control[data-fieldname='national_id']").first.inner_text()
	assert "29001010112345" not in field, field


def test_relative_times_read_as_arabic_counts_them(page, site_url, flow):
	"""Frappe's Arabic read "قبل 3 أسبوع /أسابيع" and "1 قبل أسبوع"; the lists' short forms were ambiguous."""
	login(page, site_url, flow["officer"], PASSWORD)
	open_complaint(page, site_url, flow["complaint"])
	shown = page.evaluate(
		"""() => Object.fromEntries([[1, 0], [2, 0], [5, 0], [15, 0], [0, 3], [0, 11], [0, 21], [0, 16],
			[0, 100], [0, 400], [0, 800]].map(([minutes, days]) => {
			const at = moment(frappe.datetime.system_datetime()).subtract(days, 'days')
				.subtract(minutes, 'minutes').format('YYYY-MM-DD HH:mm:ss');
			return [`${minutes}m ${days}d`, [frappe.datetime.prettyDate(at), frappe.datetime.prettyDate(at, true)]];
		}))"""
	)
	assert shown == {
		"1m 0d": ["قبل دقيقة", "دقيقة"],
		"2m 0d": ["قبل دقيقتين", "دقيقتان"],
		"5m 0d": ["قبل 5 دقائق", "5 دقائق"],
		"15m 0d": ["قبل 15 دقيقة", "15 دقيقة"],
		"0m 3d": ["قبل 3 أيام", "3 أيام"],
		"0m 11d": ["قبل أسبوع", "أسبوع"],
		"0m 21d": ["قبل 3 أسابيع", "3 أسابيع"],
		"0m 16d": ["قبل أسبوعين", "أسبوعان"],
		"0m 100d": ["قبل 3 أشهر", "3 أشهر"],
		"0m 400d": ["قبل سنة", "سنة"],
		"0m 800d": ["قبل سنتين", "سنتان"],
	}, shown
	# the timeline draws its times through comment_when
	timeline = page.locator(".timeline-content .frappe-timestamp").first.inner_text()
	assert "/" not in timeline and timeline.strip(), timeline
