"""The app's scheduled escalation job, in this process, as the scheduler runs it (every 10 minutes).

Generated complaints get their escalation times when they are written, so right after generation (or
after an earlier run) nothing may be due. The run first makes `due` open complaints due now (those
whose next escalation is the earliest): what one run finds when a day's deadlines of a national system
fall into one 10-minute window many times over. Then it runs the job twice: over that due set, and
again at once, when nothing is due (the cost of looking)."""

import time

import frappe
from bench_common import load_average


def run(method: str, due: int = 1000) -> dict:
	frappe.set_user("Administrator")
	made_due = _make_due(due)
	before = _escalated()
	escalations_before = frappe.db.count("Complaint Escalation")
	load_before = load_average()
	started = time.monotonic()
	frappe.get_attr(method)()
	frappe.db.commit()  # the scheduler commits after the job: part of the run
	seconds = time.monotonic() - started
	escalations = frappe.db.count("Complaint Escalation") - escalations_before
	started = time.monotonic()
	frappe.get_attr(method)()
	frappe.db.commit()
	idle_seconds = time.monotonic() - started
	return {
		"method": method,
		"due": made_due,
		"escalations_recorded": escalations,
		"idle_seconds": round(idle_seconds, 2),
		"seconds": round(seconds, 2),
		"escalated_before": before,
		"escalated_after": _escalated(),
		"open": _open(),
		"overdue": _overdue(),
		"load_before": load_before,
		"load_after": load_average(),
	}


def _make_due(count: int) -> int:
	"""The `count` open complaints with the earliest next escalation become due a minute ago."""
	complaint = frappe.qb.DocType("Complaint")
	names = (
		frappe.qb.from_(complaint)
		.select(complaint.name)
		.where(complaint.next_escalation_on.isnotnull())
		.orderby(complaint.next_escalation_on)
		.limit(count)
		.run(pluck=True)
	)
	if names:
		frappe.qb.update(complaint).set(
			complaint.next_escalation_on, frappe.utils.add_to_date(frappe.utils.now_datetime(), minutes=-1)
		).where(complaint.name.isin(names)).run()
		frappe.db.commit()
	return len(names)


def _escalated() -> int:
	return frappe.db.count("Complaint", {"escalation_level": (">", 0)})


def _open() -> int:
	from complaints_mgmt.lifecycle.states import FINAL_STATES

	return frappe.db.count("Complaint", {"status": ("not in", list(FINAL_STATES))})


def _overdue() -> int:
	from complaints_mgmt.lifecycle.states import FINAL_STATES

	return frappe.db.count(
		"Complaint",
		{"status": ("not in", list(FINAL_STATES)), "deadline": ("<", frappe.utils.now_datetime())},
	)
