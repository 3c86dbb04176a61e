# Copyright (c) 2026, complaints_mgmt developers and contributors
# For license information, please see license.txt

# import frappe
from frappe.utils.nestedset import NestedSet


class ComplaintCategory(NestedSet):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		acceptance_hours: DF.Int
		category_name: DF.Data
		default_priority: DF.Literal["Low", "Medium", "High", "Urgent"]
		hq_sector: DF.Link | None
		is_active: DF.Check
		is_group: DF.Check
		lft: DF.Int
		name_ar: DF.Data | None
		old_parent: DF.Link | None
		parent_complaint_category: DF.Link | None
		resolution_days: DF.Int
		rgt: DF.Int
		routing_level: DF.Literal["Social Unit", "Directorate", "Headquarters"]
		service_code: DF.Data | None
	# end: auto-generated types
	pass
