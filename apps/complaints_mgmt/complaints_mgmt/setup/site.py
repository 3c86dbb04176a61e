"""Site preparation for sites made by scripts, where no one clicks through Frappe's setup wizard."""

import frappe


def complete_setup(time_zone: str = "Africa/Cairo", country: str = "Egypt", language: str = "ar") -> None:
	"""Run Frappe's own setup wizard with the country, time zone and language given."""
	from frappe.desk.page.setup_wizard.setup_wizard import setup_complete

	setup_complete({"language": "English", "country": country, "timezone": time_zone, "currency": "EGP"})
	frappe.db.set_single_value("System Settings", "language", language)
