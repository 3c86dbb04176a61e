"""The demo's web server (`bench complaints-serve`, what `scripts/setup` serves through `bench start`):
loopback only unless told otherwise, and no Werkzeug debugger answering anyone."""

import urllib.error
import urllib.request

import pytest
from conftest import served

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
	with served(["complaints-serve"], "demo-server.log") as served_at:
		yield served_at


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
