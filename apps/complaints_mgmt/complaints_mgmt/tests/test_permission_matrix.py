"""The role permissions every DocType ships with match the table in docs/PERMISSIONS.md."""

import frappe
from frappe.tests.utils import FrappeTestCase

from complaints_mgmt.tests.permission_table import RIGHTS, documented_permissions


def shipped_matrix() -> dict[tuple[str, str], set[str]]:
	matrix = {}
	for doctype in frappe.get_all("DocType", filters={"module": "Complaints", "istable": 0}, pluck="name"):
		for perm in frappe.get_all("DocPerm", filters={"parent": doctype, "permlevel": 0}, fields=["*"]):
			rights = {right for right in RIGHTS if perm.get(right)}
			matrix.setdefault((doctype, perm.role), set()).update(rights)
	return matrix


class TestPermissionMatrix(FrappeTestCase):
	def test_the_table_is_read(self):
		matrix = documented_permissions()
		self.assertIn(("Complaint", "Citizen"), matrix)
		self.assertEqual(matrix[("Complaint", "Citizen")], {"read", "create", "print"})

	def test_every_doctype_of_the_app_ships_exactly_the_documented_rights(self):
		documented, shipped = documented_permissions(), shipped_matrix()
		undocumented = sorted(
			{doctype for doctype, _role in shipped} - {doctype for doctype, _role in documented}
		)
		self.assertEqual(undocumented, [], "DocTypes missing from docs/PERMISSIONS.md")
		differences = {
			key: {"documented": sorted(documented.get(key, ())), "shipped": sorted(shipped.get(key, ()))}
			for key in documented.keys() | shipped.keys()
			if documented.get(key, set()) != shipped.get(key, set())
		}
		self.assertEqual(differences, {})

	def test_no_one_but_administrators_deletes_a_complaint_or_an_appeal(self):
		for (doctype, role), rights in shipped_matrix().items():
			if doctype in ("Complaint", "Appeal") and "delete" in rights:
				self.assertIn(role, ("System Manager", "Complaints Administrator"))

	def test_a_citizen_never_writes_a_complaint_and_never_reads_the_organisations_people(self):
		self.assertFalse(frappe.permissions.has_permission("Complaint", "write", user=self._citizen()))
		self.assertFalse(frappe.permissions.has_permission("Liaison Officer", "read", user=self._citizen()))
		self.assertFalse(frappe.permissions.has_permission("Complaint", "export", user=self._citizen()))

	def _citizen(self) -> str:
		from complaints_mgmt.tests.utils import make_user

		return make_user("matrix.citizen@test.complaints.local", ["Citizen"], user_type="Website User").name
