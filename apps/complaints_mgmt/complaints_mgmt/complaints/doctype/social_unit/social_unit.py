# Copyright (c) 2026, complaints_mgmt developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from complaints_mgmt.places.served import check_places_served


class SocialUnit(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from complaints_mgmt.complaints.doctype.social_unit_place.social_unit_place import SocialUnitPlace
		from frappe.types import DF

		address: DF.SmallText | None
		directorate: DF.Link
		district: DF.Data | None
		governorate: DF.Link | None
		is_active: DF.Check
		name_ar: DF.Data | None
		places: DF.Table[SocialUnitPlace]
		unit_code: DF.Data
		unit_name: DF.Data
	# end: auto-generated types

	def validate(self):
		check_places_served(self)
