"""The settings added for the complainant's history in the complaint form and for Hijri dates take
their defaults on sites that existed before them: a single record keeps no value for a field added
later, and a Check without one reads as off."""

import frappe

SETTINGS = "Complaints Settings"
FIELDS = ("complainant_lookups_per_hour", "hijri_for_citizens", "hijri_in_desk")


def execute():
	singles = frappe.qb.Table("tabSingles")
	stored = set(
		frappe.qb.from_(singles)
		.select(singles.field)
		.where((singles.doctype == SETTINGS) & singles.field.isin(FIELDS))
		.run(pluck=True)
	)
	meta = frappe.get_meta(SETTINGS)
	for fieldname in FIELDS:
		if fieldname not in stored:
			frappe.db.set_single_value(SETTINGS, fieldname, meta.get_field(fieldname).default)
