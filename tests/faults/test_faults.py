"""Faults under a steady intake load (load.py) on a private stack (fixtures.py): a gunicorn worker killed,
MariaDB restarted and crashed, Redis stopped, the SMS gateway stopped. Afterwards every complaint that
was acknowledged to a client exists exactly once, under the name it was acknowledged with; nothing
exists that no client sent; and the site serves again by itself once the part is back.

Slow (it builds its own MariaDB, Redis and site): run with `pytest tests/faults -m slow` (README).
The figures of each run are written to test-output/faults/summary.json.
"""

import json
import os
import signal
import time
import uuid
from collections import defaultdict
from datetime import datetime, timedelta

import pytest
from faults.load import IntakeLoad

pytestmark = pytest.mark.slow

RECOVERY_SECONDS = 90
RESULTS: dict[str, dict] = {}


@pytest.fixture(scope="module", autouse=True)
def _summary(fault_stack):
	yield
	RESULTS["stack set-up seconds"] = {key: round(value, 1) for key, value in fault_stack.timings.items()}
	(fault_stack.logs / "summary.json").write_text(json.dumps(RESULTS, indent=1))


def under_load(
	stack, people, fault, before: float = 6, after: float = 10, **load_options
) -> tuple[IntakeLoad, dict]:
	"""Run the load, apply `fault` (which breaks a part, restores it and returns its figures), keep the
	load running `after` seconds more, then let every request under way be acknowledged."""
	load = IntakeLoad(stack, people, f"F{uuid.uuid4().hex[:8]}", **load_options).start()
	time.sleep(before)
	figures = fault() or {}
	restored_at = load.restored_at = time.monotonic()
	time.sleep(after)
	load.stop()
	acknowledged_after = [
		item.acknowledged_at - restored_at
		for item in load.acknowledged()
		if item.acknowledged_at > restored_at
	]
	figures["first acknowledgement after the part returned (s)"] = (
		round(min(acknowledged_after), 1) if acknowledged_after else None
	)
	return load, figures


def assert_exactly_once(stack, load: IntakeLoad) -> None:
	rows = stack.execute("complaints_mgmt.tests.security_fixtures.complaints_with", marker=load.marker) or []
	stored = defaultdict(list)
	for row in rows:
		stored[row["subject"].rsplit(" ", 1)[-1]].append(row["name"])
	sent = {item.token: item for item in load.items}
	assert set(stored) <= set(sent), "complaints exist that no client sent"
	duplicates = {token: names for token, names in stored.items() if len(names) > 1}
	assert duplicates == {}, f"complaints stored more than once: {duplicates}"
	lost = [
		(item.channel, item.token, item.acknowledged)
		for item in load.acknowledged()
		if stored.get(item.token) != [item.acknowledged]
	]
	assert lost == [], f"acknowledged complaints missing or under another name: {lost}"
	assert [item.refused for item in load.items if item.refused] == []
	unanswered = [(item.channel, item.failures[-3:]) for item in load.items if not item.acknowledged]
	assert unanswered == [], f"requests never acknowledged: {unanswered}"


def record(name: str, load: IntakeLoad, figures: dict) -> None:
	RESULTS[name] = {**load.summary(), **figures, "lost": 0, "duplicated": 0}


def test_steady_load_without_faults(fault_stack, fault_people):
	load, figures = under_load(fault_stack, fault_people, lambda: {}, before=2, after=8)
	assert_exactly_once(fault_stack, load)
	assert len(load.acknowledged()) >= 8, load.summary()
	assert load.summary()["failed_attempts"] == 0, load.summary()
	record("no fault", load, figures)


def test_killing_web_workers_loses_and_duplicates_nothing(fault_stack, fault_people):
	def kill_workers():
		killed = []
		for _round in range(3):
			pid = fault_stack.web_workers()[0]
			os.kill(pid, signal.SIGKILL)
			killed.append(pid)
			time.sleep(3)
		return {"workers killed": len(killed)}

	load, figures = under_load(fault_stack, fault_people, kill_workers)
	assert_exactly_once(fault_stack, load)
	assert len(fault_stack.web_workers()) == 2  # gunicorn replaced them
	record("gunicorn worker killed (x3)", load, figures)


@pytest.mark.parametrize("how", ["restart", "crash"])
def test_a_database_restart_loses_and_duplicates_nothing(fault_stack, fault_people, how):
	def restart_database():
		started = time.monotonic()
		fault_stack.stop("mariadb", signal.SIGTERM if how == "restart" else signal.SIGKILL)
		time.sleep(5)
		fault_stack.start_mariadb()
		return {"database down (s)": round(time.monotonic() - started, 1)}

	load, figures = under_load(fault_stack, fault_people, restart_database)
	figures["site serving again (s)"] = round(fault_stack.wait_until_serving(RECOVERY_SECONDS), 1)
	assert_exactly_once(fault_stack, load)
	assert load.summary()["failed_attempts"] > 0, "the database was not down while clients were filing"
	record(f"MariaDB {how}", load, figures)


