// Lists of master data (hooks.doctype_list_js) name each record in the reader's language: the subject
// column shows the translation of the record's name, which utils/record_names.py keeps in step with its
// Arabic name. The ID column (the same name, untranslated) is left out.
(() => {
	const SUBJECT_FIELDS = {
		Region: "region_name",
		Governorate: "governorate_name",
		Directorate: "directorate_name",
		"Complaints Sector": "sector_name",
		"Complaint Category": "category_name",
		"Social Unit": "unit_name",
	};
	for (const [doctype, fieldname] of Object.entries(SUBJECT_FIELDS)) {
		const settings = (frappe.listview_settings[doctype] = frappe.listview_settings[doctype] || {});
		settings.formatters = Object.assign({}, settings.formatters, { [fieldname]: (value) => __(value) });
		// Frappe adds an "ID" column, the record's English name, beside the subject that already names it
		settings.hide_name_column = true;
	}
})();
