from frappe.model.document import Document

from complaints_mgmt.places.records import PlaceRecord


class District(PlaceRecord, Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from complaints_mgmt.complaints.doctype.place_alias.place_alias import PlaceAlias
		from frappe.types import DF

		aliases: DF.Table[PlaceAlias]
		code: DF.Data | None
		governorate: DF.Link
		kind: DF.Literal["Markaz", "Qism", "City", "New City"]
		name_ar: DF.Data
		name_en: DF.Data
		official_code: DF.Data | None
	# end: auto-generated types
	parent_field = "governorate"

	def validate(self):
		self.validate_names()
