# Copyright (c) 2026, complaints_mgmt developers and contributors
# For license information, please see license.txt

# import frappe
from frappe.model.document import Document


class Governorate(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		code: DF.Data
		governorate_name: DF.Data
		name_ar: DF.Data | None
		region: DF.Link | None
	# end: auto-generated types
	pass
