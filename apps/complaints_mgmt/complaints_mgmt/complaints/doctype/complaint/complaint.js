// Copyright (c) 2026, complaints_mgmt developers and contributors
// For license information, please see license.txt

// Possible duplicates (duplicates.py): staff see the open complaints of the same national ID in the same
// category, and link this complaint to one of them or merge it into one.

frappe.ui.form.on("Complaint", {
	onload(frm) {
		// a call-centre agent takes complaints by telephone: the hotline, not the counter
		if (frm.is_new() && frappe.user.has_role("Call Center Agent") && frm.doc.channel === "Counter") {
			frm.set_value("channel", "Hotline");
		}
	},
	refresh(frm) {
		if (frm.duplicates_shown) {
			frm.dashboard.clear_headline();
			frm.duplicates_shown = false;
		}
		add_show_national_id(frm);
		if (frm.is_new() || frm.doc.merged_into || !frm.doc.national_id_hash) return;
		frappe
			.xcall("complaints_mgmt.duplicates.get_possible_duplicates", { name: frm.doc.name })
			.then((rows) => show_possible_duplicates(frm, rows || []));
	},
	before_workflow_action(frm) {
		return leave_after_transfer(frm).then(() => ask_what_the_citizen_should_send(frm));
	},
});

// A request for information tells the citizen what is needed (lifecycle.py requires it; the citizen reads
// it on their complaint's page): the officer writes it in a dialog when choosing the action; it is saved,
// then the action taken.
function ask_what_the_citizen_should_send(frm) {
	const action = frm.selected_workflow_action;
	return frappe.workflow.get_transitions(frm.doc).then((transitions) => {
		const transition = transitions.find((t) => t.action === action);
		if (!transition || transition.next_state !== "Awaiting Citizen") return;
		frappe.dom.unfreeze();
		return new Promise((resolve) => {
			frappe.prompt(
				[
					{
						fieldname: "information_request",
						fieldtype: "Small Text",
						label: __("Information Requested"),
						description: __(
							"What the citizen is asked for, in words they understand: they read it on their complaint's page"
						),
						default: frm.doc.information_request,
						reqd: 1,
					},
				],
				(values) =>
					// saved first: the workflow action reads the complaint as stored
					frm
						.set_value("information_request", values.information_request)
						.then(() => frm.save())
						.then(() => {
							frappe.dom.freeze();
							resolve();
						}),
				__(action),
				__(action)
			);
		});
	});
}

// A transfer sends the complaint to central triage: the officer who took it no longer sees it, and
// Frappe's own step after a workflow action (reloading the form) would end in "Not permitted" although
// the transfer was made. The transfer is taken here instead, and the officer is left on the complaints
// list with a note of where the complaint went. Other actions go Frappe's way.
function leave_after_transfer(frm) {
	const action = frm.selected_workflow_action;
	return frappe.workflow.get_transitions(frm.doc).then((transitions) => {
		const transition = transitions.find((t) => t.action === action);
		if (!transition || transition.next_state !== "Transferred") return;
		const name = frm.doc.name;
		const never = new Promise(() => {}); // Frappe's own apply and reload never run
		return frappe
			.xcall("frappe.model.workflow.apply_workflow", { doc: frm.doc, action: action })
			.then(() => {
				frm.selected_workflow_action = null;
				frm.doc.__unsaved = 0;
				frappe.dom.unfreeze();
				return frappe.set_route("List", "Complaint");
			})
			.then(() => {
				frappe.show_alert(
					{
						message: __(
							"Complaint {0} went to central triage, which routes it to the competent unit.",
							[`<bdi dir="ltr">${frappe.utils.escape_html(name)}</bdi>`]
						),
						indicator: "green",
					},
					15
				);
				return never;
			})
			.catch(() => {
				frappe.dom.unfreeze(); // the server's message is shown; the form stays as it was
				return never;
			});
	});
}

function show_possible_duplicates(frm, rows) {
	if (!rows.length) return;
	const links = rows
		.map(
			(row) =>
				`<a href="/app/complaint/${encodeURIComponent(row.name)}">${frappe.utils.escape_html(
					row.name
				)}</a> (${frappe.utils.escape_html(__(row.status))})`
		)
		.join("، ");
	// Frappe appends each headline to the last: two refreshes close together (a save, then its reload)
	// showed the line twice
	frm.dashboard.clear_headline();
	frm.duplicates_shown = true;
	frm.dashboard.set_headline_alert(
		__("Possible duplicates: open complaints of the same national ID in this category: {0}", [links]),
		"yellow"
	);
	const names = rows.map((row) => row.name);
	frm.add_custom_button(
		__("Link as Duplicate"),
		() =>
			choose_complaint(names, __("Link as Duplicate"), (other) =>
				frappe.xcall("complaints_mgmt.duplicates.link_duplicate", {
					name: frm.doc.name,
					duplicate_of: other,
				})
			).then(() => frm.reload_doc()),
		__("Duplicates")
	);
	frm.add_custom_button(
		__("Merge Into"),
		() =>
			choose_complaint(names, __("Merge Into"), (other) =>
				frappe.xcall("complaints_mgmt.duplicates.merge_into", { name: frm.doc.name, target: other })
			).then(() => frm.reload_doc()),
		__("Duplicates")
	);
}

function choose_complaint(names, title, action) {
	return new Promise((resolve) => {
		frappe.prompt(
			[
				{
					fieldname: "complaint",
					fieldtype: "Select",
					label: __("Complaint"),
					options: names,
					default: names[0],
					reqd: 1,
				},
			],
			(values) => action(values.complaint).then(resolve),
			title,
			title
		);
	});
}

// The national ID is stored encrypted and shown masked (personal_data.py); roles with read access at
// permission level 1 may show it in full, and each showing goes on the timeline.
function add_show_national_id(frm) {
	if (frm.is_new() || !frm.doc.national_id || !(frm.perm[1] && frm.perm[1].read)) return;
	frm.add_custom_button(__("Show National ID"), () =>
		frappe
			.xcall("complaints_mgmt.personal_data.show_national_id", { complaint: frm.doc.name })
			.then((value) => {
				frappe.msgprint({
					title: __("National ID"),
					message: `<span dir="ltr">${frappe.utils.escape_html(value)}</span>`,
				});
				frm.reload_doc();
			})
	);
}
