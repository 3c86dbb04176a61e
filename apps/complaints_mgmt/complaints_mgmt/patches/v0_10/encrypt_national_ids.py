"""National IDs stored in clear before release 0.10: encrypt them and keep only the masked form (personal_data.py).

A million complaints exceed what Frappe lets one transaction write (TooManyWritesError at 200,000): each
batch is one UPDATE and its own commit, and a patch run again after an interruption goes on where it
stopped (masked IDs are skipped)."""

import frappe

from complaints_mgmt.security.personal_data import MASK, encrypted_national_id

BATCH = 1000


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
		_store(rows)
		frappe.db.commit()  # nosemgrep: one transaction per batch (see the module's docstring)
		last = rows[-1].name


def _store(rows) -> None:
	names, masked, encrypted = [], [], []
	for row in rows:
		stored = encrypted_national_id(row.national_id)
		names.append(row.name)
		masked += [row.name, stored["national_id"]]
		encrypted += [row.name, stored["national_id_encrypted"]]
	cases = " ".join(["when %s then %s"] * len(rows))
	placeholders = ", ".join(["%s"] * len(rows))
	frappe.db.sql(
		f"""update `tabComplaint`
		set `national_id` = case `name` {cases} end,
			`national_id_encrypted` = case `name` {cases} end
		where `name` in ({placeholders})""",
		(*masked, *encrypted, *names),
	)
