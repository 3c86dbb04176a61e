from frappe.model.document import Document


class TransmittalItem(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		complaint: DF.Link
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		replied_on: DF.Date | None
		reply_note: DF.SmallText | None
		subject: DF.Data | None
	# end: auto-generated types
	pass
