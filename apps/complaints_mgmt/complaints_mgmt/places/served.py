"""The places a social unit serves and a routing rule names: each district in the record's governorate,
each village in its district."""

import frappe
from frappe import _

from complaints_mgmt.places.matching import resolve_place


class PlaceMismatchError(frappe.ValidationError):
	pass


def check_places_served(unit) -> None:
	seen = set()
	for row in unit.places:
		_check_district(row.district, unit.governorate)
		_check_village(row)
		key = (row.district, row.village or None)
		if key in seen:
			frappe.throw(
				_("Row {0}: the unit already serves {1}.").format(row.idx, _(row.village or row.district)),
				PlaceMismatchError,
			)
		seen.add(key)


def check_place_of_rule(rule) -> None:
	if rule.village:
		_check_village(rule)
	if rule.district and not rule.governorate:
		frappe.throw(_("Choose the governorate of the district."), PlaceMismatchError)
	if rule.district:
		rule.district = district_in_governorate(rule.district, rule.governorate)
		_check_district(rule.district, rule.governorate)


def district_in_governorate(district: str, governorate: str | None) -> str:
	"""The district itself when it lies in the governorate, else the governorate's district of that
	name ("Shubra" given for Qalyubia is its Shubra El Kheima only if that is how it is named)."""
	in_governorate = frappe.db.get_value("District", district, "governorate")
	if not governorate or in_governorate == governorate:
		return district
	place = resolve_place(district, governorate)
	return place.district if place and not place.village else district


def _check_district(district: str, governorate: str | None) -> None:
	in_governorate = frappe.db.get_value("District", district, "governorate")
	if governorate and in_governorate and in_governorate != governorate:
		frappe.throw(
			_("{0} is a district of {1}, not of {2}.").format(_(district), _(in_governorate), _(governorate)),
			PlaceMismatchError,
		)


def _check_village(row) -> None:
	"""A village sets its district when none is given, and must lie in the one given."""
	if not row.village:
		return
	district = frappe.db.get_value("Village", row.village, "district")
	if not row.district:
		row.district = district
	elif district and district != row.district:
		frappe.throw(
			_("{0} is not in the district {1}.").format(_(row.village), _(row.district)), PlaceMismatchError
		)
