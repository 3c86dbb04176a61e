"""The demo's web server (`bench complaints-serve`, what `scripts/setup` serves through `bench start`):
loopback only unless told otherwise, and no Werkzeug debugger answering anyone."""

import subprocess
import time
import urllib.error
import urllib.request

import pytest
from conftest import BENCH_ROOT, OUTPUT, TEST_SITE, _free_port

LISTEN = "0A"  # TCP state in /proc/net/tcp*


def listening_addresses(port: int) -> set[str]:
	"""The local addresses (hex, as the kernel writes them) listening on PORT, IPv4 and IPv6."""
	found = set()
	for table in ("/proc/net/tcp", "/proc/net/tcp6"):
		with open(table) as lines:
			next(lines)
			for line in lines:
				local, state = line.split()[1], line.split()[3]
				address, _, hex_port = local.rpartition(":")
				if state == LISTEN and int(hex_port, 16) == port:
					found.add(address)
	return found


@pytest.fixture(scope="module")
def demo_server():
	port = _free_port()
	log = open(OUTPUT / "demo-server.log", "w")
	server = subprocess.Popen(
		["bench", "--site", TEST_SITE, "complaints-serve", "--port", str(port)],
		cwd=BENCH_ROOT,
		stdout=log,
		stderr=subprocess.STDOUT,
	)
	url = f"http://127.0.0.1:{port}"
	deadline = time.monotonic() + 60
	while True:
		try:
			urllib.request.urlopen(f"{url}/api/method/ping", timeout=5)
			break
		except OSError:
			if server.poll() is not None or time.monotonic() > deadline:
				server.kill()
				pytest.fail("bench complaints-serve did not start; see test-output/demo-server.log")
			time.sleep(0.5)
	yield port, url
	server.terminate()
	server.wait(timeout=10)
	log.close()


def test_the_demo_listens_on_loopback_only(demo_server):
	port, _ = demo_server
	loopback_v4 = "0100007F"  # 127.0.0.1, little-endian hex
	assert listening_addresses(port) == {loopback_v4}


def test_no_debugger_answers_and_errors_show_no_console(demo_server):
	_, url = demo_server
	# Werkzeug's debugger serves its own script at this address when it is on
	try:
		body = urllib.request.urlopen(
			f"{url}/?__debugger__=yes&cmd=resource&f=debugger.js", timeout=10
		).read()
	except urllib.error.HTTPError as error:
		body = error.read()
	assert b"debugger" not in body.lower() or b"<html" in body.lower()
	assert b"function" not in body[:200]
	# a request that raises inside the application gets an error page, not Werkzeug's console
	try:
		urllib.request.urlopen(f"{url}/api/method/frappe.nonexistent.method", timeout=10)
	except urllib.error.HTTPError as error:
		page = error.read()
		assert b"__debugger__" not in page and b"EVALEX" not in page


def test_the_demo_serves_the_desks_assets(demo_server):
	_, url = demo_server
	page = urllib.request.urlopen(f"{url}/login", timeout=10).read().decode()
	asset = page.split('src="/assets/', 1)[1].split('"', 1)[0]
	assert urllib.request.urlopen(f"{url}/assets/{asset}", timeout=10).status == 200
