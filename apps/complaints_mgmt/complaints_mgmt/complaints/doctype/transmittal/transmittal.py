"""A transmittal sheet: its rules are in staff_tools/transmittals.py."""

from frappe.model.document import Document

from complaints_mgmt.staff_tools import transmittals


class Transmittal(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from complaints_mgmt.complaints.doctype.transmittal_item.transmittal_item import TransmittalItem
		from frappe.types import DF

		addressed_to: DF.DynamicLink
		addressed_to_type: DF.Literal["Complaints Sector", "Directorate", "Social Unit"]
		answered_count: DF.Int
		complaint_count: DF.Int
		cover_note: DF.SmallText | None
		items: DF.Table[TransmittalItem]
		sent_on: DF.Date
		status: DF.Literal["Awaiting Replies", "Partly Answered", "Answered"]

	# end: auto-generated types
	def validate(self):
		transmittals.check_complaints(self)
		transmittals.count_replies(self)

	def after_insert(self):
		transmittals.note_sent_on_timelines(self)

	def on_update(self):
		transmittals.note_replies_on_timelines(self)
