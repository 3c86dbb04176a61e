"""The demo's master data in Arabic: each record gets its `name_ar` (utils/record_names.py shows it to
Arabic readers), so no English record name shows inside an Arabic screen."""

import re

import frappe

from complaints_mgmt.intake.national_id import EGYPT_GOVERNORATE_CODES
from complaints_mgmt.setup import demo_data

UNIT_NAME = re.compile(r"^(?P<district>.+) Social Unit (?P<number>\d+)$")


def set_arabic_names() -> int:
	"""Arabic names for the demo's governorates, sectors, categories, directorates and social units that
	have none yet; returns how many records were given one."""
	from complaints_mgmt.setup.demo import TRIAGE_DIRECTORATE, directorate_name

	names = {("Governorate", english): arabic for english, arabic in EGYPT_GOVERNORATE_CODES.values()}
	names |= {("Complaints Sector", name): arabic for name, arabic in demo_data.ARABIC_SECTORS.items()}
	names |= {("Complaint Category", name): arabic for name, arabic in demo_data.ARABIC_CATEGORIES.items()}
	names |= {
		("Directorate", directorate_name(english)): f"مديرية التضامن الاجتماعي ب{arabic}"
		for english, arabic in EGYPT_GOVERNORATE_CODES.values()
	}
	names[("Directorate", TRIAGE_DIRECTORATE)] = "الفرز المركزي (الديوان العام)"
	names |= _unit_names()
	count = 0
	for (doctype, name), arabic in names.items():
		if frappe.db.exists(doctype, name) and not frappe.db.get_value(doctype, name, "name_ar"):
			doc = frappe.get_doc(doctype, name)
			doc.name_ar = arabic
			doc.save(ignore_permissions=True)
			count += 1
	return count


def _unit_names() -> dict[tuple[str, str], str]:
	"""'Nasr City Social Unit 1' -> 'الوحدة الاجتماعية بمدينة نصر 1', from the district it serves."""
	names = {}
	units = frappe.get_all(
		"Social Unit", filters={"name_ar": ("is", "not set")}, fields=["name", "unit_name"]
	)
	served = {
		row.parent: row.district
		for row in frappe.get_all(
			"Social Unit Place",
			filters={"parenttype": "Social Unit", "idx": 1},
			fields=["parent", "district"],
		)
	}
	arabic_of = dict(frappe.get_all("District", fields=["name", "name_ar"], as_list=True))
	for unit in units:
		match = UNIT_NAME.match(unit.unit_name or "")
		district = arabic_of.get(served.get(unit.name))
		if match and district:
			names[("Social Unit", unit.name)] = f"الوحدة الاجتماعية ب{district} {match['number']}"
	return names
