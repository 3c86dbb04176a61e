# Copyright (c) 2026, complaints_mgmt developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from complaints_mgmt.places.served import check_place_of_rule
from complaints_mgmt.lifecycle.routing import UNIT_DOCTYPES


class RoutingRule(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		category: DF.Link | None
		description: DF.SmallText | None
		district: DF.Link | None
		enabled: DF.Check
		governorate: DF.Link | None
		priority: DF.Int
		target: DF.DynamicLink
		target_doctype: DF.Link
		village: DF.Link | None
	# end: auto-generated types

	def validate(self):
		if self.target_doctype not in UNIT_DOCTYPES:
			frappe.throw(_("A routing rule sends complaints to a social unit, a directorate or a sector."))
		check_place_of_rule(self)


def on_doctype_update():
	frappe.db.add_index("Routing Rule", ["governorate", "district"])
	frappe.db.add_index("Routing Rule", ["village"])
