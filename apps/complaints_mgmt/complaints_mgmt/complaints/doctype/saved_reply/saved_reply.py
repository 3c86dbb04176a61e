# Copyright (c) 2026, complaints_mgmt developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from complaints_mgmt.staff_tools.saved_replies import check_placeholders


class SavedReply(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		category: DF.Link | None
		is_active: DF.Check
		last_used_on: DF.Datetime | None
		name: DF.Int | None
		step: DF.Literal["Answer", "Transfer Reason", "Reviewer's Note", "Rejection Reason"]
		text_ar: DF.SmallText
		text_en: DF.SmallText | None
		title: DF.Data
		usage_count: DF.Int
	# end: auto-generated types

	def validate(self):
		check_placeholders(self)
