// Copyright (c) 2026, complaints_mgmt developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Working Calendar", {
	refresh(frm) {
		if (frm.is_new() || !frm.perm[0].write) return;
		frm.add_custom_button(__("Add Public Holidays"), () => {
			frappe.prompt(
				{
					fieldname: "year",
					fieldtype: "Int",
					label: __("Year"),
					reqd: 1,
					default: new Date().getFullYear() + 1,
				},
				({ year }) =>
					frm.call("add_public_holidays", { year }).then((r) => {
						frm.reload_doc();
						frappe.show_alert({
							message: __("{0} holidays added", [r.message || 0]),
							indicator: "green",
						});
					}),
				__("Add Public Holidays")
			);
		});
	},
});
