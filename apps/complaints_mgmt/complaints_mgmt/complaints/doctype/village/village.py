import frappe
from frappe import _
from frappe.model.document import Document

from complaints_mgmt.places.records import PlaceRecord


class Village(PlaceRecord, Document):
	parent_field = "district"

	def validate(self):
		self.validate_names()
		self.governorate = frappe.db.get_value("District", self.district, "governorate")
		if not self.governorate:
			frappe.throw(_("Choose the district of the village."), frappe.LinkValidationError)
