"""Places written as text that name no District or Village yet, for an administrator to map: add the
text as an alias of the right place, then "Match Again" (places/unmatched.py)."""

from frappe import _

from complaints_mgmt.complaints.report.grouped_report import column
from complaints_mgmt.places.unmatched import unmatched_rows


def execute(filters=None):
	columns = [
		column("record_type", _("Record Type"), "Data", 120),
		column("record", _("Record"), "Link", 160, "Social Unit"),
		column("governorate", _("Governorate"), "Link", 140, "Governorate"),
		column("written", _("Place as Written"), "Data", 220),
		column("count", _("Complaints"), "Int", 110),
	]
	return columns, unmatched_rows()
