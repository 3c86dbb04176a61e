"""Who may receive work follows the accounts and the units: a disabled user stops receiving complaints,
and a unit that had nobody to assign hands its waiting complaints to the officer who joins it."""

import frappe

from complaints_mgmt.tests.test_assignment import AssignmentTestCase
from complaints_mgmt.tests.utils import make_liaison_officer


class TestOfficerAvailability(AssignmentTestCase):
	def test_disabling_an_officers_account_hands_their_work_to_the_deputy(self):
		unit, officer, deputy, waiting = self.officer_with_a_deputy()

		user = frappe.get_doc("User", officer.user)
		user.enabled = 0
		user.save(ignore_permissions=True)

		self.assertEqual(frappe.db.get_value("Liaison Officer", officer.name, "is_active"), 0)
		self.assertEqual(frappe.db.get_value("Complaint", waiting.name, "liaison_officer"), deputy)
		self.assertEqual(self.register(unit).liaison_officer, deputy)

	def test_an_officer_who_joins_an_empty_unit_receives_its_waiting_complaints(self):
		unit = self.new_unit()
		first, second = self.register(unit), self.register(unit)
		self.assertFalse(first.liaison_officer)

		officer = make_liaison_officer([("Social Unit", unit)]).name

		for complaint in (first, second):
			self.assertEqual(frappe.db.get_value("Complaint", complaint.name, "liaison_officer"), officer)
			self.assertTrue(
				frappe.db.exists(
					"ToDo", {"reference_name": complaint.name, "allocated_to": officer, "status": "Open"}
				)
			)
