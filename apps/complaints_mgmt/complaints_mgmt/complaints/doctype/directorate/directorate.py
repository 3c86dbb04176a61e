# Copyright (c) 2026, complaints_mgmt developers and contributors
# For license information, please see license.txt

# import frappe
from frappe.model.document import Document


class Directorate(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		address: DF.SmallText | None
		directorate_name: DF.Data
		email: DF.Data | None
		governorate: DF.Link
		head: DF.Link | None
		is_active: DF.Check
		ministry: DF.Data | None
		name_ar: DF.Data | None
		parent_sector: DF.Link | None
		phone: DF.Data | None
		region: DF.Link | None
	# end: auto-generated types
	pass
