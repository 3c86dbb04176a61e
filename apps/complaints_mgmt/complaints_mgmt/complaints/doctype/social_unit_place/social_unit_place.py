from frappe.model.document import Document


class SocialUnitPlace(Document):
	pass


def on_doctype_update():
	"""Routing finds the unit serving a place (routing._social_unit_of_place)."""
	import frappe

	frappe.db.add_index("Social Unit Place", ["district", "village"])
