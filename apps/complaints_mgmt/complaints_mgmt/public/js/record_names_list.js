// Lists of master data (hooks.doctype_list_js) name each record in the reader's language: the subject
// column shows the translation of the record's name, which utils/record_names.py keeps in step with its
// Arabic name.
(() => {
	const SUBJECT_FIELDS = {
		Governorate: "governorate_name",
		Directorate: "directorate_name",
		"Complaints Sector": "sector_name",
		"Complaint Category": "category_name",
		"Social Unit": "unit_name",
	};
	for (const [doctype, fieldname] of Object.entries(SUBJECT_FIELDS)) {
		const settings = (frappe.listview_settings[doctype] = frappe.listview_settings[doctype] || {});
		settings.formatters = Object.assign({}, settings.formatters, { [fieldname]: (value) => __(value) });
	}
})();
