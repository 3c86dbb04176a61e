# Copyright (c) 2026, complaints_mgmt developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document

from complaints_mgmt.lifecycle.assignment import sync_officer_units


class LiaisonOfficer(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from complaints_mgmt.complaints.doctype.liaison_officer_unit.liaison_officer_unit import LiaisonOfficerUnit
		from frappe.types import DF

		deputy: DF.Link | None
		full_name: DF.Data | None
		is_active: DF.Check
		max_open_load: DF.Int
		mobile: DF.Data
		units: DF.Table[LiaisonOfficerUnit]
		user: DF.Link
	# end: auto-generated types

	def on_update(self):
		sync_officer_units(self)

	def on_trash(self):
		sync_officer_units(self, "on_trash")


def on_doctype_update():
	"""The officers a deputy stands in for are looked up on every save of an officer (lifecycle/assignment.py)."""
	frappe.db.add_index("Liaison Officer", ["deputy", "is_active"])
