from frappe.model.document import Document


class SocialUnitPlace(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		district: DF.Link
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		village: DF.Link | None
	# end: auto-generated types
	pass


def on_doctype_update():
	"""Routing finds the unit serving a place (routing._social_unit_of_place)."""
	import frappe

	frappe.db.add_index("Social Unit Place", ["district", "village"])
