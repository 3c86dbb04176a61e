"""The central-system sync: batches of complaints to complaints_mgmt.api.sync.receive_complaints, each item
validated, routed and assigned as if it came alone. Measured in complaints per second."""

import json
import threading
import uuid

from bench_common import Client, error_label, run_load
from bench_intake import Payloads

SYNC_METHOD = "complaints_mgmt.api.sync.receive_complaints"


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


def run(client: Client, payloads: Payloads, batch_size: int, batches: int, levels: list[int], progress=print):
	rows = []
	run_load(post_batch(client, payloads, 10, []), 2, 2, 60, client.session)  # warm-up
	for clients in levels:
		created: list[int] = []
		result = run_load(
			post_batch(client, payloads, batch_size, created), clients, batches * clients, 600, client.session
		)
		row = result.summary()
		row["batch_size"] = batch_size
		row["complaints"] = sum(created)
		row["complaints_per_second"] = round(sum(created) / result.seconds, 1) if result.seconds else 0
		row["batch_p50_ms"], row["batch_p95_ms"] = row.pop("p50_ms"), row.pop("p95_ms")
		rows.append(row)
		progress(
			f"  sync {clients} clients x batches of {batch_size}: {row['complaints_per_second']}/s "
			f"batch p50 {row['batch_p50_ms']} ms p95 {row['batch_p95_ms']} ms failed {row['failed']}/{row['sent']} "
			f"(load {row['load_after']}) {row['errors'] or ''}"
		)
	return rows
