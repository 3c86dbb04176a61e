"""A transmittal sheet: its rules are in staff_tools/transmittals.py."""

from frappe.model.document import Document

from complaints_mgmt.staff_tools import transmittals


class Transmittal(Document):
	def validate(self):
		transmittals.check_complaints(self)
		transmittals.count_replies(self)

	def after_insert(self):
		transmittals.note_sent_on_timelines(self)

	def on_update(self):
		transmittals.note_replies_on_timelines(self)
