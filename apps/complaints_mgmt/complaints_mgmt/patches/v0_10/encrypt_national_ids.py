"""National IDs stored in clear before issue 10: encrypt them and keep only the masked form (personal_data.py)."""

import frappe

from complaints_mgmt.personal_data import MASK, encrypted_national_id

BATCH = 2000


def execute():
	complaint = frappe.qb.DocType("Complaint")
	last = ""
	while True:
		rows = (
			frappe.qb.from_(complaint)
			.select(complaint.name, complaint.national_id)
			.where(complaint.name > last)
			.where(complaint.national_id.notnull() & (complaint.national_id != ""))
			.where(complaint.national_id.not_like(f"%{MASK}%"))
			.orderby(complaint.name)
			.limit(BATCH)
			.run(as_dict=True)
		)
		if not rows:
			break
		for row in rows:
			frappe.db.set_value(
				"Complaint", row.name, encrypted_national_id(row.national_id), update_modified=False
			)
		last = rows[-1].name
