"""Scheduled jobs that a change of time zone put in the future.

A new site runs under Frappe's default time zone (Asia/Kolkata) until its setup names another: every
Scheduled Job Type installed before that carries a creation time that is hours ahead of the site's new
clock, and Frappe's scheduler counts a job's next run from its last run or, before the first, from its
creation. Left so, escalations, SMS retries and the central system's status updates sleep for hours on
a new site (and Kolkata to Cairo is three and a half of them). Each job whose last run or creation lies
in the future is counted from now instead.
"""

import frappe
from frappe.query_builder import DocType
from frappe.query_builder.functions import Coalesce
from frappe.utils import now_datetime


def realign_scheduled_jobs() -> int:
	"""Count from now every Scheduled Job Type whose last run or creation is later than now; how many."""
	now = now_datetime()
	job = DocType("Scheduled Job Type")
	ahead = Coalesce(job.last_execution, job.creation) > now
	names = frappe.qb.from_(job).select(job.name).where(ahead).run(pluck=True)
	if names:
		frappe.qb.update(job).set(job.last_execution, now).where(job.name.isin(names)).run()
	return len(names)


def realign_after_time_zone_change(doc, method=None) -> None:
	"""System Settings saved: the time zone may have moved the clock back under the jobs' feet."""
	realign_scheduled_jobs()
