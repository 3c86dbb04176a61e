# Copyright (c) 2026, complaints_mgmt developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class ComplaintEscalationLevel(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		hours: DF.Float
		level: DF.Int
		notify: DF.Literal["Liaison Officer", "Directorate Head", "Headquarters"]
		notify_email: DF.Data | None
		notify_role: DF.Link | None
		notify_user: DF.Link | None
		parent: DF.Data
		parentfield: DF.Data
		parenttype: DF.Data
		timing: DF.Literal["Before the Deadline", "After the Deadline"]
	# end: auto-generated types

	pass
