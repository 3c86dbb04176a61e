// Copyright (c) 2026, complaints_mgmt developers and contributors
// For license information, please see license.txt

{% include "complaints_mgmt/complaints/report/complaint_report_filters.js" %}

// every late complaint by default, however long ago it came in (as the workspace's card counts them)
frappe.query_reports["Overdue Complaints"] = complaints_mgmt.reports.complaint_report({
	filters: complaints_mgmt.reports.complaint_filters(0),
	grouped: false,
});
