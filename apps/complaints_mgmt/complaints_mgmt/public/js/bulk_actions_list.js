// Bulk work from the complaint list (staff_tools/bulk_actions.py): with complaints selected, the Actions
// menu offers one workflow action on all of them, with the date or text it asks for (typed, or a saved
// reply filled for each complaint). The work runs in the background; its progress shows here, and the
// result lists the complaints that could not be changed, with why.
(() => {
	const METHOD = "complaints_mgmt.staff_tools.bulk_actions";
	const settings = (frappe.listview_settings["Complaint"] = frappe.listview_settings["Complaint"] || {});
	const previous_onload = settings.onload;

	settings.onload = function (listview) {
		if (previous_onload) previous_onload.apply(this, arguments);
		// a transmittal sheet of the selected complaints (staff_tools/transmittals.py), for who may make one
		if (frappe.model.can_create("Transmittal")) {
			listview.page.add_actions_menu_item(__("Transmittal Sheet"), () => new_transmittal(listview));
		}
		// the selected complaints linked to a new or an open incident (staff_tools/incidents.py)
		if (frappe.model.can_write("Complaint Incident")) {
			listview.page.add_actions_menu_item(__("Link to an Incident"), () => link_to_incident(listview));
		}
		frappe.call(`${METHOD}.actions_for_user`).then(({ message: actions }) => {
			if (!actions || !actions.length) return;
			listview.page.add_actions_menu_item(__("Apply to the Selected Complaints"), () =>
				open_dialog(listview, actions)
			);
		});
	};

	function new_transmittal(listview) {
		const names = listview.get_checked_items(true);
		if (!names.length) return;
		frappe.model.with_doctype("Transmittal", () => {
			const doc = frappe.model.get_new_doc("Transmittal");
			for (const name of names) frappe.model.add_child(doc, "items").complaint = name;
			frappe.set_route("Form", "Transmittal", doc.name);
		});
	}

	function link_to_incident(listview) {
		const names = listview.get_checked_items(true);
		if (!names.length) return;
		const dialog = new frappe.ui.Dialog({
			title: __("Link {0} complaints to an incident", [names.length]),
			fields: [
				complaints_mgmt.choice_field("choice", __("Incident"), [
					{ value: "new", label: __("A new incident") },
					{ value: "existing", label: __("An open incident") },
				]),
				{
					fieldname: "title",
					fieldtype: "Data",
					label: __("Title of the New Incident"),
					depends_on: "eval:doc.choice==='new'",
					mandatory_depends_on: "eval:doc.choice==='new'",
				},
				{
					fieldname: "incident",
					fieldtype: "Link",
					options: "Complaint Incident",
					label: __("Open Incident"),
					depends_on: "eval:doc.choice==='existing'",
					mandatory_depends_on: "eval:doc.choice==='existing'",
					get_query: () => ({ filters: { status: ["!=", "Closed"] } }),
				},
			],
			primary_action_label: __("Link the Complaints"),
			primary_action: (values) => {
				const args = { complaints: names };
				if (values.choice === "new") args.title = values.title;
				else args.incident = values.incident;
				frappe
					.call({ method: "complaints_mgmt.staff_tools.incidents.link", args, freeze: true })
					.then(({ message }) => {
						dialog.hide();
						listview.clear_checked_items();
						listview.refresh();
						frappe.msgprint({
							title: __("Linked to an incident"),
							indicator: "green",
							message: __("{0} complaints linked to incident {1}; it has {2} complaints.", [
								message.linked.length,
								`<a class="incident-link" href="/app/complaint-incident/${encodeURIComponent(
									message.incident
								)}"><bdi dir="ltr">${frappe.utils.escape_html(message.incident)}</bdi></a>`,
								message.count,
							]),
						});
					});
			},
		});
		dialog.show();
	}

	function open_dialog(listview, actions) {
		const names = listview.get_checked_items(true);
		if (!names.length) return;
		const by_action = Object.fromEntries(actions.map((a) => [a.action, a]));
		const dialog = new frappe.ui.Dialog({
			title: __("{0} selected complaints", [names.length]),
			fields: [
				complaints_mgmt.choice_field(
					"action",
					__("Action"),
					actions.map((a) => ({ value: a.action, label: a.label })),
					{ onchange: () => show_fields() }
				),
				{ fieldname: "saved_reply", fieldtype: "Link", options: "Saved Reply", label: __("Saved Reply") },
				{ fieldname: "text", fieldtype: "Small Text", label: __("Text") },
				{ fieldname: "date", fieldtype: "Datetime", label: __("Deadline") },
			],
			primary_action_label: __("Apply"),
			primary_action: (values) => submit(listview, dialog, names, by_action[values.action], values),
		});
		function show_fields() {
			const chosen = by_action[dialog.get_value("action")];
			const is_date = chosen.fieldtype === "Datetime";
			const is_text = chosen.field && !is_date;
			dialog.set_df_property("date", "hidden", !is_date);
			dialog.set_df_property("text", "hidden", !is_text);
			dialog.set_df_property("saved_reply", "hidden", !is_text);
			if (is_text) dialog.set_df_property("text", "label", chosen.field_label);
			dialog.fields_dict.saved_reply.get_query = () => ({
				filters: { step: chosen.step, is_active: 1 },
			});
		}
		dialog.show();
		show_fields();
	}

	function submit(listview, dialog, names, chosen, values) {
		const args = { complaints: names, action: chosen.action };
		if (chosen.fieldtype === "Datetime") args.value = values.date;
		else if (chosen.field && values.saved_reply) args.saved_reply = values.saved_reply;
		else if (chosen.field) args.value = values.text;
		frappe.call({ method: `${METHOD}.start`, args, freeze: true }).then(({ message }) => {
			dialog.hide();
			follow(listview, message, chosen);
		});
	}

	function follow(listview, job, chosen) {
		complaints_mgmt.follow_bulk_job(job, {
			title: __("{0} on {1} complaints", [chosen.label, job.count]),
			result_title: __("{0}: done", [chosen.label]),
			done: () => listview.refresh(),
		});
	}
})();
