"""Which unit is competent for a complaint: category x place (governorate, district, village) -> unit.

The category's routing level says where complaints of that kind are handled (a social unit, a
directorate, or a headquarters sector). Routing Rules, data editable in the desk, name the unit for a
category and/or a place; the most specific enabled rule whose unit is active wins. Without a rule: the
social unit serving the complainant's village, then the one serving the whole district (Social Unit's
places), then the directorate of the governorate, then the category's headquarters sector. What
nothing can route goes to central triage (the directorate named in Complaints Settings), where staff
route it by hand.
"""

from dataclasses import dataclass

import frappe
from frappe import _
from frappe.query_builder import DocType, Order

from complaints_mgmt.places.matching import resolve_place

SOCIAL_UNIT = "Social Unit"
DIRECTORATE = "Directorate"
HEADQUARTERS = "Headquarters"
CENTRAL_TRIAGE = "Central Triage"

# routing level -> the DocType of the unit that handles it
LEVEL_DOCTYPE = {SOCIAL_UNIT: "Social Unit", DIRECTORATE: "Directorate", HEADQUARTERS: "Complaints Sector"}
DOCTYPE_LEVEL = {doctype: level for level, doctype in LEVEL_DOCTYPE.items()}
UNIT_DOCTYPES = tuple(LEVEL_DOCTYPE.values())


class RoutingError(frappe.ValidationError):
	pass


@dataclass(frozen=True)
class Route:
	level: str
	unit_doctype: str | None
	unit: str | None
	note: str
	directorate: str | None = None
	social_unit: str | None = None
	hq_sector: str | None = None

	@property
	def is_triage(self) -> bool:
		return self.level == CENTRAL_TRIAGE


def route_new_complaint(doc) -> None:
	"""At registration: route the complaint by its category and place."""
	if doc.is_new():
		apply_route(doc, find_route(doc.category, doc.governorate, doc.district, doc.village))


def apply_route(doc, route: Route) -> None:
	doc.routing_level = route.level
	doc.unit_doctype = route.unit_doctype
	doc.unit = route.unit
	doc.directorate = route.directorate
	doc.social_unit = route.social_unit
	doc.hq_sector = route.hq_sector
	doc.routing_note = route.note


def find_route(
	category: str, governorate: str | None, district: str | None, village: str | None = None
) -> Route:
	district, village = place_of(governorate, district, village)
	level = frappe.get_cached_value("Complaint Category", category, "routing_level") if category else None
	if not level:
		return triage_route(_("The category has no routing level"))
	rule = _best_rule(category, LEVEL_DOCTYPE[level], governorate, district, village)
	if rule:
		return route_to(rule.target_doctype, rule.target, _("Routing rule {0}").format(rule.name))
	if level == SOCIAL_UNIT and governorate and district:
		unit, place = _social_unit_of_place(governorate, district, village)
		if unit:
			return route_to("Social Unit", unit, _("Social unit of {0}").format(_(place)))
	if level in (SOCIAL_UNIT, DIRECTORATE) and governorate:
		directorate = _directorate_of_governorate(governorate)
		if directorate:
			return route_to("Directorate", directorate, _("Directorate of {0}").format(_(governorate)))
	if level == HEADQUARTERS:
		sector = _sector_of_category(category)
		if sector:
			return route_to("Complaints Sector", sector, _("Headquarters sector of {0}").format(_(category)))
	return triage_route(_("No routing rule or unit matches this category and place"))


def place_of(governorate: str | None, district: str | None, village: str | None) -> tuple[str, str]:
	"""(district, village) as records: a district given as text is resolved in the governorate."""
	district, village = (district or "").strip(), (village or "").strip()
	if district and frappe.db.get_value("District", district, "governorate") != governorate:
		place = resolve_place(district, governorate)
		if place:
			return place.district, village or place.village or ""
	return district, village


def route_to(unit_doctype: str, unit: str, note: str) -> Route:
	if unit_doctype == "Social Unit":
		directorate = frappe.db.get_value("Social Unit", unit, "directorate")
		return Route(SOCIAL_UNIT, unit_doctype, unit, note, directorate=directorate, social_unit=unit)
	if unit_doctype == "Complaints Sector":
		return Route(HEADQUARTERS, unit_doctype, unit, note, hq_sector=unit)
	return Route(DIRECTORATE, unit_doctype, unit, note, directorate=unit)


def triage_route(note: str) -> Route:
	directorate = triage_directorate()
	return Route(
		CENTRAL_TRIAGE, "Directorate" if directorate else None, directorate, note, directorate=directorate
	)


def triage_directorate() -> str | None:
	return frappe.db.get_single_value("Complaints Settings", "triage_directorate")


