# Copyright (c) 2026, complaints_mgmt developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class WorkingCalendarHoliday(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		holiday_date: DF.Date
		holiday_name_ar: DF.Data | None
		holiday_name_en: DF.Data | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
	# end: auto-generated types

	pass
