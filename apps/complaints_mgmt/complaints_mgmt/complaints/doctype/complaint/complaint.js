// Copyright (c) 2026, complaints_mgmt developers and contributors
// For license information, please see license.txt

// Possible duplicates (intake/duplicates.py): staff see the open complaints of the same national ID in the same
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
		show_hijri_dates(frm);
		if (!frm.is_new()) show_complainant_history(frm);
		if (frm.is_new() || frm.doc.merged_into || !frm.doc.national_id_hash) return;
		frappe
			.xcall("complaints_mgmt.intake.duplicates.get_possible_duplicates", { name: frm.doc.name })
			.then((rows) => show_possible_duplicates(frm, rows || []));
	},
	before_workflow_action(frm) {
		return take_workflow_action(frm);
	},
	// the complainant's earlier complaints beside what staff type (staff_tools/complainant_history.py)
	national_id(frm) {
		show_complainant_history(frm);
	},
	mobile(frm) {
		show_complainant_history(frm);
	},
	category(frm) {
		if (frm.complainant_history_key) show_complainant_history(frm);
	},
	received_on(frm) {
		show_hijri_dates(frm);
	},
	deadline(frm) {
		show_hijri_dates(frm);
	},
});

// Frappe's own action goes on unless a step needs more than Frappe does:
// - a state that needs a text (a reason, the answer: lifecycle.WRITTEN_ON_ENTRY) asks for it with the
//   action, whatever the role: the state's "Only Allow Edit For" may not let the role an administrator
//   gave the action type it in the form, and Frappe's action reloads the complaint without what the
//   form held unsaved. The text and the action are saved together (api/workflow_actions.py); closing
//   the dialog leaves the complaint as it was.
// - a transfer sends the complaint to central triage: the officer who took it no longer sees it, and
//   Frappe's own step after a workflow action (reloading the form) would end in "Not permitted" although
//   the transfer was made. The officer is left on the complaints list with a note of where it went.
function take_workflow_action(frm) {
	const action = frm.selected_workflow_action;
	return frappe.workflow.get_transitions(frm.doc).then((transitions) => {
		const transition = transitions.find((t) => t.action === action);
		if (!transition) return;
		const fieldname = ((frm.doc.__onload || {}).written_on_entry || {})[transition.next_state];
		if (fieldname && !String(frm.doc[fieldname] || "").trim()) {
			return ask_text(frm, fieldname, action).then((text) =>
				act_here(frm, transition, () =>
					frappe.xcall("complaints_mgmt.api.workflow_actions.apply_with_text", {
						name: frm.doc.name,
						action: action,
						text: text,
					})
				)
			);
		}
		if (transition.next_state === "Transferred") {
			return act_here(frm, transition, () =>
				frappe.xcall("frappe.model.workflow.apply_workflow", { doc: frm.doc, action: action })
			);
		}
	});
}

function ask_text(frm, fieldname, action) {
	frappe.dom.unfreeze();
	const df = frappe.meta.get_docfield("Complaint", fieldname) || {};
	return new Promise((resolve) => {
		frappe.prompt(
			[
				{
					fieldname: fieldname,
					fieldtype: "Small Text",
					label: __(frappe.meta.get_label("Complaint", fieldname)),
					// what the text is for (the citizen reads the information asked on their page)
					description: df.description ? __(df.description) : "",
					reqd: 1,
				},
			],
			(values) => {
				frappe.dom.freeze();
				resolve(values[fieldname]);
			},
			__(action),
			__(action)
		);
	});
}

