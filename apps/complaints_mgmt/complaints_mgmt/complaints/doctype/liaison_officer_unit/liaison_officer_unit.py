# Copyright (c) 2026, complaints_mgmt developers and contributors
# For license information, please see license.txt

# import frappe
from frappe.model.document import Document


class LiaisonOfficerUnit(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		unit: DF.DynamicLink
		unit_doctype: DF.Link
	# end: auto-generated types
	pass
