"""Frappe's WSGI application with /assets answered from disk with long cache headers, as nginx answers
them in production (`bench setup nginx`: `expires 1y` on the hashed bundles), so the browser keeps the
desk's scripts between visits as a person's browser does. For tests/bench/workspace_time.py only; gunicorn
runs it from sites/."""

import os

from frappe.app import application as frappe_application
from werkzeug.middleware.shared_data import SharedDataMiddleware

application = SharedDataMiddleware(
	frappe_application, {"/assets": os.path.join(os.getcwd(), "assets")}, cache_timeout=365 * 24 * 3600
)
