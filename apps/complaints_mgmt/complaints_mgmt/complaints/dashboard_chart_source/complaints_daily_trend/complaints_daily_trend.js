frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["Complaints Daily Trend"] = {
	method: "complaints_mgmt.api.dashboard.daily_trend",
	filters: complaints_mgmt.chart_place_filters(),
};
