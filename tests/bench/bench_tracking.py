"""The portal's tracking look-up (tracking number and national ID) under concurrent guests.

Each request comes from its own client address (X-Forwarded-For, which the app believes from a loopback
proxy, as behind nginx): many citizens, not one client hammering the per-address hourly limit. Each
look-up first asks for the guest challenge and solves it, as the portal's page does (guest_challenge.py):
the look-up's latency is its own request's; the whole round, challenge and solving included, is beside it.
"""

import random
import sys
import threading
import time
from pathlib import Path

import requests
from bench_common import Client, error_label, run_load

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from challenge_solver import challenge_fields

TRACK_METHOD = "complaints_mgmt.api.portal.track"


def track(client: Client, pairs: list[tuple[str, str]], seed: int = 5):
	url = client.url(f"/api/method/{TRACK_METHOD}")
	rng = random.Random(seed)
	lock = threading.Lock()

	def request(session, number):
		with lock:
			tracking_number, national_id = pairs[number % len(pairs)]
			address = f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"
		headers = {"X-Forwarded-For": address}
		proof = challenge_fields(session, client.url(""), headers=headers, timeout=60)
		begun = time.monotonic()
		response = session.post(
			url,
			data={"tracking_number": tracking_number, "national_id": national_id, **proof},
			headers=headers,
			timeout=60,
		)
		if response.status_code != 200:
			return error_label(response)
		message = response.json().get("message") or {}
		if not message.get("ok"):
			return "not found"
		return None, time.monotonic() - begun  # the look-up itself; the round with the challenge too

	return request


def available(client: Client) -> bool:
	"""Whether the site has the endpoint (a missing method answers 404 or a 500 naming it)."""
	session = client.session()
	headers = {"X-Forwarded-For": "10.255.255.254"}
	try:
		proof = challenge_fields(session, client.url(""), headers)
	except (requests.RequestException, ValueError, KeyError):
		return False
	response = session.post(
		client.url(f"/api/method/{TRACK_METHOD}"),
		data={"tracking_number": "x", "national_id": "x", **proof},
		headers=headers,
		timeout=60,
	)
	return response.status_code in (200, 404) and "message" in response.text


def run(client: Client, pairs: list[tuple[str, str]], levels: list[int], max_seconds: float, progress=print):
	rows = []
	run_load(track(client, pairs, seed=1), 4, 8, 60, client.session)  # warm-up
	for clients in levels:
		result = run_load(
			track(client, pairs, seed=clients), clients, max(60, 20 * clients), max_seconds, client.session
		)
		rows.append(result.summary())
		row = rows[-1]
		progress(
			f"  tracking {clients:>2} guests: {row['rate']:>6.1f}/s p50 {row['p50_ms']} ms "
			f"p95 {row['p95_ms']} ms failed {row['failed']}/{row['sent']} (load {row['load_after']}) "
			f"{row['errors'] or ''}"
		)
	return rows
