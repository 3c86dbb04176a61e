"""A mass incident: its rules are in staff_tools/incidents.py."""

from frappe.model.document import Document

from complaints_mgmt.staff_tools import incidents


class ComplaintIncident(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		answer: DF.Text | None
		category: DF.Link
		complaint_count: DF.Int
		district: DF.Link | None
		governorate: DF.Link
		incident_owner: DF.Link | None
		period_from: DF.Date
		period_to: DF.Date | None
		status: DF.Literal["Open", "Answered", "Closed"]
		title_ar: DF.Data
		title_en: DF.Data | None

	# end: auto-generated types
	def validate(self):
		incidents.check_period(self)
		incidents.check_place(self)
