"""Which complaints each user sees: their unit's, their directorate's, their own; and the database keeps
using its indexes to find them."""

import json

import frappe
from frappe.tests.utils import FrappeTestCase

from complaints_mgmt.tests.utils import (
	make_complaint,
	make_directorate,
	make_governorate,
	make_user,
	visible_complaints,
)


class TestRecordAccess(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_governorate("Cairo", "01")
		make_governorate("Giza", "21", "Greater Cairo")
		cls.head_cairo = make_user("access.head.cairo@test.complaints.local", ["Directorate Head"]).name
		cls.head_giza = make_user("access.head.giza@test.complaints.local", ["Directorate Head"]).name
		cls.cairo = make_directorate("Cairo", "Access Cairo Directorate", head=cls.head_cairo).name
		cls.giza = make_directorate("Giza", "Access Giza Directorate", head=cls.head_giza).name
		cls.citizen_a = make_user("access.a@test.complaints.local", ["Citizen"], "Website User").name
		cls.citizen_b = make_user("access.b@test.complaints.local", ["Citizen"], "Website User").name
		cls.manager = make_user("access.manager@test.complaints.local", ["Complaints Manager"]).name
		cls.in_cairo = cls._complaint(cls.cairo, cls.citizen_a)
		cls.in_giza = cls._complaint(cls.giza, cls.citizen_b)

	@staticmethod
	def _complaint(directorate: str, citizen: str) -> str:
		doc = make_complaint(citizen_user=citizen)
		# Put it where the test wants it, whatever routing decided.
		frappe.db.set_value(
			"Complaint",
			doc.name,
			{
				"directorate": directorate,
				"unit_doctype": "Directorate",
				"unit": directorate,
				"liaison_officer": None,
			},
		)
		return doc.name

	def test_a_directorate_head_sees_their_directorate_only(self):
		self.assertIn(self.in_cairo, visible_complaints(self.head_cairo))
		self.assertNotIn(self.in_giza, visible_complaints(self.head_cairo))
		self.assertIn(self.in_giza, visible_complaints(self.head_giza))
		giza_doc = frappe.get_doc("Complaint", self.in_giza)
		self.assertFalse(frappe.has_permission("Complaint", "read", giza_doc, user=self.head_cairo))

	def test_a_citizen_sees_their_own_complaints_only(self):
		self.assertEqual(visible_complaints(self.citizen_a) & {self.in_cairo, self.in_giza}, {self.in_cairo})
		self.assertEqual(visible_complaints(self.citizen_b) & {self.in_cairo, self.in_giza}, {self.in_giza})
		cairo_doc = frappe.get_doc("Complaint", self.in_cairo)
		self.assertTrue(frappe.has_permission("Complaint", "read", cairo_doc, user=self.citizen_a))
		self.assertFalse(frappe.has_permission("Complaint", "read", cairo_doc, user=self.citizen_b))

	def test_a_national_role_sees_everything(self):
		self.assertLessEqual({self.in_cairo, self.in_giza}, visible_complaints(self.manager))

	def test_a_user_without_a_scope_sees_nothing(self):
		stranger = make_user("access.stranger@test.complaints.local", ["Directorate Head"]).name
		self.assertEqual(visible_complaints(stranger) & {self.in_cairo, self.in_giza}, set())

	def test_workflow_actions_of_another_directorates_complaint_are_closed(self):
		"""Frappe opens a Workflow Action to every holder of its role; ours follow the complaint's scope
		(the default workflow makes none, an administrator may turn them on)."""
		actions = {}
		for complaint in (self.in_cairo, self.in_giza):
			action = frappe.get_doc(
				{
					"doctype": "Workflow Action",
					"reference_doctype": "Complaint",
					"reference_name": complaint,
					"workflow_state": "Routed",
					"status": "Open",
					"permitted_roles": [{"role": "Directorate Head"}],
				}
			).insert(ignore_permissions=True)
			actions[complaint] = action
		listed = set(
			frappe.get_list(
				"Workflow Action", pluck="reference_name", user=self.head_cairo, limit_page_length=0
			)
		)
		self.assertIn(self.in_cairo, listed)
		self.assertNotIn(self.in_giza, listed)
		self.assertTrue(
			frappe.has_permission("Workflow Action", "read", actions[self.in_cairo], user=self.head_cairo)
		)
		self.assertFalse(
			frappe.has_permission("Workflow Action", "read", actions[self.in_giza], user=self.head_cairo)
		)

	def test_the_permission_condition_keeps_an_index_usable(self):
		"""Frappe's non-strict user permissions wrap the column in ifnull(), which no index serves."""
		for user, column in ((self.head_cairo, "directorate"), (self.citizen_a, "citizen_user")):
			query = frappe.get_list("Complaint", fields=["name"], user=user, run=0, order_by="creation desc")
			self.assertNotIn("ifnull", query.lower())
			plan = json.loads(frappe.db.sql(f"EXPLAIN FORMAT=JSON {query}")[0][0])
			keys = _possible_keys(plan)
			self.assertTrue(
				any(column in _index_columns(key) for key in keys),
				f"no index on {column} can serve the list of {user}: {keys}",
			)

	def test_assignment_lookups_use_the_todo_index(self):
		"""Complaint names are strings, so `reference_name` is compared as a string and its index is used."""
		query = frappe.qb.get_query(
			"ToDo",
			fields=["name"],
			filters={"reference_type": "Complaint", "reference_name": self.in_cairo, "status": "Open"},
		).get_sql()
		plan = json.loads(frappe.db.sql(f"EXPLAIN FORMAT=JSON {query}")[0][0])
		self.assertTrue(
			any("reference_name" in _index_columns(key, "tabToDo") for key in _possible_keys(plan)),
			plan,
		)

	def test_an_officers_assignment_list_is_read_from_an_index(self):
		"""Every complaint has a ToDo: the ToDo list an officer works from (their open ones, newest first,
		within Frappe's "assigned to or by the user") must not read the whole table."""
		officer = make_user("access.officer@test.complaints.local", ["Liaison Officer"]).name
		query = frappe.get_list(
			"ToDo",
			fields=["name"],
			filters={"status": "Open", "allocated_to": officer},
			order_by="modified desc",
			user=officer,
			run=0,
		)
		self.assertIn("assigned_by", query, "Frappe's permission condition")
		keys = _possible_keys(json.loads(frappe.db.sql(f"EXPLAIN FORMAT=JSON {query}")[0][0]))
		self.assertIn(
			["allocated_to", "status", "modified"], [_index_columns(key, "tabToDo") for key in keys]
		)
		unfiltered = frappe.get_list("ToDo", fields=["name"], user=officer, run=0)
		keys = _possible_keys(json.loads(frappe.db.sql(f"EXPLAIN FORMAT=JSON {unfiltered}")[0][0]))
		leading = {_index_columns(key, "tabToDo")[0] for key in keys}
		self.assertLessEqual({"allocated_to", "assigned_by"}, leading, keys)


def _possible_keys(node) -> list[str]:
	keys = []
	if isinstance(node, dict):
		keys.extend(node.get("possible_keys") or [])
		for value in node.values():
			keys.extend(_possible_keys(value))
	elif isinstance(node, list):
		for value in node:
			keys.extend(_possible_keys(value))
	return keys


def _index_columns(key: str, table: str = "tabComplaint") -> list[str]:
	rows = frappe.db.sql(f"SHOW INDEX FROM `{table}` WHERE Key_name = %s", key, as_dict=True)
	return [row.Column_name for row in rows]