def test_redis_down_loses_and_duplicates_nothing(fault_stack, fault_people):
	from faults.fixtures import REDIS_PORTS

	def stop_redis():
		started = time.monotonic()
		for port in REDIS_PORTS:
			fault_stack.stop(f"redis-{port}")
		time.sleep(8)
		for port in REDIS_PORTS:
			fault_stack.start_redis(port)
		return {"redis down (s)": round(time.monotonic() - started, 1)}

	load, figures = under_load(fault_stack, fault_people, stop_redis)
	figures["site serving again (s)"] = round(fault_stack.wait_until_serving(RECOVERY_SECONDS), 1)
	assert_exactly_once(fault_stack, load)
	# background jobs run again: a receipt of a complaint filed after Redis returned reaches the gateway
	figures["receipt delivered after Redis returned (s)"] = wait_for_receipt(
		fault_stack, load, after=load.restored_at
	)
	figures["registration notices all delivered after Redis returned (s)"] = wait_for_registration_notices(
		fault_stack, load
	)
	figures["worker restarts"] = fault_stack.restarts.get("worker", 0)
	record("Redis (cache and queue) stopped", load, figures)


def wait_for_registration_notices(stack, load: IntakeLoad) -> float:
	"""Seconds until every complaint registered by staff or the central system during the load had its
	receipt SMS: a "New" notice, sent by a job queued after the commit (messaging/registration_notices.py). Jobs
	lost while Redis was down are asked for again by the scheduled sweep, run here as if the five minutes
	after which it looks had passed. One worker works through the backlog: one job sends the notices of
	every complaint waiting, then one job their SMS (queued_jobs.drain)."""
	names = {item.acknowledged for item in load.acknowledged() if item.channel != "portal"}
	assert names, "no complaint was registered over REST, intake or sync"
	started = time.monotonic()
	deadline = started + RECOVERY_SECONDS + 4 * len(names)
	site_now = datetime.fromisoformat(stack.execute("frappe.utils.now"))
	stack.execute("complaints_mgmt.messaging.registration_notices.send_missed", now=str(site_now + timedelta(minutes=10)))
	waiting = set(names)
	while waiting:
		waiting -= {name for name in waiting for message in stack.sms.received if name in message.get("text", "")}
		assert time.monotonic() < deadline, f"registration notices lost: {sorted(waiting)}"
		time.sleep(1)
	return round(time.monotonic() - started, 1)


def wait_for_receipt(stack, load: IntakeLoad, after: float) -> float:
	"""Seconds until the SMS gateway got the receipt of a portal complaint filed after `after`."""
	names = [item.acknowledged for item in load.items if item.channel == "portal" and item.first_sent > after]
	assert names, "no portal complaint was filed after the part returned"
	deadline = time.monotonic() + RECOVERY_SECONDS
	while not any(name in message.get("text", "") for message in stack.sms.received for name in names):
		assert time.monotonic() < deadline, "no receipt reached the SMS gateway after the part returned"
		time.sleep(1)
	return round(time.monotonic() - after, 1)


def test_sms_gateway_down_does_not_hold_up_intake_and_no_receipt_is_lost(fault_stack, fault_people):
	"""Receipts go out by background jobs (messaging/sms.py): with the gateway down, filing goes on unhindered; once
	it is back, every receipt of a complaint filed during the outage reaches it, retried by the scheduled
	job (run here every few seconds instead of every two minutes)."""
	gateway = fault_stack.sms
	fault_stack.execute("frappe.db.set_single_value", doctype="Complaints Settings", fieldname="sms_retry_minutes", value=1)
	wait_until_quiet(gateway)  # the receipts of the earlier tests are out
	outage = {}

	def stop_gateway():
		gateway.stop()
		outage["from"] = time.monotonic()
		time.sleep(8)
		outage["to"] = time.monotonic()
		gateway.start()
		return {"gateway down (s)": round(outage["to"] - outage["from"], 1)}

	load, figures = under_load(fault_stack, fault_people, stop_gateway, before=2, after=3, channels=("portal",))
	assert_exactly_once(fault_stack, load)
	during = [item for item in load.items if outage["from"] <= item.first_sent <= outage["to"]]
	assert during and all(not item.failures for item in during), "intake was held up by the SMS gateway"
	figures["longest filing while the gateway was down (s)"] = round(
		max(item.acknowledged_at - item.first_sent for item in during), 1
	)

	waiting = {item.acknowledged for item in load.items}
	deadline = time.monotonic() + 240
	while waiting:
		waiting -= {name for name in waiting for message in gateway.received if name in message.get("text", "")}
		assert time.monotonic() < deadline, f"receipts never delivered: {sorted(waiting)}"
		fault_stack.execute("complaints_mgmt.messaging.sms.retry_due")  # the scheduler's job
		time.sleep(5)
	figures["all receipts delivered after the gateway returned (s)"] = round(time.monotonic() - outage["to"], 1)
	figures["receipts lost"] = 0
	record("SMS gateway stopped", load, figures)


def wait_until_quiet(gateway, quiet: float = 6, timeout: float = 300) -> None:
	"""Until the gateway has had no message for `quiet` seconds: the job queue is empty."""
	deadline = time.monotonic() + timeout
	while time.monotonic() < deadline:
		count = len(gateway.received)
		time.sleep(quiet)
		if len(gateway.received) == count:
			return
