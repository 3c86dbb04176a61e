"""The benchmark site's data, done in this process through Frappe: the organisation, the users' API keys,
the bare DocType beside Complaint, and the volume of complaints.

Everything here refuses to run on a site without `allow_tests` in its site config, so a production site
is never touched by mistake.
"""

import os
import time

import frappe

BARE_DOCTYPE = "Bench Bare Complaint"
BENCH_ROLE = "Call Center Agent"

# Users the benchmarks act as (demo users of complaints_mgmt.setup.demo_data)
AGENT = "agent@demo.complaints.local"
MANAGER = "manager@demo.complaints.local"
HEAD = "head.cairo@demo.complaints.local"
UNIT_OFFICER = "officer.nasrcity@demo.complaints.local"  # one social unit
DIRECTORATE_OFFICER = "officer.01@demo.complaints.local"  # Cairo's directorate and all its units
SYNC_USER = "bench.central@demo.complaints.local"  # made here: the central system's integration user


class NotABenchmarkSite(Exception):
	pass


def connect(site: str, sites_path: str) -> None:
	os.chdir(sites_path)  # as bench runs its commands: Frappe's logs are at ../logs
	frappe.init(site=site, sites_path=sites_path)
	frappe.connect()
	frappe.set_user("Administrator")
	if not frappe.conf.get("allow_tests"):
		frappe.destroy()
		raise NotABenchmarkSite(
			f"{site} has no allow_tests in its site config: the benchmark writes data and keys, use a "
			"site made for it (bench --site SITE set-config allow_tests 1 --parse)"
		)


def disconnect() -> None:
	frappe.db.commit()
	frappe.destroy()


def ensure_organisation() -> bool:
	"""The demo organisation and users (no complaints); True when it had to be loaded."""
	if frappe.db.count("Social Unit") and frappe.db.exists("User", AGENT):
		return False
	from complaints_mgmt.setup.demo import load_demo

	load_demo(complaints=0)
	frappe.db.commit()
	return True


def enable_escalation() -> bool:
	"""Escalation switched on (the field's default, which a site created before it existed lacks); True
	when it was off."""
	settings = frappe.get_single("Complaints Settings")
	if not settings.meta.has_field("escalation_enabled") or settings.escalation_enabled:
		return False
	settings.escalation_enabled = 1
	settings.escalation_batch_size = settings.escalation_batch_size or 500
	settings.save(ignore_permissions=True)
	frappe.db.commit()
	return True


OUTGOING_EMAIL_ACCOUNT = "Benchmark Outgoing"


def ensure_outgoing_email_account() -> bool:
	"""A default outgoing email account, as a real site has, so that notifications queue their emails
	instead of failing (and logging an error) for want of one. Its server is never contacted: the run
	does not send the email queue. True when it was made now."""
	if frappe.db.exists("Email Account", {"default_outgoing": 1, "enable_outgoing": 1}):
		return False
	frappe.get_doc(
		{
			"doctype": "Email Account",
			"email_account_name": OUTGOING_EMAIL_ACCOUNT,
			"email_id": "benchmark@example.invalid",
			"enable_outgoing": 1,
			"default_outgoing": 1,
			"smtp_server": "smtp.example.invalid",
			"awaiting_password": 1,
		}
	).insert(ignore_permissions=True)
	frappe.db.commit()
	return True


def ensure_sync_user() -> str:
	"""The central system's integration user (not among the demo users)."""
	if not frappe.db.exists("User", SYNC_USER):
		from complaints_mgmt.setup.site import allow_many_users

		allow_many_users()  # the demo loader made many users this hour
		frappe.get_doc(
			{
				"doctype": "User",
				"email": SYNC_USER,
				"first_name": "Central System",
				"user_type": "System User",
				"send_welcome_email": 0,
				"roles": [{"role": "Central System Integration"}],
			}
		).insert(ignore_permissions=True)
		frappe.db.commit()
	return SYNC_USER


def api_tokens(users: list[str]) -> dict[str, str]:
	"""A fresh API secret for each user ("key:secret" for the Authorization header). Secrets are kept in
	memory only and replaced on the next run."""
	tokens = {}
	for email in users:
		user = frappe.get_doc("User", email)
		user.api_key = user.api_key or frappe.generate_hash(length=15)
		secret = frappe.generate_hash(length=15)
		user.api_secret = secret
		user.flags.ignore_permissions = True
		user.save(ignore_permissions=True)
		tokens[email] = f"{user.api_key}:{secret}"
	frappe.db.commit()
	return tokens


