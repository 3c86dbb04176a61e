"""Frappe endpoints replaced because Frappe 15.44's own leak records past their permissions, or get
their rows wrong (hook `override_whitelisted_methods`)."""

import frappe
from frappe import _
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


@frappe.whitelist()
def export_query():
	"""The desk's export of a list or report view (frappe.desk.reportview.export_query) with each row once.

	Frappe 15.44 adds every row translated so far inside its loop when "translate values" is ticked (the
	export dialog's default, and what a reader of Arabic needs): row k repeated rows 1..k, and 100
	complaints exported as 5,050 rows. The steps are Frappe's own; the rows are added once."""
	from frappe.core.doctype.access_log.access_log import make_access_log
	from frappe.desk import reportview
	from frappe.desk.utils import get_csv_bytes, pop_csv_params, provide_binary_file
	from frappe.model.db_query import DatabaseQuery
	from frappe.utils.xlsxutils import handle_html, make_xlsx

	form_params = reportview.get_form_params()
	form_params["limit_page_length"] = None
	form_params["as_list"] = True
	doctype = form_params.pop("doctype")
	file_format_type = form_params.pop("file_format_type")
	title = form_params.pop("title", doctype)
	csv_params = pop_csv_params(form_params)
	add_totals_row = form_params.pop("add_totals_row", None) == "1"
	translate_values = form_params.pop("translate_values", None) == "1"

	frappe.permissions.can_export(doctype, raise_exception=True)
	if selection := form_params.pop("selected_items", None):
		form_params["filters"] = {"name": ("in", frappe.parse_json(selection))}
	make_access_log(
		doctype=doctype,
		file_type=file_format_type,
		report_name=form_params.report_name,
		filters=form_params.filters,
	)

	db_query = DatabaseQuery(doctype)
	rows = db_query.execute(**form_params)
	if add_totals_row:
		rows = reportview.append_totals_row(rows)
	fields_info = reportview.get_field_info(db_query.fields, doctype)
	translate = [translate_values and info["translatable"] for info in fields_info]
	data = [[_("Sr"), *(info["label"] for info in fields_info)]]
	data.extend(
		[number, *(_(value) if translate[i] and value else value for i, value in enumerate(row))]
		for number, row in enumerate(rows, start=1)
	)
	data = reportview.handle_duration_fieldtype_values(doctype, data, db_query.fields)

	if file_format_type == "CSV":
		content = get_csv_bytes(
			[[handle_html(frappe.as_unicode(v)) if isinstance(v, str) else v for v in r] for r in data],
			csv_params,
		)
		extension = "csv"
	elif file_format_type == "Excel":
		content = make_xlsx(data, doctype).getvalue()
		extension = "xlsx"
	else:
		frappe.throw(_("Choose CSV or Excel."))
	provide_binary_file(title, extension, content)
