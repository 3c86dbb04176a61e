"""Shared fixtures of the cross-cutting suites: a served test site and real headless Chromium.

scripts/test creates the throw-away site and sets TEST_SITE and BENCH_ROOT; the server is started
here with `bench serve` (it serves /assets, which gunicorn does not) on a free loopback port.
"""

import contextlib
import json
import os
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

# Fixtures of the security and fault suites (plugins: a second conftest.py would shadow this one)
pytest_plugins = ["security.fixtures", "faults.fixtures"]

BENCH_ROOT = Path(os.environ.get("BENCH_ROOT", Path(__file__).resolve().parents[1]))
TEST_SITE = os.environ.get("TEST_SITE", "test-complaints.localhost")
ADMIN_PASSWORD = os.environ.get("TEST_ADMIN_PASSWORD", "admin")
OUTPUT = BENCH_ROOT / "test-output"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
	"--no-sandbox",
	"--disable-gpu",
	"--disable-quic",
	"--no-first-run",
	"--disable-background-networking",
	"--disable-component-update",
	"--disable-sync",
]


def _free_port() -> int:
	"""A free loopback port; within TEST_PORT_RANGE ("8170-8179") when set, for runs side by side."""
	first, _, last = os.environ.get("TEST_PORT_RANGE", "0-0").partition("-")
	for port in range(int(first), int(last or first) + 1):
		with socket.socket() as s:
			try:
				s.bind(("127.0.0.1", port))
			except OSError:
				continue
			return s.getsockname()[1]
	raise OSError(f"no free port in TEST_PORT_RANGE {os.environ['TEST_PORT_RANGE']}")


def bench(*args: str, **kwargs) -> subprocess.CompletedProcess:
	"""Run a bench command on the test site from the bench root."""
	return subprocess.run(
		["bench", "--site", TEST_SITE, *args],
		cwd=BENCH_ROOT,
		check=True,
		capture_output=True,
		text=True,
		**kwargs,
	)


def bench_execute(method: str, *, timeout: float | None = None, **kwargs):
	"""Call `method` on the test site through `bench execute` (which commits) with `kwargs`; what it
	returned, read from the last line bench prints (JSON; None for a falsy result: bench prints nothing)."""
	args = ["execute", method] + (["--kwargs", repr(kwargs)] if kwargs else [])  # read as Python
	out = bench(*args, timeout=timeout).stdout.strip()
	return json.loads(out.splitlines()[-1]) if out else None


def site_data(maker: str, password: str, scope: str = "function"):
	"""A fixture: what `maker` of complaints_mgmt.tests.utils made on the test site (committed) for a suite
	whose users log in with `password`."""

	@pytest.fixture(scope=scope)
	def made():
		return bench_execute(f"complaints_mgmt.tests.utils.{maker}", password=password)

	return made


@contextlib.contextmanager
def served(command: list[str], log_name: str, env: dict | None = None):
	"""`bench --site TEST_SITE <command...> --port P` on a free loopback port; yields (port, url) once it
	answers ping, and stops it afterwards."""
	port = _free_port()
	log = open(OUTPUT / log_name, "w")
	server = subprocess.Popen(
		["bench", "--site", TEST_SITE, *command, "--port", str(port)],
		cwd=BENCH_ROOT,
		stdout=log,
		stderr=subprocess.STDOUT,
		env=env,
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
				pytest.fail(f"bench {command[0]} did not start for {TEST_SITE}; see {OUTPUT / log_name}")
			time.sleep(0.5)
	try:
		yield port, url
	finally:
		server.terminate()
		try:
			server.wait(timeout=10)
		except subprocess.TimeoutExpired:
			server.kill()
		log.close()


@pytest.fixture(scope="session")
def site_url():
	"""The test site, served on a free loopback port for the whole session."""
	with served(["serve", "--noreload", "--nothreading"], "serve.log") as (_port, url):
		yield url


@pytest.fixture(scope="session")
def browser():
	from playwright.sync_api import sync_playwright

	with sync_playwright() as p:
		instance = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
		yield instance
		instance.close()


@contextlib.contextmanager
def desktop_page(browser):
	"""A page in a browser context of its own (its own cookies: its own login), closed afterwards."""
	context = browser.new_context(viewport={"width": 1280, "height": 900})
	try:
		yield context.new_page()
	finally:
		context.close()


@pytest.fixture
def page(browser):
	with desktop_page(browser) as page:
		yield page


@pytest.fixture
def second_page(browser):
	"""A second person's page beside `page`."""
	with desktop_page(browser) as page:
		yield page


@pytest.fixture(scope="session", autouse=True)
def _output_dir():
	OUTPUT.mkdir(exist_ok=True)


def login(page, site_url: str, user: str, password: str, desk: bool = True) -> None:
	"""Log in through the real login form; staff land in the desk, a citizen (`desk=False`) on the
	portal."""
	page.goto(f"{site_url}/login")
	page.fill("#login_email", user)
	page.fill("#login_password", password)
	page.click(".btn-login")
	if desk:
		page.wait_for_url("**/app/**", timeout=30_000)
	else:
		page.wait_for_function("() => !location.pathname.startsWith('/login')", timeout=30_000)


def act_on_selected(page, list_url: str, names: list[str], action: str) -> None:
	"""Open a desk list, tick the rows named `names` and choose `action` (its label as shown) in the
	list's Actions menu."""
	page.goto(list_url)
	for name in names:
		box = page.locator(f".list-row-checkbox[data-name='{name}']")
		box.wait_for(timeout=30_000)
		box.check()
	page.locator(".actions-btn-group > button").click()
	page.locator(".actions-btn-group .dropdown-menu a", has_text=action).click()
