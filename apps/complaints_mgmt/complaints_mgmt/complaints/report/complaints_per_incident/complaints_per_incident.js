// Complaints per Incident (staff_tools/incidents.py): each incident with its linked complaints counted.
frappe.query_reports["Complaints per Incident"] = {
	filters: [
		{
			fieldname: "status",
			label: __("Status"),
			fieldtype: "Select",
			options: [
				{ value: "", label: "" },
				{ value: "Open", label: __("Open") },
				{ value: "Answered", label: __("Answered") },
				{ value: "Closed", label: __("Closed") },
			],
		},
		{ fieldname: "category", label: __("Category"), fieldtype: "Link", options: "Complaint Category" },
		{ fieldname: "governorate", label: __("Governorate"), fieldtype: "Link", options: "Governorate" },
	],
};
