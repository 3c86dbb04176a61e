# Copyright (c) 2026, complaints_mgmt developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document


class OutboundStatusUpdate(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		attempts: DF.Int
		changed_on: DF.Datetime | None
		complaint: DF.Link
		complaint_status: DF.Data | None
		external_reference: DF.Data | None
		last_error: DF.SmallText | None
		next_attempt: DF.Datetime | None
		payload: DF.Code | None
		response_code: DF.Int
		sent_on: DF.Datetime | None
		sequence: DF.Int
		status: DF.Literal["Queued", "Sent", "Failed", "Superseded"]
	# end: auto-generated types
	pass


def on_doctype_update():
	"""The retry job looks for due updates; the sender looks for a complaint's newer updates."""
	frappe.db.add_index("Outbound Status Update", ["status", "next_attempt"])
	frappe.db.add_index("Outbound Status Update", ["complaint", "sequence"])
