# Copyright (c) 2026, complaints_mgmt developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from complaints_mgmt.lifecycle.appeals import apply_decision, validate_appeal


class Appeal(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		appellant_name: DF.Data | None
		citizen_user: DF.Link | None
		complaint: DF.Link
		deadline: DF.Date | None
		decision: DF.Literal["", "Upheld", "Rejected", "Partly Upheld"]
		decision_date: DF.Date | None
		decision_note: DF.Text | None
		directorate: DF.Link | None
		grounds: DF.Text
		status: DF.Link | None
		submitted_on: DF.Datetime | None
	# end: auto-generated types

	def validate(self):
		validate_appeal(self)

	def on_update(self):
		apply_decision(self)
