// Copyright (c) 2026, complaints_mgmt developers and contributors
// For license information, please see license.txt

{% include "complaints_mgmt/complaints/report/complaint_report_filters.js" %}

frappe.query_reports["Appeals Summary"] = {
	formatter: complaints_mgmt.reports.group_formatter,
	filters: [
		complaints_mgmt.reports.group_by_filter(
			complaints_mgmt.reports.groups(
				"directorate",
				"governorate",
				"category",
				"decision",
				"status",
				"month"
			),
			"directorate"
		),
		...complaints_mgmt.reports.date_filters(),
		...complaints_mgmt.reports.place_filters(),
		complaints_mgmt.reports.category_filter(),
		{
			fieldname: "decision",
			label: __("Decision"),
			fieldtype: "Select",
			options: [""], // from the Appeal DocType when the report loads
		},
		complaints_mgmt.reports.status_filter(),
	],
	onload(report) {
		complaints_mgmt.reports.set_select_options(report, "Appeal", ["decision"]);
	},
};
