"""Intake over REST: POST /api/resource/Complaint as a call-center agent (API key and secret), through the
app's validation, naming, routing, assignment, deadlines and notification queueing; and the same requests
to a bare DocType with the same fields and no hooks, in the same run, so the cost of our logic is a ratio.
"""

import json
import random
import threading
import uuid

from bench_common import Client, error_label, run_load

# National ID governorate codes with districts in the demo organisation (setup/demo_data.DISTRICTS)
CHANNELS = ["Hotline", "Counter", "Paper Mail", "Email"]


class Payloads:
	"""Complaints a hotline takes: a real category, governorate and district, a valid national ID and a
	mobile number, so every request goes the whole way through validation and routing."""

	def __init__(self, seed: int = 9):
		from complaints_mgmt.intake.national_id import EGYPT_GOVERNORATE_CODES
		from complaints_mgmt.setup.demo import demo_national_id
		from complaints_mgmt.setup.demo_data import CATEGORIES, DISTRICTS, SUBJECTS

		self.rng = random.Random(seed)
		self.lock = threading.Lock()
		self.demo_national_id = demo_national_id
		self.places = [
			(code, EGYPT_GOVERNORATE_CODES[code][0], district)
			for code, districts in DISTRICTS.items()
			for district in districts
		]
		groups = {parent for _name, parent, *_rest in CATEGORIES if parent}
		self.categories = [name for name, *_rest in CATEGORIES if name not in groups]
		self.subjects = SUBJECTS

	def next(self) -> dict:
		with self.lock:
			rng = self.rng
			code, governorate, district = rng.choice(self.places)
			subject, description = rng.choice(self.subjects)
			return {
				"complaint_type": "Complaint",
				"channel": rng.choice(CHANNELS),
				"category": rng.choice(self.categories),
				"subject": subject,
				"description": description,
				"complainant_name": "Benchmark Caller",
				"national_id": self.demo_national_id(rng, code),
				"mobile": f"01{rng.choice('0125')}{rng.randrange(10**7, 10**8)}",
				"governorate": governorate,
				"district": district,
			}


def post_resource(client: Client, doctype: str, payloads: Payloads):
	url = client.url(f"/api/resource/{doctype}")

	def request(session, number):
		response = session.post(
			url,
			data=json.dumps(payloads.next()),
			headers={"Content-Type": "application/json", "Idempotency-Key": uuid.uuid4().hex},
			timeout=120,
		)
		if response.status_code != 200:
			return error_label(response)
		if not response.json().get("data", {}).get("name"):
			return "no name in the answer"
		return None

	return request


def requests_for(clients: int, scale: float) -> int:
	"""How many requests a level sends: enough for a stable p95, bounded."""
	return max(20, round(max(60, 20 * clients) * scale))


def run(
	client: Client,
	doctypes: list[str],
	levels: list[int],
	payloads: Payloads,
	scale: float = 1.0,
	max_seconds: float = 90,
	progress=print,
) -> list[dict]:
	"""For each concurrency level, each DocType in turn (so both see the same machine load)."""
	rows = []
	for doctype in doctypes:  # warm every worker up: imports, caches, connections
		run_load(post_resource(client, doctype, payloads), 4, 8, 60, client.session)
	for clients in levels:
		for doctype in doctypes:
			result = run_load(
				post_resource(client, doctype, payloads),
				clients,
				requests_for(clients, scale),
				max_seconds,
				client.session,
			)
			row = {"doctype": doctype, **result.summary()}
			rows.append(row)
			progress(
				f"  intake {doctype:<22} {clients:>2} clients: {row['rate']:>6.1f}/s "
				f"p50 {row['p50_ms']} ms p95 {row['p95_ms']} ms failed {row['failed']}/{row['sent']} "
				f"(load {row['load_after']}) {row['errors'] or ''}"
			)
	return rows
