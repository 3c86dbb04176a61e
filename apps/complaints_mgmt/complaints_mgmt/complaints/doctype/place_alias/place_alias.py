from frappe.model.document import Document


class PlaceAlias(Document):
	pass
