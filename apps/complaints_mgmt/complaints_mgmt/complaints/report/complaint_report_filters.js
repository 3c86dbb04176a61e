// Filters the complaint reports share. Each report's script includes this file with a Jinja include
// tag (Frappe renders includes in report scripts); do not write the tag itself here, it would recurse.
frappe.provide("complaints_mgmt.reports");

// What a report can group by, in the reader's words
complaints_mgmt.reports.GROUP_LABELS = {
	governorate: __("Governorate"),
	directorate: __("Directorate"),
	social_unit: __("Social Unit"),
	category: __("Category"),
	channel: __("Channel"),
	status: __("Status"),
	complaint_type: __("Type"),
	priority: __("Priority"),
	liaison_officer: __("Liaison Officer"),
	month: __("Month"),
	processing_time: __("Processing Time"),
	decision: __("Decision"),
};

// The options of a "Group By" filter, in the order given
complaints_mgmt.reports.groups = function (...values) {
	return values.map((value) => ({ value, label: complaints_mgmt.reports.GROUP_LABELS[value] }));
};

complaints_mgmt.reports.COMPLAINT_GROUPS = complaints_mgmt.reports.groups(
	"governorate",
	"directorate",
	"social_unit",
	"category",
	"channel",
	"status",
	"complaint_type",
	"priority",
	"liaison_officer",
	"month",
	"processing_time"
);

complaints_mgmt.reports.group_by_filter = function (options, default_value) {
	return {
		fieldname: "group_by",
		label: __("Group By"),
		fieldtype: "Select",
		options: options,
		default: default_value,
		reqd: 1,
	};
};

// `months_back`: how far back "From Date" starts (1 unless given); 0 leaves it empty (every complaint).
complaints_mgmt.reports.date_filters = function (months_back = 1) {
	return [
		{
			fieldname: "from_date",
			label: __("From Date"),
			fieldtype: "Date",
			default: months_back
				? frappe.datetime.add_months(frappe.datetime.get_today(), -months_back)
				: "",
		},
		{
			fieldname: "to_date",
			label: __("To Date"),
			fieldtype: "Date",
			default: frappe.datetime.get_today(),
		},
	];
};

// A Link filter's query: the records within the place the `fieldname` filter names, when it names one
complaints_mgmt.reports.within = function (fieldname) {
	return () => {
		const value = frappe.query_report.get_filter_value(fieldname);
		return value ? { filters: { [fieldname]: value } } : {};
	};
};

complaints_mgmt.reports.category_filter = () => ({
	fieldname: "category",
	label: __("Category"),
	fieldtype: "Link",
	options: "Complaint Category",
});
complaints_mgmt.reports.status_filter = () => ({
	fieldname: "status",
	label: __("Status"),
	fieldtype: "Link",
	options: "Workflow State",
});

complaints_mgmt.reports.place_filters = function () {
	return [
		{ fieldname: "governorate", label: __("Governorate"), fieldtype: "Link", options: "Governorate" },
		{
			fieldname: "directorate",
			label: __("Directorate"),
			fieldtype: "Link",
			options: "Directorate",
			get_query: complaints_mgmt.reports.within("governorate"),
		},
	];
};

complaints_mgmt.reports.complaint_filters = function (months_back = 1) {
	return [
		...complaints_mgmt.reports.date_filters(months_back),
		...complaints_mgmt.reports.place_filters(),
		{
			fieldname: "social_unit",
			label: __("Social Unit"),
			fieldtype: "Link",
			options: "Social Unit",
			get_query: complaints_mgmt.reports.within("directorate"),
		},
		complaints_mgmt.reports.category_filter(),
		// options come from the Complaint DocType when the report loads (set_select_options)
		{ fieldname: "channel", label: __("Channel"), fieldtype: "Select", options: [""] },
		{ fieldname: "complaint_type", label: __("Type"), fieldtype: "Select", options: [""] },
		complaints_mgmt.reports.status_filter(),
		{ fieldname: "min_days", label: __("Processing Days From"), fieldtype: "Int" },
		{ fieldname: "max_days", label: __("Processing Days To"), fieldtype: "Int" },
	];
};

// Fill Select filters with the options of the doctype's field of the same name.
complaints_mgmt.reports.set_select_options = function (report, doctype, fieldnames) {
	frappe.model.with_doctype(doctype, () => {
		fieldnames.forEach((fieldname) => {
			const filter = report.get_filter(fieldname);
			const field = frappe.meta.get_docfield(doctype, fieldname);
			if (!filter || !field) return;
			filter.df.options = ["", ...field.options.split("\n").filter(Boolean)];
			filter.set_options(); // not refresh(): that would run the report again
		});
	});
};

// The group column of a grouped report: a group without a value (complaints not yet given a directorate)
// reads "Not Set", as its bar in the chart does, instead of an empty cell; a name longer than its
// column shows in full on hover.
complaints_mgmt.reports.group_formatter = function (value, row, column, data, default_formatter) {
	if (column.fieldname === "group_value" && (value === null || value === undefined || value === "")) {
		return `<span class="text-muted">${__("Not Set")}</span>`;
	}
	const shown = default_formatter(value, row, column, data);
	if (column.fieldname === "group_value" || column.fieldname === "group_title") {
		return `<span title="${frappe.utils.escape_html(String(value))}">${shown}</span>`;
	}
	return shown;
};

// A report on complaints: its filters (the shared ones unless given), the channel's and type's options read from
// the Complaint DocType; a `grouped` report shows its group column with group_formatter.
complaints_mgmt.reports.complaint_report = function ({
	filters = complaints_mgmt.reports.complaint_filters(),
	grouped = true,
} = {}) {
	const report = {
		filters,
		onload(report) {
			complaints_mgmt.reports.set_select_options(report, "Complaint", ["channel", "complaint_type"]);
		},
	};
	if (grouped) report.formatter = complaints_mgmt.reports.group_formatter;
	return report;
};

// A report of complaints grouped by what its "Group By" filter chooses (`default_group` first)
complaints_mgmt.reports.grouped_complaint_report = function (default_group) {
	return complaints_mgmt.reports.complaint_report({
		filters: [
			complaints_mgmt.reports.group_by_filter(
				complaints_mgmt.reports.COMPLAINT_GROUPS,
				default_group
			),
			...complaints_mgmt.reports.complaint_filters(),
		],
	});
};
