# Copyright (c) 2026, complaints_mgmt developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document

from complaints_mgmt.complainant import validate_complainant
from complaints_mgmt.tracking import next_tracking_number


class Complaint(Document):
	# begin: auto-generated types
	# end: auto-generated types

	def autoname(self):
		self.name = next_tracking_number()

	def validate(self):
		validate_complainant(self)


def on_doctype_update():
	"""Indexes for the lists, reports and scheduled queries that filter complaints."""
	frappe.db.add_index("Complaint", ["directorate", "creation"])
	frappe.db.add_index("Complaint", ["unit", "creation"])
	frappe.db.add_index("Complaint", ["liaison_officer", "status"])
	frappe.db.add_index("Complaint", ["citizen_user", "creation"])
	frappe.db.add_index("Complaint", ["national_id_hash", "category"])
	frappe.db.add_index("Complaint", ["status", "deadline"])
	frappe.db.add_index("Complaint", ["governorate", "received_on"])
	frappe.db.add_index("Complaint", ["category", "received_on"])
	frappe.db.add_index("Complaint", ["received_on"])
