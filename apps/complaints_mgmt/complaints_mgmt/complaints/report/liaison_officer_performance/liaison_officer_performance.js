// Copyright (c) 2026, complaints_mgmt developers and contributors
// For license information, please see license.txt

{% include "complaints_mgmt/complaints/report/complaint_report_filters.js" %}

frappe.query_reports["Liaison Officer Performance"] = complaints_mgmt.reports.complaint_report({
	filters: [
		...complaints_mgmt.reports.complaint_filters(),
		{ fieldname: "liaison_officer", label: __("Liaison Officer"), fieldtype: "Link", options: "Liaison Officer" },
	],
});
