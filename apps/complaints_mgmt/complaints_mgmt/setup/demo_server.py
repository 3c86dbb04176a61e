"""The demo's web server: Frappe's application with its static files, on loopback, without a debugger.

`bench serve` (what `bench start` runs) listens on every address with Werkzeug's interactive debugger
on: anyone on the network who reaches it gets a Python console behind a PIN. The demo is served here
instead, the same application and files, on the address and port the set-up names (127.0.0.1:8000 by
default), with errors logged, never run. On a network, serve the production way: gunicorn behind nginx
(README, config/templates/nginx.conf).
"""

import logging


def serve(host: str = "127.0.0.1", port: int = 8000, site: str | None = None, sites_path: str = ".") -> None:
	"""Serve SITE whatever the Host header names, as `bench serve` does (or each site by its host name
	when none is given)."""
	import frappe.app
	from werkzeug.serving import run_simple

	frappe.app._site = site
	frappe.app._sites_path = sites_path
	application = frappe.app.application_with_statics()
	logging.getLogger("werkzeug").propagate = False
	run_simple(
		host,
		int(port),
		application,
		use_reloader=False,
		use_debugger=False,
		use_evalex=False,
		threaded=True,
	)
