// Copyright (c) 2026, complaints_mgmt developers and contributors
// For license information, please see license.txt

{% include "complaints_mgmt/complaints/report/complaint_report_filters.js" %}

frappe.query_reports["Complaints Analysis"] = complaints_mgmt.reports.grouped_complaint_report("governorate");
