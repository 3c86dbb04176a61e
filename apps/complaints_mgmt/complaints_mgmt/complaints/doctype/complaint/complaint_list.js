// Staff find a complainant's complaints by the national ID a caller gives. The table keeps only the
// masked ID and its keyed hash (personal_data.py): the server checks the ID and answers its hash, and the
// list is filtered by that, showing only the complaints this user may read (api/complainants.py).
frappe.listview_settings["Complaint"] = {
	onload(listview) {
		listview.page.add_inner_button(__("Find by National ID"), () => find_by_national_id(listview));
	},
};

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