// The action taken here, not by Frappe: its own apply and reload never run.
function act_here(frm, transition, call) {
	const name = frm.doc.name;
	const never = new Promise(() => {});
	return call()
		.then((doc) => {
			frm.selected_workflow_action = null;
			frappe.dom.unfreeze();
			if (transition.next_state !== "Transferred") {
				frappe.model.sync(doc);
				frm.refresh();
				frm.script_manager.trigger("after_workflow_action");
				return never;
			}
			frm.doc.__unsaved = 0;
			return frappe.set_route("List", "Complaint").then(() => {
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
			});
		})
		.catch(() => {
			frappe.dom.unfreeze(); // the server's message is shown; the form stays as it was
			return never;
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
				frappe.xcall("complaints_mgmt.intake.duplicates.link_duplicate", {
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
				frappe.xcall("complaints_mgmt.intake.duplicates.merge_into", { name: frm.doc.name, target: other })
			).then(() => frm.reload_doc()),
		__("Duplicates")
	);
	add_link_to_incident(frm, names);
}

// a matched complaint already linked to an open incident (staff_tools/incidents.py): this one can join it
function add_link_to_incident(frm, names) {
	if (frm.doc.incident) return;
	frappe.xcall("complaints_mgmt.staff_tools.incidents.open_incidents_of", { complaints: names }).then((rows) => {
		if (!rows || !rows.length) return;
		frm.add_custom_button(
			__("Link to the Incident of That Complaint"),
			() =>
				choose_complaint(
					rows.map((row) => row.complaint),
					__("Link to the Incident of That Complaint"),
					(other) =>
						frappe.xcall("complaints_mgmt.staff_tools.incidents.link", {
							complaints: [frm.doc.name],
							incident: rows.find((row) => row.complaint === other).incident,
						})
				).then(() => frm.reload_doc()),
			__("Duplicates")
		);
	});
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

// The national ID is stored encrypted and shown masked (security/personal_data.py); roles with read access at
// permission level 1 may show it in full, and each showing goes on the timeline.
function add_show_national_id(frm) {
	if (frm.is_new() || !frm.doc.national_id || !(frm.perm[1] && frm.perm[1].read)) return;
	frm.add_custom_button(__("Show National ID"), () =>
		frappe
			.xcall("complaints_mgmt.security.personal_data.show_national_id", { complaint: frm.doc.name })
			.then((value) => {
				frappe.msgprint({
					title: __("National ID"),
					message: `<span dir="ltr">${frappe.utils.escape_html(value)}</span>`,
				});
				frm.reload_doc();
			})
	);
}

// The complainant's earlier complaints (staff_tools/complainant_history.py), under the national ID and
// mobile while staff type them, and under a saved complaint's own (its masked ID is keyed on the server):
// those the user may read, newest first, the open ones in the category being filed marked as possible
// duplicates (a saved complaint's duplicates are in its headline). An ID or number that finds nothing (or
// is not valid) shows nothing.
function show_complainant_history(frm) {
	const args = {
		national_id:
			frm.doc.national_id && !String(frm.doc.national_id).includes("*") ? frm.doc.national_id : "",
		mobile: frm.doc.mobile || "",
		category: frm.is_new() ? frm.doc.category || "" : "",
		exclude: frm.is_new() ? "" : frm.doc.name,
	};
	const key = JSON.stringify(args);
	if (key === frm.complainant_history_key) return;
	frm.complainant_history_key = key;
	if (!args.national_id && !args.mobile) return render_complainant_history(frm, null);
	frappe
		.xcall("complaints_mgmt.staff_tools.complainant_history.complainant_history", args, "POST")
		.then((result) => {
			if (frm.complainant_history_key === key) render_complainant_history(frm, result);
		});
}

function render_complainant_history(frm, result) {
	let $box = frm.fields_dict.mobile.$wrapper.siblings(".complainant-history");
	if (!$box.length) {
		$box = $('<div class="complainant-history"></div>').insertAfter(frm.fields_dict.mobile.$wrapper);
	}
	const rows = (result && result.complaints) || [];
	if (!rows.length) return $box.empty().hide();
	const esc = frappe.utils.escape_html;
	const duplicates = rows.filter((row) => row.possible_duplicate);
	const items = rows.map((row) => {
		// each part isolated: a Latin category or unit name beside the Latin date would otherwise join
		// it in one left-to-right run and the parts would change places. What identifies the complaint
		// on the first line, where it was filed on the second (a phone wraps only the second).
		const first = [
			`<a href="/app/complaint/${encodeURIComponent(row.name)}"><bdi dir="ltr">${esc(
				row.name
			)}</bdi></a>`,
			`<bdi dir="ltr">${esc(row.date)}</bdi>`,
			`<bdi><span class="indicator-pill ${row.possible_duplicate ? "orange" : "gray"}">${esc(
				row.status_label
			)}</span></bdi>`,
		];
		const second = [`<bdi>${esc(row.category_label)}</bdi>`, `<bdi>${esc(row.unit_label)}</bdi>`];
		return `<li data-complaint="${esc(row.name)}" class="mb-2">
			<div>${first.join(" · ")}</div>
			<div class="text-muted small">${second.join(" · ")}</div>
		</li>`;
	});
	const duplicate_names = duplicates.map((row) => `<bdi dir="ltr">${esc(row.name)}</bdi>`).join("، ");
	const warning = __("Possible duplicate: open complaints of this complainant in this category: {0}", [
		duplicate_names,
	]);
	const title = __("Earlier complaints of this complainant");
	$box.html(
		`<div class="control-label">${title}</div>
		${duplicates.length ? `<div class="alert alert-warning complainant-history-duplicates">${warning}</div>` : ""}
		<ul class="list-unstyled">${items.join("")}</ul>
		${result.more ? `<div class="text-muted">${esc(result.more_label)}</div>` : ""}`
	).show();
}

// The Hijri (Umm al-Qura) date under the form's dates, when Complaints Settings ask for it in the desk
// (utils/hijri_dates.py writes the same dates for citizens). The calendar day of the stored value is
// converted, as the server does.
const HIJRI_FIELDS = ["received_on", "accept_by", "deadline", "closed_on"];

function show_hijri_dates(frm) {
	if (!frappe.boot.complaints_hijri_in_desk) return;
	const lang = frappe.boot.lang === "ar" ? "ar-EG" : frappe.boot.lang || "en";
	const format = new Intl.DateTimeFormat(`${lang}-u-ca-islamic-umalqura-nu-latn`, {
		day: "numeric",
		month: "long",
		year: "numeric",
		timeZone: "UTC",
	});
	for (const fieldname of HIJRI_FIELDS) {
		const field = frm.fields_dict[fieldname];
		if (!field) continue;
		field.$wrapper.find(".hijri-date").remove();
		const value = frm.doc[fieldname];
		if (!value) continue;
		const [year, month, day] = String(value).slice(0, 10).split("-").map(Number);
		const $hijri = $('<div class="hijri-date text-muted small"><bdi></bdi></div>');
		$hijri.find("bdi").text(format.format(new Date(Date.UTC(year, month - 1, day, 12))));
		// right under the date, above the field's description
		const $wrapper = field.$wrapper.find(".control-input-wrapper").first();
		const $help = $wrapper.children(".help-box");
		$help.length ? $hijri.insertBefore($help.first()) : $hijri.appendTo($wrapper);
	}
}
