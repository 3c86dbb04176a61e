// The list names each district in the reader's language (its Arabic through its Translation record).
frappe.listview_settings["District"] = {
	formatters: {
		name_en: (value, df, doc) => __(doc.name),
	},
};
