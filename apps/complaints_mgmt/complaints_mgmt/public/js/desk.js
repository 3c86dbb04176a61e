// Workflow states in the user's language wherever a read-only field or a report column links to one
// (the complaint's and appeal's status). Workflow State is a translated DocType, so link inputs and
// searches show it translated, but Frappe's link formatter translates the text only for users who may
// read the linked DocType, and no complaints role may: liaison officers saw "Routed" in Arabic pages.
frappe.form.link_formatters["Workflow State"] = (value) => __(value);

// Frappe's version timeline shows a changed value as stored: Arabic staff read a complaint's state
// change as "from Routed to Accepted". Everywhere else Frappe shows a Select value through __() (its
// Select formatter) and a link through the DocType's link formatter (Workflow State: above). While the
// form's timeline builds its version lines, it gets copies of the versions with those values shown so.
if (frappe.ui.form && frappe.ui.form.Footer) {
	const make_timeline = frappe.ui.form.Footer.prototype.make_timeline;
	frappe.ui.form.Footer.prototype.make_timeline = function () {
		make_timeline.call(this);
		const timeline = Object.getPrototypeOf(this.frm.timeline);
		if (timeline.versions_shown_as_formatted) return;
		const build_version_lines = timeline.get_version_timeline_contents;
		timeline.get_version_timeline_contents = function () {
			const versions = this.doc_info.versions;
			this.doc_info.versions = (versions || []).map((version) =>
				with_values_as_shown(version, this.frm.doctype)
			);
			try {
				return build_version_lines.call(this);
			} finally {
				this.doc_info.versions = versions;
			}
		};
		timeline.versions_shown_as_formatted = true;
	};
}

function with_values_as_shown(version, doctype) {
	let data;
	try {
		data = JSON.parse(version.data || "{}");
	} catch (e) {
		return version;
	}
	if (!(data.changed || []).length) return version;
	const shown = (fieldname, value) => {
		const df = frappe.meta.get_docfield(doctype, fieldname);
		if (!df || typeof value !== "string" || !value) return value;
		if (df.fieldtype === "Select") return __(value);
		const link_formatter = df.fieldtype === "Link" && frappe.form.link_formatters[df.options];
		return link_formatter ? link_formatter(value, {}) : value;
	};
	data.changed = data.changed.map(([fieldname, before, after, ...rest]) => [
		fieldname,
		shown(fieldname, before),
		shown(fieldname, after),
		...rest,
	]);
	return { ...version, data: JSON.stringify(data) };
}
