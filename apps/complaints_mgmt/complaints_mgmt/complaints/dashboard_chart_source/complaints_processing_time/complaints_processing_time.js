frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["Complaints Processing Time"] = {
	method: "complaints_mgmt.api.dashboard.processing_time_distribution",
	filters: complaints_mgmt.chart_place_filters(),
};
