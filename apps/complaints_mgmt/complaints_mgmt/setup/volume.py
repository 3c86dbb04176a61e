"""Synthetic complaints in bulk, for load tests and benchmarks (a million in minutes).

Rows go in with multi-row INSERTs and no document hooks, so they carry the routing, assignment, deadline
and escalation values that intake, the SLA and the escalation job would have set, drawn from the site's
real organisation (load the demo first). Tracking numbers come from the same yearly sequences as live
intake: a block of numbers is reserved per batch, so generated and live complaints never collide.

Open complaints are left as a running system leaves them: past-deadline ones already escalated, with
their next level ahead, and a small share (`due_share`) whose next escalation is due now, the work one
run of the scheduled escalation job finds. Each complaint with an officer has its ToDo, as assignment
leaves it: open (and in the complaint's `_assign`) while the complaint is open, cancelled once it ended.
"""

import json
import random
import time
from datetime import datetime, timedelta

import frappe
from frappe.utils import now_datetime

from complaints_mgmt.intake.national_id import national_id_hash
from complaints_mgmt.intake.tracking import ensure_tracking_sequences, format_tracking_number, sequence_name
from complaints_mgmt.lifecycle import states
from complaints_mgmt.security.personal_data import encrypted_national_id
from complaints_mgmt.setup.demo import demo_national_id
from complaints_mgmt.setup.demo_data import CHANNELS, SUBJECTS, TYPES

OPEN_STATES = [
	states.ROUTED,
	states.ACCEPTED,
	states.IN_PROGRESS,
	states.AWAITING_CITIZEN,
	states.RESPONDED,
	states.UNDER_REVIEW,
]
# Open complaints were received within this many days.
OPEN_DAYS = 60
# States whose clock is the unit's acceptance deadline (sla.ACCEPTANCE_STATES)
NOT_ACCEPTED = (states.ROUTED,)
# What a generated row holds; fields the site's Complaint does not have (yet) are left out.
FIELDS = (
	"name", "creation", "modified", "owner", "modified_by", "docstatus", "idx",
	"complaint_type", "channel", "category", "priority", "status", "received_on", "escalation_level",
	"subject", "description", "complainant_name", "national_id", "national_id_hash",
	"national_id_encrypted", "mobile",
	"governorate", "district", "routing_level", "unit_doctype", "unit", "directorate", "social_unit",
	"liaison_officer", "accept_by", "accepted_on", "deadline", "resolve_by", "responded_on", "closed_on",
	"sla_status", "next_escalation_on", "language", "is_anonymous", "is_confidential", "reopen_count",
	"satisfaction_rating", "sla_paused_hours", "registration_notified_on", "_assign",
)  # fmt: skip
# What a generated complaint's ToDo holds (assignment._insert_todo)
TODO_FIELDS = (
	"name", "creation", "modified", "owner", "modified_by", "docstatus", "idx", "status", "priority",
	"date", "allocated_to", "description", "reference_type", "reference_name", "assigned_by",
)  # fmt: skip


