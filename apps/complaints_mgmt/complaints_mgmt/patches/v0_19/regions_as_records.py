"""Regions become records (the Region DocType): a governorate's region, a choice among eight options until
now, links to one. Every region a site's governorates name gets its record, the shipped eight with their
Arabic names and any other (an option an administrator added with Customize Form) with the Arabic the
site translated it to; the administrator's options for the field, which would now name a DocType, go."""

import frappe

from complaints_mgmt.places.install import ensure_regions

PLACES = ("Governorate", "Directorate")


def execute():
	frappe.db.delete(
		"Property Setter",
		{"doc_type": ("in", PLACES), "field_name": "region", "property": ("in", ("options", "fieldtype"))},
	)
	ensure_regions()
	named = set(
		frappe.get_all("Governorate", filters={"region": ("is", "set")}, pluck="region", distinct=True)
	)
	for region in sorted(named - set(frappe.get_all("Region", pluck="name"))):
		arabic = frappe._(region, lang="ar")
		record = {"doctype": "Region", "region_name": region, "name_ar": arabic if arabic != region else None}
		frappe.get_doc(record).insert(ignore_permissions=True)
	for doctype in PLACES:
		frappe.clear_cache(doctype=doctype)
