# Copyright (c) 2026, complaints_mgmt developers and contributors
# For license information, please see license.txt

# import frappe
from frappe.model.document import Document


class ComplaintsSettings(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		appeal_days: DF.Int
		appeal_decision_days: DF.Int
		citizen_reopen_days: DF.Int
		national_id_format: DF.Literal["EG", "JO", "IQ", "ANY"]
		triage_directorate: DF.Link | None
	# end: auto-generated types
	pass
