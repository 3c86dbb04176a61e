"""Queueing the app's background jobs that a scheduled sweep backs up (SMS, status updates to the central
system, escalation notices, the notices of a new complaint).

Each job has an id, so a job already queued or running is not queued twice. Queueing never raises: with
Redis unreachable the error is logged and the caller goes on; the row the job would have handled stays
due, and the caller's scheduled sweep queues it again once Redis is back.
"""

import frappe


def enqueue_once(
	method: str,
	job_id: str,
	error_title: str,
	reference_doctype: str | None = None,
	reference_name: str | None = None,
	**kwargs,
) -> None:
	try:
		frappe.enqueue(method, queue="short", job_id=job_id, deduplicate=True, **kwargs)
	except Exception:
		frappe.log_error(title=error_title, reference_doctype=reference_doctype, reference_name=reference_name)
