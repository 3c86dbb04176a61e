// Places written as text that name no place yet: after adding aliases, match the complaints again.
frappe.query_reports["Unmatched Places"] = {
	filters: [],
	onload(report) {
		report.page.add_inner_button(__("Match Again"), () => {
			frappe.call({
				method: "complaints_mgmt.places.unmatched.match_again",
				type: "POST",
				freeze: true,
				callback: (r) => {
					frappe.show_alert({
						message: __("{0} written places matched", [r.message || 0]),
						indicator: "green",
					});
					report.refresh();
				},
			});
		});
	},
};
