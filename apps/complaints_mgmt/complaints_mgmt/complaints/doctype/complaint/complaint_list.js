// Staff find a complainant's complaints by the national ID a caller gives. The table keeps only the
// masked ID and its keyed hash (personal_data.py): the server checks the ID and answers its hash, and the
// list is filtered by that, showing only the complaints this user may read (api/complainants.py).
frappe.listview_settings["Complaint"] = {
	add_fields: ["deadline", "sla_status", "status"],
	onload(listview) {
		listview.page.add_inner_button(__("Find by National ID"), () => find_by_national_id(listview));
	},
	// A late complaint stands out from a new one: its deadline and SLA show in red (setup/list_views.py
	// gives the officer's list these columns).
	formatters: {
		deadline(value, df, doc) {
			if (!value) return "";
			const shown = frappe.datetime.str_to_user(value);
			return is_late(doc)
				? `<span class="indicator-pill red complaint-overdue" title="${__("Overdue")}">${shown}</span>`
				: shown;
		},
		sla_status(value, df, doc) {
			const shown = value === "On Track" && is_late(doc) ? "Breached" : value;
			if (!shown) return "";
			const colour = { "On Track": "green", Breached: "red", Met: "blue" }[shown] || "gray";
			return `<span class="indicator-pill ${colour}">${__(shown)}</span>`;
		},
	},
};

// Open and past the deadline given to the citizen (as the Overdue Complaints report counts it)
function is_late(doc) {
	return (
		doc.deadline &&
		!["Closed", "Rejected"].includes(doc.status) &&
		frappe.datetime.str_to_obj(doc.deadline) < frappe.datetime.str_to_obj(frappe.datetime.now_datetime())
	);
}

function find_by_national_id(listview) {
	frappe.prompt(
		[{ fieldname: "national_id", fieldtype: "Data", label: __("National ID"), reqd: 1 }],
		({ national_id }) =>
			frappe
				.xcall("complaints_mgmt.api.complainants.national_id_filter", { national_id })
				.then((hash) =>
					listview.filter_area
						.clear(false)
						.then(() => listview.filter_area.add([["Complaint", "national_id_hash", "=", hash]]))
				),
		__("Find a Complainant's Complaints"),
		__("Find")
	);
}
