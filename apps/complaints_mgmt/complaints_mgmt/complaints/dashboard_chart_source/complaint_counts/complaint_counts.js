frappe.provide("frappe.dashboards.chart_sources");

frappe.dashboards.chart_sources["Complaint Counts"] = {
	method: "complaints_mgmt.api.dashboard.complaint_counts",
	filters: [
		{
			fieldname: "group_by",
			label: __("Group By"),
			fieldtype: "Select",
			options: [
				{ value: "status", label: __("Status") },
				{ value: "governorate", label: __("Governorate") },
				{ value: "directorate", label: __("Directorate") },
				{ value: "category", label: __("Category") },
				{ value: "channel", label: __("Channel") },
			],
			default: "status",
		},
		{ fieldname: "open_only", label: __("Open Complaints Only"), fieldtype: "Check" },
		{ fieldname: "received_within_days", label: __("Received in the Last Days"), fieldtype: "Int" },
		...complaints_mgmt.chart_place_filters(),
	],
};
