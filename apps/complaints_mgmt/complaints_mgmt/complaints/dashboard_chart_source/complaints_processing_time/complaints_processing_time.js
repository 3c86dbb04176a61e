frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["Complaints Processing Time"] = {
	method: "complaints_mgmt.api.dashboard.processing_time_distribution",
	filters: [
		{ fieldname: "governorate", label: __("Governorate"), fieldtype: "Link", options: "Governorate" },
		{ fieldname: "directorate", label: __("Directorate"), fieldtype: "Link", options: "Directorate" },
		{ fieldname: "category", label: __("Category"), fieldtype: "Link", options: "Complaint Category" },
	],
};
