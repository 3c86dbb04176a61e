// Place fields on the desk's forms (hooks.doctype_js): a governorate's districts, a district's villages.
// Typing in either language and in any common spelling finds the place (places/search.py).
(() => {
	const districts_of = (frm) => () => ({
		filters: frm.doc.governorate ? { governorate: frm.doc.governorate } : {},
	});
	const villages_of = (frm) => () => ({
		filters: frm.doc.district ? { district: frm.doc.district } : {},
	});
	const place_form = {
		setup(frm) {
			frm.set_query("district", districts_of(frm));
			frm.set_query("village", villages_of(frm));
		},
		governorate(frm) {
			if (frm.doc.district) frm.set_value("district", "");
		},
		district(frm) {
			if (frm.doc.village) frm.set_value("village", "");
		},
	};
	frappe.ui.form.on("Complaint", place_form);
	frappe.ui.form.on("Routing Rule", place_form);

	frappe.ui.form.on("Social Unit", {
		setup(frm) {
			frm.set_query("district", "places", () => ({
				filters: frm.doc.governorate ? { governorate: frm.doc.governorate } : {},
			}));
			frm.set_query("village", "places", (doc, cdt, cdn) => {
				const row = locals[cdt][cdn];
				return { filters: row.district ? { district: row.district } : {} };
			});
		},
	});
})();
