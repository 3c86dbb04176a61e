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
	const title = __("Answer the Linked Complaints");
	frappe.show_progress(title, 0, job.count, __("Starting"));
	let finished = false;
	const on_progress = (data) => {
		if (data.job === job.job) frappe.show_progress(title, data.done, data.total);
	};
	const on_done = (result) => {
		if (finished || result.job !== job.job) return;
		finished = true;
		frappe.realtime.off("complaints_bulk_progress", on_progress);
		frappe.realtime.off("complaints_bulk_done", on_done);
		frappe.hide_progress();
		show_result(result);
		frm.reload_doc();
	};
	frappe.realtime.on("complaints_bulk_progress", on_progress);
	frappe.realtime.on("complaints_bulk_done", on_done);
	let asked = 0;
	const ask = () => {
		if (finished) return;
		frappe
			.call({
				method: "complaints_mgmt.staff_tools.bulk_actions.result",
				args: { job: job.job },
				type: "GET",
			})
			.then(({ message }) => {
				if (message) on_done(message);
				else if (++asked < 1800) setTimeout(ask, 2000);
			});
	};
	setTimeout(ask, 1500);
}

function show_result(result) {
	const esc = frappe.utils.escape_html;
	const rows = result.failed
		.map((row) => `<tr><td><bdi dir="ltr">${esc(row.complaint)}</bdi></td><td>${esc(row.reason)}</td></tr>`)
		.join("");
	frappe.msgprint({
		title: __("Answer the Linked Complaints"),
		indicator: result.failed.length ? "orange" : "green",
		message:
			`<p>${__("{0} complaints changed, {1} not changed.", [result.changed.length, result.failed.length])}</p>` +
			(rows
				? `<p>${__("Not changed:")}</p><table class="table table-bordered"><thead><tr><th>${__(
						"Tracking Number"
				  )}</th><th>${__("Reason")}</th></tr></thead><tbody>${rows}</tbody></table>`
				: ""),
	});
}
