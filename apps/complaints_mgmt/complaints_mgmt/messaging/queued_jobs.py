"""Queueing the app's background jobs that a scheduled sweep backs up (SMS, status updates to the central
system, escalation notices, the notices of a new complaint).

Each job has an id, so a job already queued or running is not queued twice. Queueing never raises: with
Redis unreachable the error is logged and the caller goes on; the row the job would have handled stays
due, and the caller's scheduled sweep queues it again once Redis is back.

Work that comes with every complaint is drained rather than queued per row: `request_drain` makes sure
one job per site is queued or running, and that job (`drain`) works through everything pending. A
forking worker (`bench worker`) starts a process for each job, which cost about a second of CPU per
complaint when each complaint had its own job. A request that comes while the job runs leaves a mark
the job reads before it stops, so it looks once more instead of stopping with work left.
"""

from collections.abc import Callable

import frappe

AGAIN_SECONDS = 3600  # a mark nobody reads is gone after this
# A drain works through a backlog (a gateway back after an outage): far longer than the short queue's
# five minutes. Killed anyway, it loses nothing: each row is committed on its own, and the sweeps ask
# again for what is left.
DRAIN_TIMEOUT_SECONDS = 3600


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


def once_after_commit(callback: Callable[[], None]) -> None:
	"""Run `callback` when the transaction commits, once however many rows ask for it."""
	if callback not in frappe.db.after_commit._functions:
		frappe.db.after_commit.add(callback)


def request_drain(method: str, job_id: str, error_title: str) -> None:
	"""After a commit: make sure a `method` job is queued, or, if one is running, that it looks again."""
	try:
		frappe.cache.set_value(_again_key(job_id), 1, expires_in_sec=AGAIN_SECONDS)
		_forget_if_orphaned(job_id)
	except Exception:
		pass  # Redis unreachable: queueing below fails too, and is logged
	enqueue_once(method, job_id, error_title, timeout=DRAIN_TIMEOUT_SECONDS)


def _forget_if_orphaned(job_id: str) -> None:
	"""A job marked queued that is on no queue (its queue was emptied by hand, Redis lost the list)
	would never run, and its id would keep every later request out: forget it."""
	from frappe.utils.background_jobs import get_job

	job = get_job(job_id)
	if job and job.get_status() == "queued" and job.get_position() is None:
		job.delete()


def drain_rows(
	job_id: str,
	waiting: Callable[[int, set[str]], list[str]],
	handle: Callable[[str], object],
	batch_size: int,
	error_title: str,
	doctype: str,
) -> int:
	"""In the job: `handle` each row `waiting(limit, leave_out)` lists, each committed on its own,
	until none is left (see `drain`). A row is handled once per run: one still listed after it was
	handled (a query that does not see the row's new state) cannot keep the job going round. Returns
	how many rows it handled or tried."""
	failed: set[str] = set()
	handled: set[str] = set()

	def batch() -> int:
		frappe.db.commit()  # nosemgrep: the job owns its transaction; a fresh snapshot of what waits
		names = [name for name in waiting(batch_size, failed) if name not in handled]
		handled.update(names)
		return handle_each(names, handle, failed, error_title, doctype, commit=True)

	return drain(job_id, batch)


def handle_each(
	names: list[str],
	handle: Callable[[str], object],
	leave_out: set[str],
	error_title: str,
	doctype: str,
	commit: bool = False,
) -> int:
	"""`handle` each row in a savepoint. A row that fails is rolled back, logged and added to
	`leave_out`, so the job goes on with the others and the next job tries it again."""
	from complaints_mgmt.intake.submission import savepoint

	for name in names:
		try:
			with savepoint():
				handle(name)
		except Exception:
			leave_out.add(name)
			frappe.log_error(title=error_title, reference_doctype=doctype, reference_name=name)
		else:
			if commit:
				frappe.db.commit()  # nosemgrep: each row on its own
	return len(names)


def drain(job_id: str, batch: Callable[[], int]) -> int:
	"""In the job: run `batch` (which commits its work and returns how much it did) until it finds
	nothing, and again while requests came in meanwhile. Returns how much was done."""
	done = 0
	while True:
		frappe.cache.delete_value(_again_key(job_id))
		while count := batch():
			done += count
		if not frappe.cache.get_value(_again_key(job_id), expires=True):
			return done


def _again_key(job_id: str) -> str:
	return f"complaints_mgmt:drain-again:{job_id}"
