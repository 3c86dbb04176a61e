"""Frappe endpoints replaced because Frappe 15.44's own leak records past their permissions
(hook `override_whitelisted_methods`)."""

import frappe
from frappe.client import get_safe_filters
from frappe.desk import listview

from complaints_mgmt.permissions import CITIZEN_RECORDS, Scope


@frappe.whitelist()
def get_count(
	doctype: str, filters: str | dict | list | None = None, debug: bool = False, cache: bool = False
) -> int:
	"""frappe.client.get_count, counting only the records the user may read. Frappe's counts every record
	of any DocType for any logged-in user, so a website user could learn complaints' national IDs digit by
	digit with `like` filters. `debug` and `cache` are accepted for the callers and ignored."""
	rows = frappe.get_list(
		doctype, filters=get_safe_filters(filters), fields=["count(*) as total_count"], order_by=None
	)
	return rows[0].total_count if rows else 0


@frappe.whitelist()
def get_group_by_count(doctype: str, current_filters: str, field: str) -> list[dict]:
	"""The list sidebar's counts (frappe.desk.listview.get_group_by_count). For "Assigned To" Frappe
	counts the open ToDos of every record of the DocType that matches the filters, readable or not: a
	liaison officer saw every officer of the country with their number of complaints. Here the records
	are those the user may list (frappe.get_list's conditions). Other fields go through get_list already."""
	if field != "assigned_to":
		return listview.get_group_by_count(doctype, current_filters, field)
	readable = frappe.get_list(
		doctype,
		filters=frappe.parse_json(current_filters),
		fields=["name"],
		limit_page_length=0,
		order_by="",
		run=0,
	)
	# A user who sees a unit's or a directorate's complaints: MariaDB would still start from every user's
	# open ToDos (2.5 s at a million complaints); reading the user's records first takes 45 to 270 ms.
	# For national roles the optimizer's own order is the faster one.
	scoped = doctype in CITIZEN_RECORDS and not Scope(frappe.session.user).national
	return frappe.db.sql(
		f"""select {"straight_join" if scoped else ""} todo.allocated_to as name, count(*) as count
		from ({readable}) readable
		join `tabToDo` todo on todo.reference_name = readable.name and todo.reference_type = %(doctype)s
		join `tabUser` user on user.name = todo.allocated_to
		where todo.status != 'Cancelled' and user.user_type = 'System User'
		group by todo.allocated_to order by count desc limit 50""",
		{"doctype": doctype},
		as_dict=True,
	)
