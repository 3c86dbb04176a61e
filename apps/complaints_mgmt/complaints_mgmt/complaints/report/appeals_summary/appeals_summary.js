// Copyright (c) 2026, complaints_mgmt developers and contributors
// For license information, please see license.txt

{% include "complaints_mgmt/complaints/report/complaint_report_filters.js" %}

frappe.query_reports["Appeals Summary"] = {
	formatter: complaints_mgmt.reports.group_formatter,
	filters: [
		complaints_mgmt.reports.group_by_filter(
			[
				{ value: "directorate", label: __("Directorate") },
				{ value: "governorate", label: __("Governorate") },
				{ value: "category", label: __("Category") },
				{ value: "decision", label: __("Decision") },
				{ value: "status", label: __("Status") },
				{ value: "month", label: __("Month") },
			],
			"directorate"
		),
		...complaints_mgmt.reports.date_filters(),
		...complaints_mgmt.reports.place_filters(),
		{ fieldname: "category", label: __("Category"), fieldtype: "Link", options: "Complaint Category" },
		{
			fieldname: "decision",
			label: __("Decision"),
			fieldtype: "Select",
			options: [""], // from the Appeal DocType when the report loads
		},
		{ fieldname: "status", label: __("Status"), fieldtype: "Link", options: "Workflow State" },
	],
	onload(report) {
		complaints_mgmt.reports.set_select_options(report, "Appeal", ["decision"]);
	},
};
