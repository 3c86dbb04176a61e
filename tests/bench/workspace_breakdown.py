"""Where a fresh load of the workspace spends its time, per role (not part of the suite).

The same set-up as workspace_time.py (gunicorn with 4 workers, /assets with nginx's cache headers, a warm
browser cache, Arabic, 1366x900). One visit per role after a first one not counted, read from the
browser's own timings (Navigation and Resource Timing): the `/app` page on the server (request to first
byte) and its arrival, the desk's scripts run (the HTML parsed with its scripts: `domInteractive`), the
desk started (`DOMContentLoaded` handlers done), then every request the page made with its time on the
server, and the moment the number cards show their figures and the charts are drawn.

        env/bin/python tests/bench/workspace_breakdown.py --site SITE --port 8112 --credentials FILE [--roles ...]
"""

import argparse
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from workspace_time import demo_browser, open_workspace, role_arguments

TIMINGS = """() => {
	const nav = performance.getEntriesByType('navigation')[0];
	const requests = performance.getEntriesByType('resource')
		.filter((r) => r.name.includes('/api/'))
		.map((r) => ({name: r.name, start: r.startTime, end: r.responseEnd,
			server: r.responseStart - r.requestStart, size: r.encodedBodySize}));
	return {
		ttfb: nav.responseStart, html: nav.responseEnd, html_size: nav.encodedBodySize,
		scripts_run: nav.domInteractive, desk_started: nav.domContentLoadedEventEnd,
		load: nav.loadEventEnd, requests,
	};
}"""


def method_of(url: str) -> str:
	path = urlparse(url).path
	name = path.rsplit("/", 1)[-1]
	query = parse_qs(urlparse(url).query)
	return name + (f" ({query['cmd'][0]})" if "cmd" in query else "")


def visit(context, url: str) -> dict:
	page, shown, drawn = open_workspace(context, url)
	page.wait_for_timeout(500)  # requests made after the draw
	timings = page.evaluate(TIMINGS)
	page.close()
	return {**timings, "shown": shown * 1000, "drawn": drawn * 1000}


def report(role: str, t: dict) -> None:
	print(f"\n## {role}")
	print(
		f"- /app: first byte {t['ttfb']:.0f} ms, whole at {t['html']:.0f} ms ({t['html_size'] / 1024:.0f} KB)"
	)
	print(f"- scripts run (HTML parsed): {t['scripts_run']:.0f} ms; desk started: {t['desk_started']:.0f} ms")
	for r in sorted(t["requests"], key=lambda r: r["start"]):
		print(
			f"- {method_of(r['name'])}: {r['start']:.0f} to {r['end']:.0f} ms"
			f" (server {r['server']:.0f} ms, {r['size'] / 1024:.1f} KB)"
		)
	print(f"- cards shown {t['shown']:.0f} ms, charts drawn {t['drawn']:.0f} ms (wall clock from navigation)")


def main():
	args = role_arguments(argparse.ArgumentParser())
	with demo_browser(args) as (browser, url, logins):
		for role, (login, password) in logins.items():
			context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="ar-EG")
			response = context.request.post(f"{url}/api/method/login", form={"usr": login, "pwd": password})
			assert response.ok, response.text()
			visit(context, url)  # fills the browser's cache
			report(role, visit(context, url))
			context.close()


if __name__ == "__main__":
	main()
