# Copyright (c) 2026, complaints_mgmt developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from complaints_mgmt.service_levels.sla import validate_policy


class SLAPolicy(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		accept_hours: DF.Float
		category: DF.Link | None
		complaint_type: DF.Literal["", "Complaint", "Request", "Inquiry", "Suggestion", "Distress Appeal"]
		enabled: DF.Check
		policy_name: DF.Data
		priority: DF.Literal["", "Low", "Medium", "High", "Urgent"]
		resolve_days: DF.Int
	# end: auto-generated types

	def validate(self):
		validate_policy(self)
