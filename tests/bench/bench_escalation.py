"""One run of the app's scheduled escalation job, in this process, as the scheduler would run it."""

import time

import frappe
from bench_common import load_average


def run(method: str) -> dict:
	before = _escalated()
	load_before = load_average()
	frappe.set_user("Administrator")
	started = time.monotonic()
	frappe.get_attr(method)()
	frappe.db.commit()  # the scheduler commits after the job: part of the run
	seconds = time.monotonic() - started
	return {
		"method": method,
		"seconds": round(seconds, 2),
		"escalated_before": before,
		"escalated_after": _escalated(),
		"open": _open(),
		"overdue": _overdue(),
		"load_before": load_before,
		"load_after": load_average(),
	}


def _escalated() -> int:
	return frappe.db.count("Complaint", {"escalation_level": (">", 0)})


def _open() -> int:
	from complaints_mgmt.states import FINAL_STATES

	return frappe.db.count("Complaint", {"status": ("not in", list(FINAL_STATES))})


def _overdue() -> int:
	from complaints_mgmt.states import FINAL_STATES

	return frappe.db.count(
		"Complaint",
		{"status": ("not in", list(FINAL_STATES)), "deadline": ("<", frappe.utils.now_datetime())},
	)
