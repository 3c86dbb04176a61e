"""Synthetic complaints in bulk, for load tests and benchmarks (a million in minutes).

Rows go in with multi-row INSERTs and no document hooks, so they carry the routing, assignment and
deadline values that intake would have set, drawn from the site's real organisation (load the demo
first). Tracking numbers come from the same yearly sequences as live intake: a block of numbers is
reserved per batch, so generated and live complaints never collide.
"""

import random
import time
from datetime import datetime, timedelta

import frappe
from frappe.utils import now_datetime

from complaints_mgmt import states
from complaints_mgmt.national_id import national_id_hash
from complaints_mgmt.setup.demo import demo_national_id
from complaints_mgmt.setup.demo_data import CHANNELS, SUBJECTS, TYPES
from complaints_mgmt.tracking import ensure_tracking_sequences, format_tracking_number, sequence_name

OPEN_STATES = [
	states.ROUTED,
	states.ACCEPTED,
	states.IN_PROGRESS,
	states.AWAITING_CITIZEN,
	states.RESPONDED,
	states.UNDER_REVIEW,
]

FIELDS = [
	"name", "creation", "modified", "owner", "modified_by", "docstatus", "idx",
	"complaint_type", "channel", "category", "priority", "status", "received_on", "escalation_level",
	"subject", "description", "complainant_name", "national_id", "national_id_hash", "mobile",
	"governorate", "district", "routing_level", "unit_doctype", "unit", "directorate", "social_unit",
	"liaison_officer", "accept_by", "accepted_on", "deadline", "responded_on", "closed_on", "sla_status",
	"is_anonymous", "is_confidential", "reopen_count", "satisfaction_rating",
]  # fmt: skip


def generate_complaints(
	count: int, open_share: float = 0.1, batch_size: int = 5000, seed: int = 1, progress=None
) -> dict:
	rng = random.Random(seed)
	units = _units()
	if not units:
		frappe.throw("Load the organisation first: bench --site SITE complaints-load-demo")
	categories = frappe.get_all("Complaint Category", filters={"is_group": 0}, pluck="name")
	now = now_datetime()
	years = [now.year - 1, now.year]
	ensure_tracking_sequences(years)
	started = time.monotonic()
	inserted = 0
	while inserted < count:
		size = min(batch_size, count - inserted)
		year = rng.choice(years)
		first = _reserve(year, size)
		rows = [
			_row(rng, format_tracking_number(year, first + i), year, now, units, categories, open_share)
			for i in range(size)
		]
		frappe.db.bulk_insert("Complaint", FIELDS, rows, chunk_size=size)
		frappe.db.commit()  # a bulk loader commits per batch: memory stays flat
		inserted += size
		if progress:
			progress(f"{inserted}/{count} complaints ({time.monotonic() - started:.0f} s)")
	seconds = time.monotonic() - started
	return {"inserted": inserted, "seconds": seconds, "per_second": inserted / seconds if seconds else 0}


def _units() -> list[dict]:
	unit = frappe.qb.DocType("Social Unit")
	officer_unit = frappe.qb.DocType("Liaison Officer Unit")
	return (
		frappe.qb.from_(unit)
		.left_join(officer_unit)
		.on((officer_unit.unit == unit.name) & (officer_unit.unit_doctype == "Social Unit"))
		.select(
			unit.name, unit.directorate, unit.governorate, unit.district, officer_unit.parent.as_("officer")
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


def _row(rng, name, year, now, units, categories, open_share) -> tuple:
	unit = rng.choice(units)
	start = datetime(year, 1, 1)
	end = min(now, datetime(year, 12, 31, 23, 59))
	received = start + timedelta(seconds=rng.randrange(int((end - start).total_seconds()) or 1))
	is_open = rng.random() < open_share
	status = (
		rng.choice(OPEN_STATES) if is_open else (states.REJECTED if rng.random() < 0.05 else states.CLOSED)
	)
	accepted = received + timedelta(hours=rng.randrange(1, 48)) if status != states.REJECTED else None
	deadline = accepted + timedelta(days=rng.randrange(7, 30)) if accepted else None
	if is_open and deadline and rng.random() < 0.3:  # a share of open complaints is late
		deadline = now - timedelta(hours=rng.randrange(1, 400))
	closed = None
	responded = None
	sla = "On Track"
	if status == states.CLOSED:
		responded = accepted + timedelta(days=rng.randrange(1, 40))
		closed = responded + timedelta(days=rng.randrange(0, 3))
		sla = "Met" if closed <= deadline else "Breached"
	national_id = demo_national_id(rng, "01")
	subject, description = rng.choice(SUBJECTS)
	return (
		name, received, received, "Administrator", "Administrator", 0, 0,
		rng.choice(TYPES), rng.choice(CHANNELS), rng.choice(categories), "Medium", status, received, 0,
		subject, description, "Generated Complainant", national_id, national_id_hash(national_id),
		f"+201{rng.choice('0125')}{rng.randrange(10**7, 10**8)}", unit.governorate, unit.district,
		"Social Unit", "Social Unit", unit.name, unit.directorate, unit.name, unit.officer,
		received + timedelta(hours=24), accepted, deadline, responded, closed, sla,
		0, 0, 0, rng.choice([0, 0.2, 0.4, 0.6, 0.8, 1.0]) if closed else 0,
	)  # fmt: skip
