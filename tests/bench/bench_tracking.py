"""The portal's tracking look-up (tracking number and national ID) under concurrent guests.

Each request comes from its own client address (X-Forwarded-For, which the app believes from a loopback
proxy, as behind nginx): many citizens, not one client hammering the per-address hourly limit. Each
round asks the server for the guest challenge and then looks the complaint up with a solved challenge,
as the portal's page does (security/guest_challenge.py). The look-up's latency is its own request's; the round,
challenge request included, is beside it.

Solving is the guest's device's work (about 2^15 hashes), not the server's: done inside the timed
rounds, the load generator's threads spent a core of this 2-core machine on it and the look-ups queued
behind them. So each level's proofs are solved before it starts, in one process per core (challenges
stay valid for ten minutes and are accepted once each), and each round still makes its own challenge
request, so the server does everything it does for a real guest.

Beside each level, in the same run, the same rounds with Frappe's `ping` in the look-up's place: the
challenge request and then the cheapest request Frappe answers. Its latency is the floor that any
look-up at that many guests sits on, on this machine and with these workers.

Guests at a fixed count, each asking again the moment it has its answer, keep the server saturated
from 4 guests on: their latency is the count over the throughput. Citizens do not queue like that; they
arrive on their own. So after the levels, rounds also arrive at fixed rates (exponential gaps), each
from a new guest, whether the earlier ones have finished or not: the look-up's p95 at a given demand,
and the highest demand this machine answers within the target.
"""

import random
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import requests
from bench_common import Client, error_label, run_arrivals, run_load

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from challenge_solver import CHALLENGE_METHOD, solve

TRACK_METHOD = "complaints_mgmt.api.portal.track"
PING_METHOD = "ping"


def solved_challenges(client: Client, count: int) -> list[dict]:
	"""`count` proofs ({"challenge", "solution"}, or {} when the site asks none), solved beforehand."""
	session = client.session()
	answers = []
	for number in range(count):
		headers = {"X-Forwarded-For": f"10.254.{number // 250}.{number % 250 + 1}"}
		response = session.post(client.url(CHALLENGE_METHOD), headers=headers, timeout=60)
		response.raise_for_status()
		answers.append(response.json()["message"])
	required = [answer for answer in answers if answer.get("required")]
	with ProcessPoolExecutor() as pool:
		solutions = iter(
			pool.map(solve, [a["nonce"] for a in required], [a["bits"] for a in required], chunksize=8)
		)
	return [
		{"challenge": answer["challenge"], "solution": next(solutions)} if answer.get("required") else {}
		for answer in answers
	]


def track(
	client: Client, pairs: list[tuple[str, str]], proofs: list[dict], seed: int = 5, floor: bool = False
):
	"""A round: the challenge request, then the look-up (or, with `floor`, Frappe's ping instead)."""
	url = client.url(f"/api/method/{PING_METHOD if floor else TRACK_METHOD}")
	challenge_url = client.url(CHALLENGE_METHOD)
	rng = random.Random(seed)
	lock = threading.Lock()

	def request(session, number):
		with lock:
			tracking_number, national_id = pairs[number % len(pairs)]
			address = f"10.{rng.randrange(256)}.{rng.randrange(256)}.{rng.randrange(1, 255)}"
		headers = {"X-Forwarded-For": address}
		response = session.post(challenge_url, headers=headers, timeout=60)  # the server's share
		if response.status_code != 200:
			return f"challenge: {error_label(response)}"
		if floor:
			begun = time.monotonic()
			response = session.post(url, headers=headers, timeout=60)
			if response.status_code != 200 or response.json().get("message") != "pong":
				return error_label(response)
			return None, time.monotonic() - begun
		proof = proofs[number]
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
		(proof,) = solved_challenges(client, 1)
	except (requests.RequestException, ValueError, KeyError):
		return False
	response = session.post(
		client.url(f"/api/method/{TRACK_METHOD}"),
		data={"tracking_number": "x", "national_id": "x", **proof},
		headers=headers,
		timeout=60,
	)
	return response.status_code in (200, 404) and "message" in response.text


def run(
	client: Client,
	pairs: list[tuple[str, str]],
	levels: list[int],
	max_seconds: float,
	progress=print,
	arrival_rates: tuple[float, ...] = (),
	arrival_seconds: float = 15,
):
	rows = []
	run_load(track(client, pairs, solved_challenges(client, 8), seed=1), 4, 8, 60, client.session)  # warm-up
	for clients in levels:
		count = max(200, 40 * clients)
		proofs = solved_challenges(client, count)
		for floor in (False, True):
			rounds = track(client, pairs, proofs, seed=clients, floor=floor)
			result = run_load(rounds, clients, count, max_seconds, client.session)
			row = {**result.summary(), "kind": "ping" if floor else "look-up"}
			rows.append(row)
			progress(
				f"  tracking {clients:>2} guests, {row['kind']}: {row['rate']:>6.1f}/s "
				f"p50 {row['p50_ms']} ms p95 {row['p95_ms']} ms failed {row['failed']}/{row['sent']} (load {row['load_after']}) "
				f"{row['errors'] or ''}"
			)
	for rate in arrival_rates:
		count = int(rate * arrival_seconds)
		rounds = track(client, pairs, solved_challenges(client, count), seed=int(rate))
		result = run_arrivals(rounds, rate, count, arrival_seconds, client.session, seed=int(rate))
		row = {**result.summary(), "kind": "look-up", "arrival_rate": rate}
		rows.append(row)
		progress(
			f"  tracking, {rate:g} rounds/s arriving: {row['rate']:>6.1f}/s answered "
			f"p50 {row['p50_ms']} ms p95 {row['p95_ms']} ms round p95 {row.get('round_p95_ms')} ms "
			f"failed {row['failed']}/{row['sent']} (load {row['load_after']}) {row['errors'] or ''}"
		)
	return rows
