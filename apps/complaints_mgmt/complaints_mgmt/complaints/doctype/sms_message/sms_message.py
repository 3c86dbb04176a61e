# Copyright (c) 2026, complaints_mgmt developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document


class SMSMessage(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		attempts: DF.Int
		last_error: DF.SmallText | None
		message: DF.SmallText | None
		mobile: DF.Data | None
		next_attempt: DF.Datetime | None
		notification: DF.Link | None
		reference_doctype: DF.Link | None
		reference_name: DF.DynamicLink | None
		response_code: DF.Int
		sent_on: DF.Datetime | None
		status: DF.Literal["Queued", "Sent", "Failed"]
	# end: auto-generated types

	pass


def on_doctype_update():
	"""The retry job looks for messages due again; a complaint's form lists its messages."""
	frappe.db.add_index("SMS Message", ["status", "next_attempt"])
	frappe.db.add_index("SMS Message", ["reference_name", "reference_doctype"])
