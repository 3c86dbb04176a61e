"""The bulk generator behind the benchmarks leaves complaints as a running system does: each one with
an officer has its one ToDo, open (and in the complaint's `_assign`) while the complaint is open and
cancelled once it ended, so the assignment lists are measured at volume too."""

import json

import frappe
from frappe.tests.utils import FrappeTestCase

from complaints_mgmt.lifecycle import states
from complaints_mgmt.setup.demo import load_demo
from complaints_mgmt.setup.volume import generate_complaints

ENDED = (states.CLOSED, states.REJECTED)


class TestVolumeGenerator(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		load_demo(complaints=0, governorate_codes=["01"], seed=7)
		before = set(frappe.get_all("Complaint", pluck="name"))
		generate_complaints(40, open_share=0.5, batch_size=15, seed=11)  # commits per batch
		cls.made = [
			row
			for row in frappe.get_all("Complaint", fields=["name", "status", "liaison_officer", "_assign"])
			if row.name not in before
		]

	@classmethod
	def tearDownClass(cls):
		names = [row.name for row in cls.made]
		if names:
			frappe.db.delete("ToDo", {"reference_type": "Complaint", "reference_name": ("in", names)})
			frappe.db.delete("Complaint", {"name": ("in", names)})
			frappe.db.commit()
		super().tearDownClass()

	def test_each_complaint_has_its_officers_todo_open_while_the_complaint_is(self):
		self.assertEqual(len(self.made), 40)
		assigned = [row for row in self.made if row.liaison_officer]
		self.assertTrue(any(row.status in ENDED for row in assigned), "some ended")
		self.assertTrue(any(row.status not in ENDED for row in assigned), "some open")
		for row in assigned:
			todos = frappe.get_all(
				"ToDo",
				filters={"reference_type": "Complaint", "reference_name": row.name},
				fields=["allocated_to", "status"],
			)
			ended = row.status in ENDED
			self.assertEqual(
				todos, [{"allocated_to": row.liaison_officer, "status": "Cancelled" if ended else "Open"}]
			)
			self.assertEqual(json.loads(row._assign), [] if ended else [row.liaison_officer])
