"""Routing: category x governorate/district -> the competent unit, by rules that are data, with fallbacks."""

from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase

from complaints_mgmt.lifecycle import states
from complaints_mgmt.lifecycle.routing import (
	CENTRAL_TRIAGE,
	DIRECTORATE,
	HEADQUARTERS,
	SOCIAL_UNIT,
	find_route,
)
from complaints_mgmt.setup.workflow import ensure_complaint_workflow
from complaints_mgmt.tests.utils import (
	make_complaint,
	make_org_complaint,
	make_organisation,
	make_social_unit,
	random_category,
)


def make_rule(target_doctype: str, target: str, **fields):
	return frappe.get_doc(
		{"doctype": "Routing Rule", "target_doctype": target_doctype, "target": target, **fields}
	).insert(ignore_permissions=True)


def make_sector(name: str | None = None):
	name = name or f"Sector {frappe.generate_hash(length=6)}"
	return (
		frappe.get_doc({"doctype": "Complaints Sector", "sector_name": name})
		.insert(ignore_permissions=True)
		.name
	)


class TestRoutingFallbacks(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = make_organisation()

	def route(self, category, district="Nasr City"):
		return find_route(category, self.org.governorate, district)

	def test_social_unit_of_the_complainants_district(self):
		route = self.route(random_category(SOCIAL_UNIT), "Shubra")
		self.assertEqual((route.level, route.unit), (SOCIAL_UNIT, self.org.units["Shubra"]))
		self.assertEqual(route.directorate, self.org.directorate)

	def test_district_without_a_unit_goes_to_the_governorates_directorate(self):
		route = self.route(random_category(SOCIAL_UNIT), "Unknown Village")
		self.assertEqual(
			(route.level, route.unit_doctype, route.unit), (DIRECTORATE, "Directorate", self.org.directorate)
		)

	def test_directorate_level_category(self):
		route = self.route(random_category(DIRECTORATE))
		self.assertEqual((route.level, route.unit), (DIRECTORATE, self.org.directorate))

	def test_headquarters_category_goes_to_its_sector_or_its_parents(self):
		sector = make_sector()
		parent = random_category(HEADQUARTERS, hq_sector=sector, is_group=1)
		child = random_category(HEADQUARTERS, parent_complaint_category=parent)
		route = self.route(child)
		self.assertEqual(
			(route.level, route.unit_doctype, route.unit), (HEADQUARTERS, "Complaints Sector", sector)
		)
		self.assertEqual((route.hq_sector, route.directorate), (sector, None))

	def test_what_nothing_routes_goes_to_central_triage(self):
		route = self.route(random_category(HEADQUARTERS))
		self.assertEqual(
			(route.level, route.unit, route.directorate), (CENTRAL_TRIAGE, self.org.triage, self.org.triage)
		)

	def test_inactive_unit_is_skipped(self):
		frappe.db.set_value("Social Unit", self.org.units["Shubra"], "is_active", 0)
		try:
			route = self.route(random_category(SOCIAL_UNIT), "Shubra")
		finally:
			frappe.db.set_value("Social Unit", self.org.units["Shubra"], "is_active", 1)
		self.assertEqual(route.unit, self.org.directorate)


class TestRoutingRules(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = make_organisation()
		cls.extra_unit = make_social_unit(cls.org.directorate, district="Elsewhere").name
		cls.third_unit = make_social_unit(cls.org.directorate, district="Elsewhere 2").name

	def route(self, category, district="Nasr City"):
		return find_route(category, self.org.governorate, district)

	def test_a_rule_overrides_the_fallback(self):
		category = random_category(SOCIAL_UNIT)
		rule = make_rule(
			"Social Unit", self.extra_unit, governorate=self.org.governorate, district="Nasr City"
		)
		route = self.route(category)
		self.assertEqual(route.unit, self.extra_unit)
		self.assertIn(rule.name, route.note)
		rule.delete()

	def test_most_specific_rule_wins(self):
		category = random_category(SOCIAL_UNIT)
		governorate_wide = make_rule("Social Unit", self.third_unit, governorate=self.org.governorate)
		district_rule = make_rule(
			"Social Unit", self.extra_unit, governorate=self.org.governorate, district="Shubra"
		)
		self.assertEqual(self.route(category, "Shubra").unit, self.extra_unit)
		self.assertEqual(self.route(category, "Nasr City").unit, self.third_unit)
		category_rule = make_rule("Directorate", self.org.directorate, category=category)
		self.assertEqual(self.route(category, "Shubra").unit, self.org.directorate)
		for rule in (governorate_wide, district_rule, category_rule):
			rule.delete()

	def test_a_category_rule_covers_its_subcategories_and_the_deeper_one_wins(self):
		parent = random_category(SOCIAL_UNIT, is_group=1)
		child = random_category(SOCIAL_UNIT, parent_complaint_category=parent)
		parent_rule = make_rule("Social Unit", self.extra_unit, category=parent)
		self.assertEqual(self.route(child).unit, self.extra_unit)
		child_rule = make_rule("Social Unit", self.third_unit, category=child)
		self.assertEqual(self.route(child).unit, self.third_unit)
		parent_rule.delete()
		child_rule.delete()

	def test_a_rule_without_category_applies_only_to_its_units_level(self):
		rule = make_rule("Social Unit", self.extra_unit, governorate=self.org.governorate)
		self.assertEqual(self.route(random_category(DIRECTORATE)).unit, self.org.directorate)
		rule.delete()

	def test_disabled_rules_and_inactive_units_are_ignored(self):
		category = random_category(SOCIAL_UNIT)
		rule = make_rule("Social Unit", self.extra_unit, category=category, enabled=0)
		self.assertEqual(self.route(category).unit, self.org.units["Nasr City"])
		rule.enabled = 1
		rule.save()
		frappe.db.set_value("Social Unit", self.extra_unit, "is_active", 0)
		self.assertEqual(self.route(category).unit, self.org.units["Nasr City"])
		frappe.db.set_value("Social Unit", self.extra_unit, "is_active", 1)
		rule.delete()

	def test_a_rule_needs_a_unit_type_and_a_governorate_for_its_district(self):
		with self.assertRaises(frappe.ValidationError):
			make_rule("Governorate", self.org.governorate)
		with self.assertRaises(frappe.ValidationError):
			make_rule("Social Unit", self.extra_unit, district="Nasr City")

	def test_registration_records_the_route(self):
		doc = make_org_complaint(self.org, category=random_category(SOCIAL_UNIT), district="Shubra")
		self.assertEqual(
			(doc.routing_level, doc.unit_doctype, doc.unit, doc.social_unit, doc.directorate),
			(
				SOCIAL_UNIT,
				"Social Unit",
				self.org.units["Shubra"],
				self.org.units["Shubra"],
				self.org.directorate,
			),
		)
		self.assertTrue(doc.routing_note)


class TestDemoOrganisation(FrappeTestCase):
	"""A complaint registered on a site with the demo organisation is routed and assigned by itself."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_complaint_workflow()
		from complaints_mgmt.setup import demo

		with patch.object(type(frappe.local.db), "commit"):  # the loader commits; the test must not
			demo.load_demo(complaints=0, governorate_codes=["01"])
		frappe.db.set_single_value("Complaints Settings", "triage_directorate", demo.TRIAGE_DIRECTORATE)
		from complaints_mgmt.lifecycle.assignment import ensure_assignment_rules

		ensure_assignment_rules()  # as `bench migrate` does on a site loaded before this module existed

	def test_a_social_unit_complaint_goes_to_the_officer_of_the_districts_unit(self):
		doc = make_complaint(category="Takaful and Karama", governorate="Cairo", district="Nasr City")
		self.assertEqual(doc.status, states.ROUTED)
		served = frappe.get_all("Social Unit Place", filters={"parent": doc.unit}, pluck="district")
		self.assertEqual(served, ["Nasr City"])
		officers = frappe.get_all(
			"Liaison Officer Unit", filters={"unit_doctype": "Social Unit", "unit": doc.unit}, pluck="parent"
		)
		self.assertIn(doc.liaison_officer, officers)
		self.assertTrue(
			frappe.db.exists(
				"ToDo", {"reference_name": doc.name, "allocated_to": doc.liaison_officer, "status": "Open"}
			)
		)

	def test_a_headquarters_complaint_goes_to_its_sector(self):
		doc = make_complaint(category="Staff Conduct", governorate="Cairo", district="Shubra")
		self.assertEqual((doc.routing_level, doc.unit), (HEADQUARTERS, "Citizen Services Sector"))
		self.assertEqual(doc.status, states.ROUTED)
		self.assertEqual(doc.liaison_officer, "officer.citizen-services@demo.complaints.local")
