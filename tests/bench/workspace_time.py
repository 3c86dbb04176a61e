"""How long each role's workspace takes to appear under the production server.

A few runs per role, not a load test: gunicorn (4 sync workers, as `bench setup supervisor` writes it)
serves the site on loopback; /assets come from disk with nginx's cache headers (assets_wsgi.py), so the
browser keeps the desk's scripts between visits as a person's browser does. Each run opens /app/complaints
in a logged-in Arabic browser (a fresh page, the browser's cache warm after a first visit, as a person's
second visit of the day) and measures from the navigation to (a) every number card showing its figure (for
a role without cards: its shortcuts shown) and (b) every chart drawn. The same page load is measured again
in a browser with a profile on disk (a returning browser: Chromium's code cache spares compiling the desk's
scripts), and the desk's own navigation to the workspace. The median of the runs per role.

	env/bin/python tests/bench/workspace_time.py --site SITE --port 8112 --credentials FILE [--runs 5]

FILE: the demo's credentials as scripts/setup writes them (~/.config/complaints_mgmt/SITE.credentials,
"login password" a line); the staff logins of the demo (setup/demo_data.py) are measured. Prints a
Markdown table.
"""

import argparse
import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

BENCH_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
WORKSPACE = "/app/complaints"
CARDS_SHOWN = """() => {
	if (!document.querySelector('.layout-main-section .ce-block')) return false;
	const cards = [...document.querySelectorAll('.layout-main-section .number-widget-box')]
		.filter((card) => card.offsetParent);
	if (!cards.length)  // a role without figures (the call centre, the appeals board): its shortcuts
		return !!document.querySelector('.layout-main-section .shortcut-widget-box');
	return cards.every((card) => (card.querySelector('.number')?.innerText || '').trim());
}"""
CHARTS_DRAWN = """() => {
	const charts = [...document.querySelectorAll('.layout-main-section .dashboard-widget-box')]
		.filter((chart) => chart.offsetParent);
	return charts.every((chart) =>
		chart.querySelector('.chart-container svg, .chart-empty-state, .frappe-chart'));
}"""


def start_gunicorn(port: int, site: str) -> subprocess.Popen:
	server = subprocess.Popen(
		[
			str(BENCH_ROOT / "env/bin/gunicorn"),
			"-b",
			f"127.0.0.1:{port}",
			"-w",
			"4",
			"-t",
			"120",
			"--preload",
			"--pythonpath",
			str(BENCH_ROOT / "tests" / "bench"),
			"assets_wsgi:application",  # /assets with nginx's cache headers
		],
		cwd=BENCH_ROOT / "sites",
		stdout=subprocess.DEVNULL,
		stderr=subprocess.DEVNULL,
	)
	deadline = time.monotonic() + 60
	while True:
		try:
			ping = urllib.request.Request(f"http://127.0.0.1:{port}/api/method/ping", headers={"Host": site})
			urllib.request.urlopen(ping, timeout=5)
			return server
		except OSError:
			if server.poll() is not None or time.monotonic() > deadline:
				server.terminate()
				server.wait(timeout=30)
				sys.exit("gunicorn did not start")
			time.sleep(0.5)


def demo_logins(credentials: Path) -> dict[str, tuple[str, str]]:
	"""role -> (login, password) of the demo's staff (setup/demo_data.py), from the credentials file."""
	from complaints_mgmt.setup.demo_data import DEMO_USERS

	passwords = dict(line.split()[:2] for line in credentials.read_text().splitlines() if " " in line)
	return {
		role: (email, passwords[email].strip())
		for email, _first, _last, role in DEMO_USERS
		if role != "Citizen" and email in passwords
	}


def open_workspace(context, url: str) -> tuple:
	"""The workspace in a fresh page of `context`, waited for until its charts are drawn: the page, and the
	seconds from navigation until every card was shown and until every chart was drawn."""
	page = context.new_page()
	started = time.perf_counter()
	page.goto(f"{url}{WORKSPACE}", wait_until="commit")
	page.wait_for_function(CARDS_SHOWN, timeout=60_000, polling=50)
	shown = time.perf_counter() - started
	page.wait_for_function(CHARTS_DRAWN, timeout=60_000, polling=50)
	return page, shown, time.perf_counter() - started


def measure(browser, url: str, login: str, password: str, runs: int) -> tuple[list[float], list[float]]:
	context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="ar-EG")
	response = context.request.post(f"{url}/api/method/login", form={"usr": login, "pwd": password})
	assert response.ok, response.text()
	cards, charts = [], []
	for run in range(runs + 1):  # the first visit fills the browser's cache; not counted
		page, shown, drawn = open_workspace(context, url)
		page.close()
		if run:
			cards.append(shown)
			charts.append(drawn)
	context.close()
	return cards, charts


