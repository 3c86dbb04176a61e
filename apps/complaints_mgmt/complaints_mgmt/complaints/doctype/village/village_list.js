// The list names each village or shiakha in the reader's language (its Arabic through its Translation record).
frappe.listview_settings["Village"] = {
	formatters: {
		name_en: (value, df, doc) => __(doc.name),
	},
};
