"""Site preparation for sites made by scripts, where no one clicks through Frappe's setup wizard."""

import frappe

from complaints_mgmt.setup.scheduler_clock import realign_scheduled_jobs

# Frappe refuses more than throttle_user_limit (60) users created on a site in an hour
MANY_USERS = 100_000
# A ministry creates its staff accounts by the hundred (a directorate's units at once): the site's limit
# an hour, set once at install in site_config.json where a deployer may change it
STAFF_ACCOUNTS_AN_HOUR = 1000


def allow_many_users() -> None:
	"""Lift Frappe's sign-up throttle for this process only: scripts and test suites that make staff
	accounts (the demo's few hundred, a full test run's) would be refused after the first 60 in an hour."""
	frappe.local.conf.throttle_user_limit = MANY_USERS


def set_user_creation_limit() -> None:
	"""after_install: Frappe's 60 new users an hour refused the second batch of a ministry's staff with
	the bare word "Throttled". The site gets a limit that suits bulk creation (Data Import is not
	throttled at all); a limit the deployer already set stays."""
	from frappe.installer import update_site_config

	if frappe.get_site_config().get("throttle_user_limit") is None:
		update_site_config("throttle_user_limit", STAFF_ACCOUNTS_AN_HOUR)
		frappe.local.conf.throttle_user_limit = STAFF_ACCOUNTS_AN_HOUR


def complete_setup(time_zone: str = "Africa/Cairo", country: str = "Egypt", language: str = "ar") -> None:
	"""Run Frappe's own setup wizard with the country, time zone and language given."""
	from frappe.desk.page.setup_wizard.setup_wizard import setup_complete

	setup_complete({"language": "English", "country": country, "timezone": time_zone, "currency": "EGP"})
	set_system_language(language)
	# The jobs were installed under Frappe's default time zone, hours ahead of Cairo's (scheduler_clock.py)
	realign_scheduled_jobs()


def set_system_language(language: str) -> None:
	"""System Settings' language, with the site defaults Frappe derives from it when the form is saved in
	the desk (`language`, `lang`). New records take the default of a field named `language` from them: a
	complaint filed by an agent carries the citizen's language for their SMS and emails, and with the
	setup wizard's "en" left there every complaint of an Arabic site was filed in English."""
	from frappe.translate import set_default_language

	frappe.db.set_single_value("System Settings", "language", language)
	frappe.db.set_default("language", language)
	set_default_language(language)


def align_language_defaults() -> None:
	"""Sites set up before `set_system_language`: the defaults follow System Settings' language."""
	language = frappe.db.get_single_value("System Settings", "language")
	if language and frappe.db.get_default("language") != language:
		set_system_language(language)
