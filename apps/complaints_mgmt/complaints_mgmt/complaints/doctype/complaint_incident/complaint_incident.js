// A mass incident (staff_tools/incidents.py): its district among its governorate's, and one action that
// answers its open complaints with its answer and, for a reviewer, closes them (each citizen gets the SMS).
// The work runs in the background as a bulk action does; its result lists what could not be changed.
frappe.ui.form.on("Complaint Incident", {
	setup(frm) {
		frm.set_query("district", () => ({
			filters: frm.doc.governorate ? { governorate: frm.doc.governorate } : {},
		}));
	},
	governorate(frm) {
		if (frm.doc.district) frm.set_value("district", "");
	},
	refresh(frm) {
		if (frm.is_new() || frm.doc.status === "Closed" || !frm.perm[0].write) return;
		frm.add_custom_button(__("Answer the Linked Complaints"), () => answer_all(frm)).addClass("btn-primary");
	},
});

function answer_all(frm) {
	if (frm.is_dirty()) {
		frappe.msgprint(__("Save the incident first."));
		return;
	}
	frappe.confirm(
		__("Send the incident's answer to its {0} linked complaints that are still open, and close them?", [
			frm.doc.complaint_count,
		]),
		() =>
			frappe
				.call({
					method: "complaints_mgmt.staff_tools.incidents.answer",
					args: { incident: frm.doc.name },
					freeze: true,
				})
				.then(({ message }) => follow(frm, message))
	);
}

function follow(frm, job) {
	complaints_mgmt.follow_bulk_job(job, {
		title: __("Answer the Linked Complaints"),
		result_title: __("Answer the Linked Complaints"),
		done: () => frm.reload_doc(),
	});
}