def ensure_bare_doctype() -> str:
	"""A custom DocType with Complaint's fields and nothing else: no controller, no hooks, no workflow, no
	permission hooks. Rebuilt when Complaint's fields changed."""
	complaint = frappe.get_meta("Complaint")
	fields = [_copy_field(df) for df in complaint.fields]
	wanted = [f["fieldname"] for f in fields]
	if frappe.db.exists("DocType", BARE_DOCTYPE):
		existing = [df.fieldname for df in frappe.get_meta(BARE_DOCTYPE).fields]
		if existing == wanted:
			return BARE_DOCTYPE
		frappe.delete_doc("DocType", BARE_DOCTYPE, force=True, ignore_permissions=True)
		frappe.db.commit()
	frappe.get_doc(
		{
			"doctype": "DocType",
			"name": BARE_DOCTYPE,
			"module": "Custom",
			"custom": 1,
			"autoname": "hash",
			"track_changes": complaint.track_changes,
			"sort_field": "creation",
			"sort_order": "DESC",
			"fields": fields,
			"permissions": [
				{"role": "System Manager", "read": 1, "write": 1, "create": 1, "delete": 1},
				{"role": BENCH_ROLE, "read": 1, "write": 1, "create": 1},
			],
		}
	).insert(ignore_permissions=True)
	frappe.db.commit()
	return BARE_DOCTYPE


def _copy_field(df) -> dict:
	keep = ("fieldname", "label", "fieldtype", "options", "reqd", "default", "length", "unique")
	values = {key: df.get(key) for key in keep if df.get(key) not in (None, "")}
	if df.fieldtype == "Dynamic Link" or df.fieldtype == "Link":
		values["options"] = df.options
	return values


def complaint_count() -> int:
	frappe.db.commit()  # a fresh snapshot
	return frappe.db.count("Complaint")


def open_count() -> int:
	from complaints_mgmt.lifecycle.states import FINAL_STATES

	return frappe.db.count("Complaint", {"status": ("not in", list(FINAL_STATES))})


def reset_complaints() -> None:
	"""Remove every complaint and what hangs off them (benchmark sites only)."""
	for table in ("tabComplaint", f"tab{BARE_DOCTYPE}"):
		if frappe.db.table_exists(table[3:]):
			frappe.db.sql_ddl(f"truncate `{table}`")
	# A million complaints have a million ToDos: deleting them leaves InnoDB purging in the background for
	# minutes, during the near-empty intake that follows. When they are all the table holds, truncate it.
	if not frappe.db.sql(
		"select 1 from `tabToDo` where coalesce(reference_type, '') not in (%s, %s) limit 1",
		("Complaint", BARE_DOCTYPE),
	):
		frappe.db.sql_ddl("truncate `tabToDo`")
	for doctype, field in (
		("ToDo", "reference_type"),
		("Version", "ref_doctype"),
		("Comment", "reference_doctype"),
		("Notification Log", "document_type"),
	):
		frappe.db.delete(doctype, {field: ("in", ["Complaint", BARE_DOCTYPE])})
	for doctype in ("Outbound Status Update", "Appeal"):
		if frappe.db.table_exists(doctype):
			frappe.db.delete(doctype)
	frappe.db.commit()


def generate_volume(target: int, progress=None) -> dict | None:
	"""Add complaints with the app's bulk generator until there are `target`; its figures, or None when
	there were enough already."""
	from complaints_mgmt.setup.volume import generate_complaints

	missing = target - complaint_count()
	if missing <= 0:
		return None
	started = time.monotonic()
	stats = generate_complaints(missing, progress=progress)
	stats["wall_seconds"] = time.monotonic() - started
	frappe.db.commit()
	return stats


def sample_tracking_pairs(count: int) -> list[tuple[str, str]]:
	"""(tracking number, national ID) of `count` complaints spread over the table, for guest look-ups."""
	total = complaint_count()
	from frappe.utils.password import decrypt

	# the column holds the masked ID; the clear one is only in national_id_encrypted (security/personal_data.py)
	names = frappe.db.sql(
		"""select name, national_id_encrypted from `tabComplaint`
		where national_id_encrypted is not null and national_id_encrypted != '' and is_anonymous = 0
		and mod(crc32(name), %s) = 0 limit %s""",
		(max(1, total // (count * 2)), count),
	)
	return [(name, decrypt(encrypted)) for name, encrypted in names]


def escalation_entry_point() -> str | None:
	"""The scheduled job of the app that escalates complaints, when the app has one."""
	events = frappe.get_hooks("scheduler_events") or {}
	methods = []
	for key, value in events.items():
		if key == "cron":
			for cron_methods in value.values():
				methods += cron_methods
		else:
			methods += value
	for method in methods:
		if method.startswith("complaints_mgmt.") and "escalat" in method:
			return method
	return None
