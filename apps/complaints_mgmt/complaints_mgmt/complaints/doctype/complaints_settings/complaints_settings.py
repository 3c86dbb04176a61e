# Copyright (c) 2026, complaints_mgmt developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document

from complaints_mgmt.escalation import validate_escalation_levels


class ComplaintsSettings(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		from complaints_mgmt.complaints.doctype.complaint_escalation_level.complaint_escalation_level import (
			ComplaintEscalationLevel,
		)

		anonymise_after_days: DF.Int
		appeal_days: DF.Int
		appeal_decision_days: DF.Int
		citizen_reopen_days: DF.Int
		escalation_batch_size: DF.Int
		escalation_enabled: DF.Check
		escalation_levels: DF.Table[ComplaintEscalationLevel]
		national_id_format: DF.Literal["EG", "JO", "IQ", "ANY"]
		sms_max_attempts: DF.Int
		sms_retry_minutes: DF.Int
		sms_timeout_seconds: DF.Int
		triage_directorate: DF.Link | None
		working_calendar: DF.Link | None
	# end: auto-generated types

	def validate(self):
		validate_escalation_levels(self)