def time_to_cards(context, url: str, runs: int, uncounted: int) -> list[float]:
	"""Open the workspace `uncounted + runs` times in fresh pages of `context`; the counted runs' times to
	every card shown."""
	cards = []
	for run in range(uncounted + runs):
		page = context.new_page()
		started = time.perf_counter()
		page.goto(f"{url}{WORKSPACE}", wait_until="commit")
		page.wait_for_function(CARDS_SHOWN, timeout=60_000, polling=50)
		if run >= uncounted:
			cards.append(time.perf_counter() - started)
		page.close()
	return cards


def measure_returning(browser, url: str, login: str, password: str, runs: int) -> list[float]:
	"""A page load in a browser with a profile on disk, as a person's is: Chromium keeps the compiled code
	of a script it has loaded twice (V8's code cache) besides the script itself, so from the third visit
	the desk's bundles are not compiled again. Two visits not counted."""
	with tempfile.TemporaryDirectory() as profile:
		context = browser.browser_type.launch_persistent_context(
			profile,
			executable_path=CHROMIUM,
			headless=True,
			args=["--no-sandbox"],
			viewport={"width": 1366, "height": 900},
			locale="ar-EG",
		)
		try:
			response = context.request.post(f"{url}/api/method/login", form={"usr": login, "pwd": password})
			assert response.ok, response.text()
			return time_to_cards(context, url, runs, uncounted=2)
		finally:
			context.close()


def measure_in_desk(browser, url: str, login: str, password: str, runs: int) -> list[float]:
	"""From the complaint list, already open, to the workspace's cards shown: the desk's own navigation (a
	click on the sidebar), no page load."""
	context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="ar-EG")
	response = context.request.post(f"{url}/api/method/login", form={"usr": login, "pwd": password})
	assert response.ok, response.text()
	page = context.new_page()
	shown = []
	for run in range(runs + 1):
		page.goto(f"{url}/app/complaint")
		page.wait_for_function(
			"() => window.cur_list && cur_list.data && !frappe.request.ajax_count", timeout=60_000
		)
		# each visit a fresh desk page: Frappe keeps a workspace it drew, and redrawing it is not measured
		started = time.perf_counter()
		page.evaluate("() => frappe.set_route('complaints')")
		page.wait_for_function(CARDS_SHOWN, timeout=60_000, polling=50)
		if run:
			shown.append(time.perf_counter() - started)
	context.close()
	return shown


def role_arguments(parser: argparse.ArgumentParser) -> argparse.Namespace:
	"""The options every workspace script takes (--site, --port, --credentials, --roles) and its own."""
	parser.add_argument("--site", required=True)
	parser.add_argument("--port", type=int, default=8112)
	parser.add_argument("--credentials", required=True, type=Path)
	parser.add_argument("--roles", nargs="*", help="only these roles (default: every demo staff role)")
	return parser.parse_args()


@contextlib.contextmanager
def demo_browser(args: argparse.Namespace):
	"""gunicorn serving the site and a headless Chromium: yields (browser, the site's URL, {role: login})."""
	from playwright.sync_api import sync_playwright

	logins = demo_logins(args.credentials)
	if args.roles:
		logins = {role: login for role, login in logins.items() if role in args.roles}
	server = start_gunicorn(args.port, args.site)
	try:
		with sync_playwright() as p:
			browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
			try:
				yield browser, f"http://{args.site}:{args.port}", logins
			finally:
				browser.close()
	finally:
		server.terminate()
		server.wait(timeout=30)


def main():
	parser = argparse.ArgumentParser()
	parser.add_argument("--runs", type=int, default=5)
	args = role_arguments(parser)
	with demo_browser(args) as (browser, url, logins):
		print(
			"| role | page load: cards shown, median (runs) | charts drawn"
			" | page load, returning browser | in the desk: cards shown |"
		)
		print("| --- | --- | --- | --- | --- |")
		for role, (login, password) in logins.items():
			cards, charts = measure(browser, url, login, password, args.runs)
			returning = measure_returning(browser, url, login, password, args.runs)
			in_desk = measure_in_desk(browser, url, login, password, args.runs)
			print(
				f"| {role} | {runs_text(cards)} | {statistics.median(charts):.2f} s"
				f" | {runs_text(returning)} | {runs_text(in_desk)} |",
				flush=True,
			)


def runs_text(times: list[float]) -> str:
	return f"{statistics.median(times):.2f} s ({', '.join(f'{t:.2f}' for t in times)})"


if __name__ == "__main__":
	main()