def generate_complaints(
	count: int,
	open_share: float = 0.1,
	batch_size: int = 5000,
	seed: int = 1,
	progress=None,
	due_share: float = 0.001,
) -> dict:
	rng = random.Random(seed)
	units = _units()
	if not units:
		frappe.throw("Load the organisation first: bench --site SITE complaints-load-demo")
	categories = frappe.get_all("Complaint Category", filters={"is_group": 0}, pluck="name")
	columns = tuple(field for field in FIELDS if field in set(frappe.db.get_table_columns("Complaint")))
	now = now_datetime()
	years = [now.year - 1, now.year]
	ensure_tracking_sequences(years)
	todo_columns = tuple(field for field in TODO_FIELDS if field in set(frappe.db.get_table_columns("ToDo")))
	started = time.monotonic()

	def load() -> int:
		inserted = 0
		while inserted < count:
			size = min(batch_size, count - inserted)
			year = rng.choice(years)
			first = _reserve(year, size)
			values, todos = [], []
			for i in range(size):
				row = _row(
					rng, format_tracking_number(year, first + i), year, now, units, categories, open_share
				)
				if row["next_escalation_on"] and rng.random() < due_share:
					row["next_escalation_on"] = now - timedelta(minutes=rng.randrange(1, 60))  # due now
				todo = _todo(rng, row) if row["liaison_officer"] else None
				row["_assign"] = json.dumps(
					[todo["allocated_to"]] if todo and todo["status"] == "Open" else []
				)
				values.extend(row[column] for column in columns)
				if todo:
					todos.extend(todo[column] for column in todo_columns)
			frappe.db.sql(_insert_statement("Complaint", columns, size), values)
			if todos:
				frappe.db.sql(_insert_statement("ToDo", todo_columns, len(todos) // len(todo_columns)), todos)
			frappe.db.commit()  # a bulk loader commits per batch: memory stays flat
			inserted += size
			if progress:
				progress(f"{inserted}/{count} complaints ({time.monotonic() - started:.0f} s)")
		return inserted

	# Loading more than the tables hold: drop their secondary indexes and build each once at the end, from
	# sorted data, instead of updating seventeen of them at random places for every row (the load turns
	# I/O-bound past a few hundred thousand rows). For tables nothing else uses meanwhile: a load-test site.
	bulk = count >= 100_000 and count > frappe.db.count("Complaint")
	indexes = {table: _drop_secondary_indexes(table) for table in ("Complaint", "ToDo")} if bulk else {}
	try:
		inserted = load()
	finally:
		for table, dropped in indexes.items():
			_add_indexes(table, dropped)
	seconds = time.monotonic() - started
	return {"inserted": inserted, "seconds": seconds, "per_second": inserted / seconds if seconds else 0}


def _drop_secondary_indexes(doctype: str) -> list[tuple[str, list[str]]]:
	"""The non-unique indexes of the DocType's table, dropped; [(name, [column or column(prefix)])]."""
	indexes: dict[str, list[str]] = {}
	for row in frappe.db.sql(f"show index from `tab{doctype}`", as_dict=True):
		if row.Non_unique and row.Key_name != "PRIMARY":
			part = f"`{row.Column_name}`" + (f"({row.Sub_part})" if row.Sub_part else "")
			indexes.setdefault(row.Key_name, []).append(part)
	if indexes:
		frappe.db.sql_ddl(
			f"alter table `tab{doctype}` " + ", ".join(f"drop index `{name}`" for name in indexes)
		)
	return list(indexes.items())


def _add_indexes(doctype: str, indexes: list[tuple[str, list[str]]]) -> None:
	if indexes:
		frappe.db.sql_ddl(
			f"alter table `tab{doctype}` "
			+ ", ".join(f"add index `{name}` ({', '.join(parts)})" for name, parts in indexes)
		)


def _insert_statement(doctype: str, columns: tuple[str, ...], rows: int) -> str:
	"""One INSERT of `rows` rows, values as parameters (a few milliseconds for a batch of thousands)."""
	row = "(" + ", ".join(["%s"] * len(columns)) + ")"
	names = ", ".join(f"`{column}`" for column in columns)
	return f"insert into `tab{doctype}` ({names}) values " + ", ".join([row] * rows)


def _units() -> list[dict]:
	unit = frappe.qb.DocType("Social Unit")
	officer_unit = frappe.qb.DocType("Liaison Officer Unit")
	served = frappe.qb.DocType("Social Unit Place")
	return (
		frappe.qb.from_(unit)
		.left_join(officer_unit)
		.on((officer_unit.unit == unit.name) & (officer_unit.unit_doctype == "Social Unit"))
		.left_join(served)
		.on((served.parent == unit.name) & (served.parenttype == "Social Unit") & (served.idx == 1))
		.select(
			unit.name, unit.directorate, unit.governorate, served.district, officer_unit.parent.as_("officer")
		)
		.where(unit.is_active == 1)
		.run(as_dict=True)
	)


def _reserve(year: int, size: int) -> int:
	"""Reserve `size` consecutive numbers of the year's sequence; returns the first."""
	seq = sequence_name(year)
	first = frappe.db.sql(f"select nextval(`{seq}`)")[0][0]
	frappe.db.sql(f"select setval(`{seq}`, %s)", first + size - 1)
	return int(first)


def _row(rng, name, year, now, units, categories, open_share) -> dict:
	unit = rng.choice(units)
	is_open = rng.random() < open_share
	start = datetime(year, 1, 1)
	end = min(now, datetime(year, 12, 31, 23, 59))
	if is_open:  # what is still open came in recently (in its year): the older ones were answered
		start = max(start, end - timedelta(days=OPEN_DAYS))
	received = start + timedelta(seconds=rng.randrange(int((end - start).total_seconds()) or 1))
	status = (
		rng.choice(OPEN_STATES) if is_open else (states.REJECTED if rng.random() < 0.05 else states.CLOSED)
	)
	accept_by = received + timedelta(hours=24)
	accepted = (
		received + timedelta(hours=rng.randrange(1, 48))
		if status not in (states.REJECTED, *NOT_ACCEPTED)
		else None
	)
	deadline = accepted + timedelta(days=rng.randrange(7, 30)) if accepted else None
	if is_open and rng.random() < 0.3:  # a share of open complaints is late
		late = now - timedelta(hours=rng.randrange(1, 400))
		if accepted:
			deadline = late
		else:
			accept_by = late
	closed = None
	responded = None
	sla = "On Track"
	escalation_level = 0
	next_escalation = None
	if status == states.CLOSED:
		responded = accepted + timedelta(days=rng.randrange(1, 40))
		closed = responded + timedelta(days=rng.randrange(0, 3))
		sla = "Met" if closed <= deadline else "Breached"
	elif status == states.REJECTED:
		closed = received + timedelta(days=rng.randrange(1, 10))
	elif status != states.AWAITING_CITIZEN:  # the clock stops while the citizen is asked
		due = deadline or accept_by
		if due < now:  # escalated already, the next level ahead (or none after the last)
			escalation_level = rng.choice((1, 2))
			sla = "Breached"
			next_escalation = now + timedelta(hours=rng.randrange(1, 72)) if escalation_level == 1 else None
		else:
			next_escalation = max(due - timedelta(hours=4), now + timedelta(minutes=10))
	national_id = demo_national_id(rng, "01")
	subject, description = rng.choice(SUBJECTS)
	return {
		"name": name, "creation": received, "modified": received, "owner": "Administrator",
		"modified_by": "Administrator", "docstatus": 0, "idx": 0,
		"complaint_type": rng.choice(TYPES), "channel": rng.choice(CHANNELS), "category": rng.choice(categories),
		"priority": "Medium", "status": status, "received_on": received, "escalation_level": escalation_level,
		"subject": subject, "description": description, "complainant_name": "Generated Complainant",
		**encrypted_national_id(national_id), "national_id_hash": national_id_hash(national_id),
		"mobile": f"+201{rng.choice('0125')}{rng.randrange(10**7, 10**8)}",
		"governorate": unit.governorate, "district": unit.district, "routing_level": "Social Unit",
		"unit_doctype": "Social Unit", "unit": unit.name, "directorate": unit.directorate,
		"social_unit": unit.name, "liaison_officer": unit.officer, "accept_by": accept_by,
		"accepted_on": accepted, "deadline": deadline, "resolve_by": deadline, "responded_on": responded,
		"closed_on": closed, "sla_status": sla, "next_escalation_on": next_escalation, "language": "ar",
		"is_anonymous": 0, "is_confidential": 0, "reopen_count": 0,
		"satisfaction_rating": rng.choice([0, 0.2, 0.4, 0.6, 0.8, 1.0]) if closed and accepted else 0,
		"sla_paused_hours": 0,
		"registration_notified_on": received,  # generated: nobody to tell (messaging/registration_notices.py)
	}  # fmt: skip


def _todo(rng, complaint: dict) -> dict:
	"""The complaint's assignment to its officer (whose Liaison Officer record is named by its user), in
	the complaint's `_assign` while open."""
	made = complaint["received_on"]
	ended = complaint["closed_on"]
	return {
		"name": f"{rng.getrandbits(56):014x}", "creation": made, "modified": ended or made,
		"owner": "Administrator", "modified_by": "Administrator", "docstatus": 0, "idx": 0,
		"status": "Cancelled" if ended else "Open", "priority": "Medium", "date": made.date(),
		"allocated_to": complaint["liaison_officer"], "description": complaint["subject"],
		"reference_type": "Complaint", "reference_name": complaint["name"], "assigned_by": "Administrator",
	}  # fmt: skip
