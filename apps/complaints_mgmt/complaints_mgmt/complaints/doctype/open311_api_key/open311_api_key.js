// Copyright (c) 2026, complaints_mgmt developers and contributors
// For license information, please see license.txt

frappe.ui.form.on("Open311 API Key", {
	refresh(frm) {
		if (frm.is_new()) return;
		frm.add_custom_button(__("Issue a New Key"), () => {
			frappe.confirm(__("The current key will stop working at once. Issue a new key?"), () => {
				frm.call("regenerate_key").then((r) => {
					frm.reload_doc();
					frappe.msgprint({
						title: __("New API Key"),
						message: __(
							"The API key is {0}. Copy it now: it is stored only as a hash and cannot be shown again.",
							[`<b>${frappe.utils.escape_html(r.message)}</b>`]
						),
					});
				});
			});
		});
	},
});
