"""A place typed as text, in Arabic or English, resolved to a District or a Village.

Each district and village is known by its Arabic and English names and its aliases, compared after
`normalise` (alef forms, ى/ي, ة/ه, diacritics, tatweel, digits, spaces, case, "El"/"Al"). A leading
kind word ("مركز", "قسم", "حي", "مدينة", "Markaz", "Qism", "District", "City") is tried without it
when the whole text names nothing. A text that names two places (two governorates' "المطرية" when no
governorate is given) resolves to none: the complaint then goes to its governorate's directorate and
the text stays on it for staff to read.

The index (every key -> the places it names) is built once and kept in the cache; District and
Village clear it when they change.
"""

from dataclasses import dataclass

import frappe

from complaints_mgmt.places.normalise import normalise

INDEX_KEY = "complaints_mgmt:places_index"
KIND_WORDS = ("مركز", "قسم", "حي", "مدينه", "markaz", "qism", "district", "city", "village", "قريه")


@dataclass(frozen=True)
class Place:
	governorate: str
	district: str
	village: str | None = None


def resolve_place(text: str | None, governorate: str | None = None) -> Place | None:
	"""The one district or village the text names (within the governorate, when given), else None."""
	key = normalise(text)
	if not key:
		return None
	index = place_index()
	for candidate in (key, _without_kind_word(key)):
		if not candidate:
			continue
		places = [Place(*row) for row in index.get(candidate, ()) if not governorate or row[0] == governorate]
		places = [p for p in places if _exists(p)]
		if len(places) == 1:
			return places[0]
		if len(places) > 1:
			return _the_district_of_all(places)
	return None


def _the_district_of_all(places: list[Place]) -> Place | None:
	"""A district and its own villages named alike ("الخارجة"): the district; otherwise ambiguous."""
	districts = {p.district for p in places}
	bare = [p for p in places if not p.village]
	if len(districts) == 1 and bare:
		return bare[0]
	return None


def _exists(place: Place) -> bool:
	if place.village:
		return bool(frappe.db.exists("Village", place.village))
	return bool(frappe.db.exists("District", place.district))


def _without_kind_word(key: str) -> str | None:
	first, _sep, rest = key.partition(" ")
	return rest if rest and first in KIND_WORDS else None


def place_index() -> dict[str, list[tuple]]:
	return frappe.cache.get_value(INDEX_KEY, build_index)


def clear_index() -> None:
	frappe.cache.delete_value(INDEX_KEY)


def build_index() -> dict[str, list[tuple]]:
	"""{key: [(governorate, district, village or None), ...]} for every name and alias."""
	index: dict[str, list[tuple]] = {}
	aliases = _aliases()
	for row in frappe.get_all("District", fields=["name", "governorate", "name_ar", "name_en"]):
		_add(index, (row.governorate, row.name, None), row, aliases.get(("District", row.name), ()))
	for row in frappe.get_all("Village", fields=["name", "governorate", "district", "name_ar", "name_en"]):
		_add(index, (row.governorate, row.district, row.name), row, aliases.get(("Village", row.name), ()))
	return index


def _add(index: dict, place: tuple, row, aliases) -> None:
	keys = {normalise(text) for text in (row.name, row.name_ar, row.name_en, *aliases)}
	keys |= {_without_kind_word(key) for key in keys}
	for key in keys - {None, ""}:
		entries = index.setdefault(key, [])
		if place not in entries:
			entries.append(place)


def _aliases() -> dict[tuple[str, str], list[str]]:
	aliases: dict[tuple[str, str], list[str]] = {}
	for row in frappe.get_all(
		"Place Alias",
		filters={"parenttype": ("in", ["District", "Village"])},
		fields=["parenttype", "parent", "alias"],
	):
		aliases.setdefault((row.parenttype, row.parent), []).append(row.alias)
	return aliases
