"""The background jobs that follow the load, run in this process as a worker runs them (including their
commits): the notices of the complaints the intake registered, and of the escalations the escalation
run recorded. One job per site works through every row waiting (queued_jobs.drain), so what counts is
the time and CPU per row; a forking worker adds one process start per job, not per row."""

import time

import frappe
from bench_common import load_average
from complaints_mgmt.messaging import registration_notices
from complaints_mgmt.service_levels import escalation
from frappe.utils import now_datetime

COUNT_UP_TO = 1_000_000
JOBS = (
	# (what, the job, the rows waiting for it: the job's own query)
	(
		"notices of new complaints",
		"complaints_mgmt.messaging.registration_notices.send_pending",
		lambda: len(registration_notices.unstamped(COUNT_UP_TO)),
	),
	(
		"notices of escalations",
		"complaints_mgmt.service_levels.escalation.notify_waiting",
		lambda: len(escalation.unnotified(now_datetime(), COUNT_UP_TO)),
	),
)


def run() -> list[dict]:
	frappe.set_user("Administrator")
	rows = []
	for what, method, waiting in JOBS:
		before = waiting()
		started, cpu = time.monotonic(), time.process_time()
		done = frappe.get_attr(method)() if before else 0
		frappe.db.commit()
		seconds, cpu_seconds = time.monotonic() - started, time.process_time() - cpu
		rows.append(
			{
				"job": what,
				"method": method,
				"waiting": before,
				"done": done,
				"left": waiting(),
				"seconds": round(seconds, 2),
				"cpu_seconds": round(cpu_seconds, 2),
				"load_after": load_average(),
			}
		)
	return rows
