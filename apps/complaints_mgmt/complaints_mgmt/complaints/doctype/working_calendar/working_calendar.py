# Copyright (c) 2026, complaints_mgmt developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document

from complaints_mgmt.service_levels.public_holidays import add_public_holidays
from complaints_mgmt.service_levels.working_time import validate_calendar


class WorkingCalendar(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from complaints_mgmt.complaints.doctype.working_calendar_holiday.working_calendar_holiday import (
			WorkingCalendarHoliday,
		)
		from frappe.types import DF

		calendar_name: DF.Data
		country: DF.Literal["EG", "JO", "IQ"]
		friday_off: DF.Check
		holidays: DF.Table[WorkingCalendarHoliday]
		monday_off: DF.Check
		saturday_off: DF.Check
		seeded_years: DF.SmallText | None
		sunday_off: DF.Check
		thursday_off: DF.Check
		tuesday_off: DF.Check
		wednesday_off: DF.Check
	# end: auto-generated types

	def validate(self):
		validate_calendar(self)

	@frappe.whitelist()
	def add_public_holidays(self, year: int):
		self.check_permission("write")
		added = add_public_holidays(self, int(year))
		self.save()
		return added
