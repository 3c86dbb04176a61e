"""Places written as text before places were records: mapped to Districts and Villages where the text
names one, and listed for an administrator where it does not (the Unmatched Places report).

Complaints keep what was written in `district_text`; a social unit keeps its old text in `district`
(read only) and gets the place in its Places Served; a routing rule whose district names nothing is
disabled, since without its district it would catch the whole governorate.
"""

import frappe
from frappe import _
from frappe.query_builder import DocType
from frappe.query_builder.functions import Count

from complaints_mgmt.places.matching import resolve_place
from complaints_mgmt.places.normalise import normalise


def map_complaint_texts() -> int:
	"""Complaints whose `district` is text, not a District of their governorate: the text moves to
	`district_text` and `district` becomes the place it names (or stays empty). Returns how many texts
	were matched. One UPDATE per distinct (governorate, text)."""
	complaint, district = DocType("Complaint"), DocType("District")
	pairs = (
		frappe.qb.from_(complaint)
		.left_join(district)
		.on((district.name == complaint.district) & (district.governorate == complaint.governorate))
		.select(complaint.governorate, complaint.district)
		.where(complaint.district.isnotnull() & (complaint.district != "") & district.name.isnull())
		.groupby(complaint.governorate, complaint.district)
		.run()
	)
	matched = 0
	for governorate, text in pairs:
		place = resolve_place(text, governorate)
		matched += bool(place)
		(
			frappe.qb.update(complaint)
			.set(complaint.district_text, text)
			.set(complaint.district, place.district if place else None)
			.set(complaint.village, place.village if place else None)
			.where((complaint.governorate == governorate) & (complaint.district == text))
			.run()
		)
	return matched


def match_unmatched_complaints() -> int:
	"""Complaints left without a district whose written place now names one (an alias added since)."""
	complaint = DocType("Complaint")
	pairs = (
		frappe.qb.from_(complaint)
		.select(complaint.governorate, complaint.district_text)
		.where(complaint.district.isnull() & complaint.district_text.isnotnull())
		.groupby(complaint.governorate, complaint.district_text)
		.run()
	)
	matched = 0
	for governorate, text in pairs:
		place = resolve_place(text, governorate)
		if not place:
			continue
		matched += 1
		(
			frappe.qb.update(complaint)
			.set(complaint.district, place.district)
			.set(complaint.village, place.village)
			.where(
				(complaint.governorate == governorate)
				& (complaint.district_text == text)
				& complaint.district.isnull()
			)
			.run()
		)
	return matched


def map_unit_texts() -> None:
	"""Social units that named their place as text and list none: the place it names is added."""
	for unit in frappe.get_all("Social Unit", filters={"district": ("is", "set")}, pluck="name"):
		doc = frappe.get_doc("Social Unit", unit)
		if doc.places:
			continue
		place = resolve_place(doc.district, doc.governorate)
		if place:
			doc.append("places", {"district": place.district, "village": place.village})
			doc.save(ignore_permissions=True)


def map_rule_texts() -> None:
	"""Routing rules whose district is text: the District it names, or the rule disabled."""
	rule, district = DocType("Routing Rule"), DocType("District")
	rows = (
		frappe.qb.from_(rule)
		.left_join(district)
		.on(district.name == rule.district)
		.select(rule.name, rule.governorate, rule.district)
		.where(rule.district.isnotnull() & (rule.district != "") & district.name.isnull())
		.run(as_dict=True)
	)
	for row in rows:
		place = resolve_place(row.district, row.governorate)
		if place:
			frappe.db.set_value(
				"Routing Rule", row.name, {"district": place.district, "village": place.village}
			)
			continue
		note = _("Disabled: the district {0} names no place. Choose the district and enable the rule.")
		frappe.db.set_value(
			"Routing Rule",
			row.name,
			{"district": None, "enabled": 0, "description": note.format(row.district)},
		)


def unmatched_rows() -> list[dict]:
	"""What an administrator still has to map: complaints' written places that name no place (with how
	many complaints wrote each) and social units that serve no place."""
	complaint = DocType("Complaint")
	written: dict[tuple[str, str], dict] = {}  # spellings of one text (normalised alike) are one row
	found = (
		frappe.qb.from_(complaint)
		.select(complaint.governorate, complaint.district_text, Count("*"))
		.where(complaint.district.isnull() & complaint.district_text.isnotnull())
		.groupby(complaint.governorate, complaint.district_text)
		.run()
	)
	# the row shows the spelling most complaints wrote; between spellings as common, the shortest (the one
	# without stray spaces), then the first in order: the same spelling every time
	for governorate, text, count in sorted(found, key=lambda row: (-row[2], len(row[1]), row[1])):
		row = written.setdefault(
			(governorate, normalise(text)),
			{"record_type": _("Complaint"), "governorate": governorate, "written": text, "count": 0},
		)
		row["count"] += count
	rows = sorted(written.values(), key=lambda row: -row["count"])
	served = frappe.get_all(
		"Social Unit Place", filters={"parenttype": "Social Unit"}, pluck="parent", distinct=True
	)
	for unit in frappe.get_all(
		"Social Unit",
		filters={"name": ("not in", served or [""]), "is_active": 1},
		fields=["name", "governorate", "district"],
	):
		rows.append(
			{
				"record_type": _("Social Unit"),
				"record": unit.name,
				"governorate": unit.governorate,
				"written": unit.district,
			}
		)
	return rows


@frappe.whitelist(methods=["POST"])
def match_again() -> int:
	"""The report's button: complaints whose written place names a place now (after aliases were added)."""
	frappe.only_for(("Complaints Administrator", "System Manager"))
	return match_unmatched_complaints()
