"""The place of a complaint: a District (and a Village where one is known), whatever the channel.

Channels that receive a place as text (the central sync, Open311, REST, the portal) put it in
`district`; before Frappe checks the complaint's links, a text that is not the name of a District of
the complaint's governorate is kept in `district_text` and resolved (places/matching.py). A text that
names no place leaves `district` empty: the complaint goes to the governorate's directorate, and the
text stays for staff and for the Unmatched Places report.
"""

import frappe
from frappe import _

from complaints_mgmt.places.governorates import resolve_governorate
from complaints_mgmt.places.matching import resolve_place


class PlaceError(frappe.ValidationError):
	pass


def take_typed_place(doc) -> None:
	_take_typed_governorate(doc)
	typed = (doc.district or "").strip()
	if typed:
		district = _district_of_governorate(typed, doc.governorate)
		if district:
			doc.district = district
		else:
			doc.district_text = typed[:140]
			doc.district = None
			if doc.is_new() or not doc.get("village"):
				_resolve_text(doc)
	elif doc.is_new() and doc.district_text:
		_resolve_text(doc)
	_check_village(doc)


def _take_typed_governorate(doc) -> None:
	"""A governorate sent as its Arabic name or its code becomes the record it names."""
	if doc.governorate and not frappe.db.exists("Governorate", doc.governorate):
		doc.governorate = resolve_governorate(doc.governorate) or doc.governorate


def _district_of_governorate(name: str, governorate: str | None) -> str | None:
	row = frappe.db.get_value("District", name, ["name", "governorate"], as_dict=True)
	if row and (not governorate or row.governorate == governorate):
		return row.name
	return None


def _resolve_text(doc) -> None:
	place = resolve_place(doc.district_text, doc.governorate)
	if not place:
		return
	doc.governorate = doc.governorate or place.governorate
	doc.district = place.district
	doc.village = place.village


def _check_village(doc) -> None:
	if not doc.get("village"):
		return
	district = frappe.db.get_value("Village", doc.village, "district")
	if district and not doc.district:
		doc.district = district
	elif district and district != doc.district:
		frappe.throw(
			_("The village {0} is not in the district {1}.").format(_(doc.village), _(doc.district)),
			PlaceError,
		)
