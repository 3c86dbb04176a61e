// Copyright (c) 2026, complaints_mgmt developers and contributors
// For license information, please see license.txt

{% include "complaints_mgmt/complaints/report/complaint_report_filters.js" %}

frappe.query_reports["Complaints Analysis"] = {
	formatter: complaints_mgmt.reports.group_formatter,
	filters: [
		complaints_mgmt.reports.group_by_filter(complaints_mgmt.reports.COMPLAINT_GROUPS, "governorate"),
		...complaints_mgmt.reports.complaint_filters(),
	],
	onload(report) {
		complaints_mgmt.reports.set_select_options(report, "Complaint", ["channel"]);
	},
};
