# Copyright (c) 2026, complaints_mgmt developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document

from complaints_mgmt.routing import UNIT_DOCTYPES


class RoutingRule(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		category: DF.Link | None
		description: DF.SmallText | None
		district: DF.Data | None
		enabled: DF.Check
		governorate: DF.Link | None
		priority: DF.Int
		target: DF.DynamicLink
		target_doctype: DF.Link
	# end: auto-generated types

	def validate(self):
		self.district = (self.district or "").strip() or None
		if self.target_doctype not in UNIT_DOCTYPES:
			frappe.throw(_("A routing rule sends complaints to a social unit, a directorate or a sector."))
		if self.district and not self.governorate:
			frappe.throw(_("Choose the governorate of the district."))


def on_doctype_update():
	frappe.db.add_index("Routing Rule", ["governorate", "district"])
