frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["Complaints Daily Trend"] = {
	method: "complaints_mgmt.api.dashboard.daily_trend",
	filters: [
		{ fieldname: "governorate", label: __("Governorate"), fieldtype: "Link", options: "Governorate" },
		{ fieldname: "directorate", label: __("Directorate"), fieldtype: "Link", options: "Directorate" },
		{ fieldname: "category", label: __("Category"), fieldtype: "Link", options: "Complaint Category" },
	],
};
