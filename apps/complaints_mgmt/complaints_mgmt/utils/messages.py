"""The messages Frappe queues for the user (`frappe.msgprint`, `frappe.throw`) in frappe.local.message_log.

A call whose failure the app handles itself (an email that cannot be sent, a look-up that finds nothing,
a rolled-back savepoint) would still leave its message behind, and the response would show it to a user
whose action succeeded. These blocks take back what was queued inside them.
"""

from collections.abc import Iterator
from contextlib import contextmanager

import frappe


@contextmanager
def withdrawn_on_error() -> Iterator[None]:
	"""Run a block; when it raises, remove the messages it queued, then re-raise."""
	queued_before = len(frappe.local.message_log)
	try:
		yield
	except Exception:
		del frappe.local.message_log[queued_before:]
		raise


@contextmanager
def withdrawn() -> Iterator[None]:
	"""Run a block and remove the messages it queued, whether it raises or not."""
	queued_before = len(frappe.local.message_log)
	try:
		yield
	finally:
		del frappe.local.message_log[queued_before:]
