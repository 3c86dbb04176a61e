"""Places written as text that name no District or Village yet, for an administrator to map: add the
text as an alias of the right place, then "Match Again" (places/unmatched.py)."""

from frappe import _

from complaints_mgmt.places.unmatched import unmatched_rows


def execute(filters=None):
	columns = [
		{"fieldname": "record_type", "label": _("Record Type"), "fieldtype": "Data", "width": 120},
		{
			"fieldname": "record",
			"label": _("Record"),
			"fieldtype": "Link",
			"options": "Social Unit",
			"width": 160,
		},
		{
			"fieldname": "governorate",
			"label": _("Governorate"),
			"fieldtype": "Link",
			"options": "Governorate",
			"width": 140,
		},
		{"fieldname": "written", "label": _("Place as Written"), "fieldtype": "Data", "width": 220},
		{"fieldname": "count", "label": _("Complaints"), "fieldtype": "Int", "width": 110},
	]
	return columns, unmatched_rows()
