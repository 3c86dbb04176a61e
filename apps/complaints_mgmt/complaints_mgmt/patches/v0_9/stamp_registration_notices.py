"""Complaints registered before the registration notices moved to a job (registration_notices.py) had
theirs sent during the insert: stamp the recent ones, which the job's sweep would otherwise send again.
Older ones are beyond the sweep's look-back."""

import frappe
from frappe.utils import add_to_date, now_datetime

from complaints_mgmt.messaging.registration_notices import LOOK_BACK_DAYS, STAMP


def execute():
	complaint = frappe.qb.DocType("Complaint")
	(
		frappe.qb.update(complaint)
		.set(complaint[STAMP], complaint.creation)
		.where(complaint[STAMP].isnull() & (complaint.creation >= add_to_date(now_datetime(), days=-LOOK_BACK_DAYS - 1)))
	).run()
