// Copyright (c) 2026, complaints_mgmt developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Routing Rule", {
	setup(frm) {
		frm.set_query("target_doctype", () => ({
			filters: { name: ["in", ["Social Unit", "Directorate", "Complaints Sector"]] },
		}));
	},
});
