"""The central-system sync: batches of complaints to complaints_mgmt.api.sync.receive_complaints, each item
validated, routed and assigned as if it came alone. Measured in complaints per second.

Beside it, in the same run, the same batches of the bare DocType (bench_setup.ensure_bare_doctype) through
Frappe's own `frappe.client.insert_many`: one Document.insert each, in one request and one transaction,
with no routing, assignment, SLA or notices. That is what Frappe's document chain alone does with a batch
on this machine, so the cost of our work per item reads as a ratio, as for intake."""

import json
import threading
import uuid

from bench_common import Client, error_label, run_load
from bench_intake import Payloads

SYNC_METHOD = "complaints_mgmt.api.sync.receive_complaints"
INSERT_MANY_METHOD = "frappe.client.insert_many"  # at most 200 documents a request


def post_batch(client: Client, payloads: Payloads, batch_size: int, created: list):
	url = client.url(f"/api/method/{SYNC_METHOD}")
	lock = threading.Lock()

	def request(session, number):
		items = []
		for _ in range(batch_size):
			values = payloads.next()
			items.append(
				{
					"external_reference": f"BENCH-{uuid.uuid4().hex}",
					"category": values["category"],
					"subject": values["subject"],
					"description": values["description"],
					"complainant_name": values["complainant_name"],
					"national_id": values["national_id"],
					"mobile": values["mobile"],
					"governorate": values["governorate"],
					"district": values["district"],
				}
			)
		response = session.post(
			url,
			data=json.dumps({"complaints": items}),
			headers={"Content-Type": "application/json"},
			timeout=300,
		)
		if response.status_code != 200:
			return error_label(response)
		results = response.json().get("message", {}).get("results") or []
		made = sum(1 for item in results if item.get("ok") and item.get("created"))
		with lock:
			created.append(made)
		if made != batch_size:
			failed = [item for item in results if not item.get("ok")]
			return f"{batch_size - made} items not created: {failed[:1]}"
		return None

	return request


def post_bare_batch(client: Client, doctype: str, payloads: Payloads, batch_size: int, created: list):
	"""The same batches as documents of the bare DocType, through Frappe's insert_many."""
	url = client.url(f"/api/method/{INSERT_MANY_METHOD}")
	lock = threading.Lock()

	def request(session, number):
		docs = [{"doctype": doctype, **payloads.next()} for _ in range(batch_size)]
		response = session.post(
			url, data=json.dumps({"docs": docs}), headers={"Content-Type": "application/json"}, timeout=300
		)
		if response.status_code != 200:
			return error_label(response)
		made = len(response.json().get("message") or [])
		with lock:
			created.append(made)
		return None if made == batch_size else f"{batch_size - made} documents not created"

	return request


def run(
	client: Client,
	payloads: Payloads,
	batch_size: int,
	batches: int,
	levels: list[int],
	bare: tuple[Client, str] | None = None,
	progress=print,
):
	"""For each level, our endpoint and then (when `bare` = (a client allowed to create it, its DocType)
	is given) the bare DocType through insert_many, so both see the same machine load."""

	def sync_batch(size, made):
		return post_batch(client, payloads, size, made)

	kinds = [("sync", sync_batch, client)]
	if bare:
		bare_client, doctype = bare

		def bare_batch(size, made):
			return post_bare_batch(bare_client, doctype, payloads, size, made)

		kinds.append(("bare", bare_batch, bare_client))
	for _kind, make, session_client in kinds:  # warm-up
		run_load(make(10, []), 2, 2, 60, session_client.session)
	rows = []
	for clients in levels:
		for kind, make, session_client in kinds:
			created: list[int] = []
			result = run_load(
				make(batch_size, created), clients, batches * clients, 600, session_client.session
			)
			row = result.summary()
			row["kind"] = kind
			row["batch_size"] = batch_size
			row["complaints"] = sum(created)
			row["complaints_per_second"] = round(sum(created) / result.seconds, 1) if result.seconds else 0
			row["batch_p50_ms"], row["batch_p95_ms"] = row.pop("p50_ms"), row.pop("p95_ms")
			rows.append(row)
			progress(
				f"  {kind} {clients} clients x batches of {batch_size}: {row['complaints_per_second']}/s "
				f"batch p50 {row['batch_p50_ms']} ms p95 {row['batch_p95_ms']} ms "
				f"failed {row['failed']}/{row['sent']} (load {row['load_after']}) {row['errors'] or ''}"
			)
	return rows
