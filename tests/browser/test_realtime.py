"""Realtime in the desk as `scripts/setup` serves it (`bench start`: the demo server with DEV_SERVER set,
and Frappe's socket.io server beside it): the page's socket connects, and a message published on the
server reaches the open page without a reload. Staff saw in-app alerts 8 to 13 minutes late when the
socket.io server could not check their session (it calls the site by its name, which Node could not
resolve)."""

import json
import os
import socket
import subprocess
import time
import urllib.request

import pytest
from conftest import ADMIN_PASSWORD, BENCH_ROOT, OUTPUT, TEST_SITE, _free_port, bench, login


def _listening(port: int) -> bool:
	with socket.socket() as s:
		return s.connect_ex(("127.0.0.1", port)) == 0


def _socketio_port() -> int:
	config = json.loads((BENCH_ROOT / "sites" / "common_site_config.json").read_text())
	return int(config.get("socketio_port", 9000))


@pytest.fixture(scope="module")
def served_with_realtime():
	"""The site served as `bench start` serves it, at its own name, with socket.io running."""
	started = []
	logs = []
	port = _socketio_port()
	if not _listening(port):
		log = open(OUTPUT / "socketio.log", "w")
		logs.append(log)
		started.append(
			subprocess.Popen(
				["node", "--require", "./config/listen-on-loopback.js", "apps/frappe/socketio.js"],
				cwd=BENCH_ROOT,
				stdout=log,
				stderr=subprocess.STDOUT,
			)
		)
	web_port = _free_port()
	log = open(OUTPUT / "realtime-web.log", "w")
	logs.append(log)
	started.append(
		subprocess.Popen(
			["bench", "--site", TEST_SITE, "complaints-serve", "--port", str(web_port)],
			cwd=BENCH_ROOT,
			stdout=log,
			stderr=subprocess.STDOUT,
			env={**os.environ, "DEV_SERVER": "true"},
		)
	)
	url = f"http://{TEST_SITE}:{web_port}"
	deadline = time.monotonic() + 60
	while not (_listening(port) and _ping(f"http://127.0.0.1:{web_port}")):
		if time.monotonic() > deadline or any(p.poll() is not None for p in started):
			pytest.fail("the web or socket.io server did not start; see test-output/realtime-web.log")
		time.sleep(0.5)
	yield url
	for process in started:
		process.terminate()
		process.wait(timeout=10)
	for log in logs:
		log.close()


def _ping(url: str) -> bool:
	try:
		urllib.request.urlopen(f"{url}/api/method/ping", timeout=5)
		return True
	except OSError:
		return False


def test_a_message_published_on_the_server_reaches_the_open_desk(page, served_with_realtime):
	login(page, served_with_realtime, "Administrator", ADMIN_PASSWORD)
	page.wait_for_function(
		"() => window.frappe && frappe.realtime && frappe.realtime.socket && frappe.realtime.socket.connected",
		timeout=30_000,
	)
	text = f"realtime check {time.monotonic_ns()}"
	bench(
		"execute",
		"frappe.publish_realtime",
		"--kwargs",
		json.dumps({"event": "msgprint", "message": text, "user": "Administrator"}),
	)
	page.wait_for_selector(f".modal:visible >> text={text}", timeout=15_000)
	page.screenshot(path=str(OUTPUT / "realtime-message.png"))
