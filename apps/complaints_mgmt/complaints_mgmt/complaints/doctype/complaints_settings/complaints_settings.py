# Copyright (c) 2026, complaints_mgmt developers and contributors
# For license information, please see license.txt

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint

from complaints_mgmt.service_levels.escalation import EscalationLevelError, validate_escalation_levels


class ComplaintsSettings(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from complaints_mgmt.complaints.doctype.complaint_escalation_level.complaint_escalation_level import (
			ComplaintEscalationLevel,
		)
		from frappe.types import DF

		anonymise_after_days: DF.Int
		appeal_days: DF.Int
		appeal_decision_days: DF.Int
		citizen_reopen_days: DF.Int
		complainant_lookups_per_hour: DF.Int
		escalation_batch_size: DF.Int
		escalation_enabled: DF.Check
		escalation_levels: DF.Table[ComplaintEscalationLevel]
		hijri_for_citizens: DF.Check
		hijri_in_desk: DF.Check
		national_id_format: DF.Literal["EG", "JO", "IQ", "ANY"]
		sms_max_attempts: DF.Int
		sms_retry_minutes: DF.Int
		sms_timeout_seconds: DF.Int
		triage_directorate: DF.Link | None
		working_calendar: DF.Link | None
	# end: auto-generated types

	def validate(self):
		self.check_level_numbers()
		validate_escalation_levels(self)

	def check_level_numbers(self) -> None:
		"""escalation.escalation_levels() skips a level below 1: refuse it rather than ignore it."""
		for row in self.escalation_levels:
			if cint(row.level) < 1:
				frappe.throw(
					_("Row {0} of {1}: {2} must be 1 or more.").format(
						row.idx,
						_(self.meta.get_label("escalation_levels")),
						_(frappe.get_meta(row.doctype).get_label("level")),
					),
					EscalationLevelError,
					title=_("Invalid Setting"),
				)
