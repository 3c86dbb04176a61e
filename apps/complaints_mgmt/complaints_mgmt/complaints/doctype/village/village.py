import frappe
from frappe import _
from frappe.model.document import Document

from complaints_mgmt.places.records import PlaceRecord


class Village(PlaceRecord, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from complaints_mgmt.complaints.doctype.place_alias.place_alias import PlaceAlias
		from frappe.types import DF

		aliases: DF.Table[PlaceAlias]
		code: DF.Data | None
		district: DF.Link
		governorate: DF.Link | None
		kind: DF.Literal["Village", "Shiakha"]
		name_ar: DF.Data
		name_en: DF.Data
	# end: auto-generated types
	parent_field = "district"

	def validate(self):
		self.validate_names()
		self.governorate = frappe.db.get_value("District", self.district, "governorate")
		if not self.governorate:
			frappe.throw(_("Choose the district of the village."), frappe.LinkValidationError)
