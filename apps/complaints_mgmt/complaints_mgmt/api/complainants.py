"""The desk's look-up of a complainant's complaints by the national ID a caller gives.

The Complaint table keeps only the masked national ID and its keyed hash (security/personal_data.py), so the
list cannot be filtered by the digits. Staff type the ID into the list's "Find by National ID" dialog
(complaint_list.js); this endpoint checks it and answers its hash, and the list is filtered by
`national_id_hash` like any other field: it shows only the complaints the user may read. POST only, so
the ID never sits in a URL or an access log.
"""

import frappe
from frappe import _

from complaints_mgmt.intake.national_id import national_id_country, national_id_hash, validate_national_id
from complaints_mgmt.lifecycle.transitions import is_staff


@frappe.whitelist(methods=["POST"])
def national_id_filter(national_id: str) -> str:
	"""The value of `national_id_hash` the complaints of this national ID carry (a translated error for an
	ID that is not valid)."""
	if not (is_staff() and frappe.has_permission("Complaint", "read")):
		frappe.throw(
			_("Only staff who may read complaints can look a complainant up."), frappe.PermissionError
		)
	return national_id_hash(validate_national_id(national_id, national_id_country()))
