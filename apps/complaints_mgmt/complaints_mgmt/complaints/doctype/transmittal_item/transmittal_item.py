from frappe.model.document import Document


class TransmittalItem(Document):
	pass
