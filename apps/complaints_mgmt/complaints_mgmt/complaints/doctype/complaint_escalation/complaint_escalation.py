# Copyright (c) 2026, complaints_mgmt developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document


class ComplaintEscalation(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		complaint: DF.Link
		directorate: DF.Link | None
		due_on: DF.Datetime | None
		escalated_on: DF.Datetime | None
		escalation_key: DF.Data | None
		level: DF.Int
		liaison_officer: DF.Link | None
		notified_on: DF.Datetime | None
		notify: DF.Literal["Liaison Officer", "Directorate Head", "Headquarters"]
		phase: DF.Literal["Acceptance", "Resolution"]
		recipient_emails: DF.SmallText | None
		recipient_mobiles: DF.SmallText | None
		subject: DF.Data | None
		unit: DF.Data | None
	# end: auto-generated types

	pass


def on_doctype_update():
	"""A complaint's escalations; the escalations whose notifications are still to be sent."""
	frappe.db.add_index("Complaint Escalation", ["complaint", "level"])
	frappe.db.add_index("Complaint Escalation", ["notified_on", "escalated_on"])
