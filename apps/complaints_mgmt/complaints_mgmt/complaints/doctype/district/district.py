from frappe.model.document import Document

from complaints_mgmt.places.records import PlaceRecord


class District(PlaceRecord, Document):
	parent_field = "governorate"

	def validate(self):
		self.validate_names()
