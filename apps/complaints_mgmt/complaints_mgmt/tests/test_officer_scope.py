"""A liaison officer's list: the complaints of their units and those assigned to them elsewhere, found
with one IN on the unit so the list view keeps an index (permissions.Scope.officer_condition)."""

import frappe
from frappe.tests.utils import FrappeTestCase

from complaints_mgmt.permissions import Scope, complaint_query_conditions, scopes_kept
from complaints_mgmt.tests.utils import (
	make_complaint,
	make_directorate,
	make_governorate,
	make_liaison_officer,
	make_social_unit,
	recorded_queries,
	visible_complaints,
)


# the query that finds a user's Liaison Officer record (permissions.Scope)
OFFICER_LOOKUP = "FROM `tabLiaison Officer` WHERE"


class TestOfficerScope(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_governorate()
		cls.directorate = make_directorate(
			"Cairo", name=f"Scope Directorate {frappe.generate_hash(length=5)}"
		).name
		cls.own_unit = cls.unit()
		cls.other_unit = cls.unit()
		cls.officer = make_liaison_officer([("Social Unit", cls.own_unit)]).name
		cls.colleague = make_liaison_officer([("Social Unit", cls.other_unit)]).name

	@classmethod
	def unit(cls) -> str:
		return make_social_unit(cls.directorate, district=f"District {frappe.generate_hash(length=6)}").name

	def complaint(self, unit: str | None, officer: str | None) -> str:
		doc = make_complaint()
		# Put it where the test wants it, whatever routing and assignment decided.
		frappe.db.set_value(
			"Complaint",
			doc.name,
			{
				"directorate": self.directorate,
				"unit_doctype": "Social Unit" if unit else None,
				"unit": unit,
				"social_unit": unit,
				"liaison_officer": officer,
			},
		)
		return doc.name

	def test_an_officer_sees_their_units_and_what_is_assigned_to_them_elsewhere(self):
		in_own_unit = self.complaint(self.own_unit, self.colleague)
		assigned_elsewhere = self.complaint(self.other_unit, self.officer)
		not_theirs = self.complaint(self.other_unit, self.colleague)
		seen = visible_complaints(self.officer)
		self.assertIn(in_own_unit, seen)
		self.assertIn(assigned_elsewhere, seen)
		self.assertNotIn(not_theirs, seen)
		# its unit's officer keeps it too
		self.assertIn(assigned_elsewhere, visible_complaints(self.colleague))

	def test_a_complaint_assigned_to_them_without_a_unit_stays_in_their_list(self):
		without_unit = self.complaint(None, self.officer)
		self.assertIn(without_unit, visible_complaints(self.officer))

	def test_the_condition_leads_with_one_in_on_the_unit(self):
		newcomer_unit = self.unit()
		newcomer = make_liaison_officer([("Social Unit", newcomer_unit)]).name
		condition = Scope(newcomer).complaint_conditions()
		self.assertNotIn("liaison_officer", condition)  # nothing assigned elsewhere: no OR across columns
		self.assertIn(frappe.db.escape(newcomer_unit), condition)

		self.complaint(self.other_unit, newcomer)
		condition = Scope(newcomer).complaint_conditions()
		self.assertTrue(condition.startswith("((`tabComplaint`.`unit` in ("), condition)
		leading_in = condition.split(") and (")[0]
		self.assertIn(frappe.db.escape(self.other_unit), leading_in)

	def test_a_page_of_figures_looks_the_officers_scope_up_once(self):
		"""A workspace page counts a dozen figures of the same reader's complaints (api/workspace_page.py):
		inside scopes_kept() the reader's units are looked up once; outside it, every time (a change of
		their units shows at once)."""
		self.complaint(self.other_unit, self.officer)
		with recorded_queries() as queries:
			outside = [complaint_query_conditions(self.officer) for _ in range(3)]
		looked_up_outside = sum(OFFICER_LOOKUP in query for query in queries)
		with recorded_queries() as queries, scopes_kept():
			inside = [complaint_query_conditions(self.officer) for _ in range(3)]
		looked_up_inside = sum(OFFICER_LOOKUP in query for query in queries)
		with recorded_queries() as queries:
			after = complaint_query_conditions(self.officer)
		lookups = [query for query in queries if OFFICER_LOOKUP in query]
		self.assertEqual(set(inside), set(outside))
		self.assertEqual(after, outside[0])
		self.assertEqual(looked_up_inside * 3, looked_up_outside)
		self.assertGreater(looked_up_inside, 0)
		self.assertTrue(lookups, "scopes are built again once the page is done")
