"""The public statistics page: national figures on complaints, for anyone, with no personal data.

Only aggregates leave the database (analytics.public_statistics, cached for five minutes); the page
translates their labels for each visitor.
"""

import frappe
from frappe import _
from frappe.utils import flt, format_date
from frappe.utils.jinja_globals import is_rtl

from complaints_mgmt.analytics.queries import public_statistics

no_cache = 1  # rendered per visitor's language; the figures themselves come from the cache
OTHER = "__other__"


def get_context(context):
	stats = public_statistics()
	context.title = _("Complaints Statistics")
	context.layout_direction = "rtl" if is_rtl() else "ltr"
	context.page_lang = frappe.local.lang
	context.since = format_date(stats["since"])
	context.figures = [
		(_("Complaints received"), stats["received"]),
		(_("Still open"), stats["open"]),
		(_("Closed or rejected"), stats["finished"]),
		(_("Open past their deadline"), stats["overdue"]),
		(_("Closed within the deadline"), _percent(stats["sla_compliance"])),
		(_("Average days to close"), _number(stats["avg_days_to_close"])),
	]
	context.sections = [
		_section(_("By status"), stats["by_status"], stats["received"]),
		_section(_("By governorate"), stats["by_governorate"], stats["received"]),
		_section(_("By category"), stats["by_category"], stats["received"]),
		_section(_("By channel"), stats["by_channel"], stats["received"]),
	]
	return context


def _section(title: str, counts: list, total: int) -> frappe._dict:
	return frappe._dict(
		title=title,
		rows=[
			frappe._dict(
				label=_label(value), count=count, share=flt(100.0 * count / total, 1) if total else 0
			)
			for value, count in counts
		],
	)


def _label(value) -> str:
	if value == OTHER:
		return _("Other categories")
	return _(value) if value else _("Not Set")


def _percent(value) -> str:
	return f"{_number(value)}%" if value is not None else "-"


def _number(value) -> str:
	return frappe.format(value, {"fieldtype": "Float", "precision": 1}) if value is not None else "-"
