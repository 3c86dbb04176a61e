"""The app's own Jinja template files, compiled once per worker process.

Frappe builds its Jinja environment per request (frappe.local.jenv), so each render of a template file
compiles it again: for the portal's tracking look-up that was two fifths of the request
(docs/PERFORMANCE.md). The app's page fragments use only `_` and Jinja's own filters, so they are
rendered here, in a sandboxed environment like Frappe's that keeps their compiled form. `_` is looked up
at render time, so each request gets its own language.
"""

import frappe
from jinja2 import DebugUndefined, PackageLoader, PrefixLoader
from jinja2.sandbox import SandboxedEnvironment

APP = "complaints_mgmt"

_environment: SandboxedEnvironment | None = None


def render(path: str, context: dict) -> str:
	"""Render `path` ("complaints_mgmt/templates/...") with `context` and `_`."""
	return environment().get_template(path).render({"_": frappe._, **context})


def environment() -> SandboxedEnvironment:
	global _environment
	if _environment is None:
		_environment = SandboxedEnvironment(
			loader=PrefixLoader({APP: PackageLoader(APP, ".")}),
			undefined=DebugUndefined,
			auto_reload=bool(frappe.conf.get("developer_mode")),  # edits show at once while developing
		)
	return _environment