def chosen_route(doc) -> Route:
	"""The unit triage staff chose on the form: a social unit, else a sector, else a directorate."""
	note = _("Routed by {0}").format(frappe.session.user)
	if doc.social_unit:
		return route_to("Social Unit", doc.social_unit, note)
	if doc.hq_sector:
		return route_to("Complaints Sector", doc.hq_sector, note)
	if doc.directorate and doc.directorate != triage_directorate():
		return route_to("Directorate", doc.directorate, note)
	frappe.throw(
		_("Choose the competent social unit, directorate or headquarters sector before routing."),
		RoutingError,
	)


def _best_rule(category: str, level_doctype: str, governorate: str | None, district: str, village: str = ""):
	"""The most specific enabled rule matching the complaint whose unit is active.

	A rule without a category applies to categories of its unit's level; a rule naming a category (or an
	ancestor of it: the deeper, the more specific) applies whatever its unit's level. Among rules of the
	same category, a village's rule is more specific than its district's, a district's than its
	governorate's.
	"""
	category_depth = category_lineage(category)
	rule = DocType("Routing Rule")
	query = (
		frappe.qb.from_(rule)
		.select(
			rule.name,
			rule.category,
			rule.governorate,
			rule.district,
			rule.village,
			rule.priority,
			rule.target_doctype,
			rule.target,
		)
		.where(rule.enabled == 1)
		.where(rule.category.isnull() | rule.category.isin(["", *category_depth]))
		.where(rule.governorate.isnull() | rule.governorate.isin(["", governorate or ""]))
		.where(rule.district.isnull() | rule.district.isin(["", district]))
		.where(rule.village.isnull() | rule.village.isin(["", village]))
	)
	candidates = [
		r
		for r in query.run(as_dict=True)
		if (r.category or r.target_doctype == level_doctype) and not (r.district and not r.governorate)
	]
	candidates.sort(
		key=lambda r: (
			category_depth.get(r.category, -1),
			bool(r.village),
			bool(r.district),
			bool(r.governorate),
			r.priority or 0,
			r.name,
		),
		reverse=True,
	)
	return next((r for r in candidates if _is_active_unit(r.target_doctype, r.target)), None)


def category_lineage(category: str | None) -> dict[str, int]:
	"""{the category or an ancestor: its left value}, nearest first (deeper is larger); {category: 0}
	for a category not in the tree, {} for none. One query: the tree's bounds are read in the same
	statement."""
	if not category:
		return {}
	node = DocType("Complaint Category")
	ancestor = DocType("Complaint Category").as_("ancestor")
	rows = (
		frappe.qb.from_(node)
		.join(ancestor)
		.on((ancestor.lft <= node.lft) & (ancestor.rgt >= node.rgt))
		.select(ancestor.name, ancestor.lft)
		.where(node.name == category)
		.orderby(ancestor.lft, order=Order.desc)
		.run()
	)
	return dict(rows) or {category: 0}


def _is_active_unit(doctype: str, name: str) -> bool:
	if doctype not in UNIT_DOCTYPES:
		return False
	return bool(frappe.db.get_value(doctype, name, "is_active"))


def _social_unit_of_place(governorate: str, district: str, village: str) -> tuple[str | None, str]:
	"""The active unit serving the village, else the one serving the whole district: (unit, place)."""
	unit = DocType("Social Unit")
	served = DocType("Social Unit Place")
	query = (
		frappe.qb.from_(served)
		.join(unit)
		.on(unit.name == served.parent)
		.select(unit.name, served.village)
		.where(served.parenttype == "Social Unit")
		.where(served.district == district)
		.where(unit.governorate == governorate)
		.where(unit.is_active == 1)
		.where(served.village.isnull() | (served.village == "") | (served.village == village))
	)
	rows = query.run(as_dict=True)
	of_village = sorted(row.name for row in rows if village and row.village == village)
	if of_village:
		return of_village[0], village
	of_district = sorted(row.name for row in rows if not row.village)
	if of_district:
		return of_district[0], district
	return None, district


def _directorate_of_governorate(governorate: str) -> str | None:
	"""The governorate's directorate, when it has exactly one (not counting central triage)."""
	directorates = frappe.get_all(
		"Directorate",
		filters={"governorate": governorate, "is_active": 1, "name": ("!=", triage_directorate() or "")},
		pluck="name",
		limit=2,
	)
	return directorates[0] if len(directorates) == 1 else None


def _sector_of_category(category: str) -> str | None:
	"""The headquarters sector of the category, or of its nearest ancestor that names one."""
	for name in category_lineage(category):  # nearest first
		sector = frappe.get_cached_value("Complaint Category", name, "hq_sector")
		if sector and frappe.db.get_value("Complaints Sector", sector, "is_active"):
			return sector
	return None
