// A transmittal's sheet (Excel) and its cover letter (the print format "Transmittal Cover Letter", as a PDF
// page of its own: staff_tools/transmittals.py).
frappe.ui.form.on("Transmittal", {
	refresh(frm) {
		if (frm.is_new()) return;
		frm.add_custom_button(__("Excel Sheet"), () => {
			window.open(
				frappe.urllib.get_full_url(
					`/api/method/complaints_mgmt.staff_tools.transmittals.download_sheet?name=${encodeURIComponent(frm.doc.name)}`
				)
			);
		});
		frm.add_custom_button(__("Cover Letter (PDF)"), () => {
			window.open(
				frappe.urllib.get_full_url(
					`/api/method/complaints_mgmt.staff_tools.transmittals.download_cover_letter?name=${encodeURIComponent(frm.doc.name)}`
				)
			);
		});
	},
});
