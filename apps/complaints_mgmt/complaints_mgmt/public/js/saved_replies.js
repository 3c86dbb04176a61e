// Saved replies in the complaint's form (staff_tools/saved_replies.py): beside each free-text field a
// reply can fill (the answer, the reasons of a transfer or a rejection, the reviewer's note), while the
// user may edit that field, a button lists the replies offered for the complaint and puts the chosen one,
// filled from the complaint, into the field, where it can still be edited before saving.
(() => {
	// each field and who writes it: the reviewer's note is the quality reviewer's, whoever may edit it
	const FIELDS = ["response", "transfer_reason", "rejection_reason", "review_note"];
	const WRITER = { review_note: "Quality Reviewer" };
	const METHOD = "complaints_mgmt.staff_tools.saved_replies";

	function add_buttons(frm) {
		for (const fieldname of FIELDS) {
			const field = frm.fields_dict[fieldname];
			if (!field) continue;
			field.$wrapper.find(".saved-reply-button").remove();
			if (frm.is_new() || field.disp_status !== "Write") continue;
			if (WRITER[fieldname] && !frappe.user.has_role(WRITER[fieldname])) continue;
			$(`<button type="button" class="btn btn-xs btn-default saved-reply-button ml-2 mb-1"></button>`)
				.text(__("Saved Replies"))
				.on("click", () => choose(frm, fieldname))
				.insertAfter(field.$wrapper.find(".control-label").first());
		}
	}

	async function choose(frm, fieldname) {
		const replies = (
			await frappe.call(`${METHOD}.replies_for`, { complaint: frm.doc.name, fieldname })
		).message;
		if (!replies.length) {
			frappe.show_alert({ message: __("No saved replies for this complaint's category and field."), indicator: "orange" });
			return;
		}
		const dialog = new frappe.ui.Dialog({
			title: __("Saved Replies"),
			fields: [
				complaints_mgmt.choice_field(
					"reply",
					__("Reply"),
					replies.map((reply) => ({ value: reply.name, label: reply.title }))
				),
			],
			primary_action_label: __("Insert"),
			primary_action: async ({ reply }) => {
				const text = (
					await frappe.call({
						method: `${METHOD}.use_reply`,
						args: { reply, complaint: frm.doc.name },
					})
				).message;
				const current = (frm.doc[fieldname] || "").trim();
				await frm.set_value(fieldname, current ? `${current}\n${text}` : text);
				dialog.hide();
			},
		});
		dialog.show();
	}

	frappe.ui.form.on("Complaint", {
		refresh: add_buttons,
		after_save: add_buttons,
	});
})();
