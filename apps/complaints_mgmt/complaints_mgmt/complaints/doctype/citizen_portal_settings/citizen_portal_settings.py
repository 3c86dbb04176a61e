# Copyright (c) 2026, complaints_mgmt developers and contributors
# For license information, please see license.txt

from frappe.model.document import Document


class CitizenPortalSettings(Document):
	# begin: auto-generated types
	# end: auto-generated types
	pass
