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

// Frappe's Datetime control adds "<br>" and the time zone to a field's description before the base control
// translates it (ControlDatetime.set_description), so no translation matches and Arabic users read the
// English description of every Datetime field (a complaint's deadline). The description is translated
// here first, while it is still the DocType's own text; the time zone is then added to the translation.
if (frappe.ui.form && frappe.ui.form.ControlDatetime) {
	const set_description = frappe.ui.form.ControlDatetime.prototype.set_description;
	frappe.ui.form.ControlDatetime.prototype.set_description = function (...args) {
		const time_zone = this.get_user_time_zone();
		const description = this.df.description;
		if (description && !this.df.hide_timezone && !description.includes(time_zone)) {
			this.df.description = __(description);
		}
		return set_description.apply(this, args);
	};
}

// The workspace's custom figure cards (api/dashboard.py): a figure with nothing to measure (no complaint
// finished in the period) has no value and shows "—", not 0 % (Frappe's card cannot format a missing
// number); a viewer who may not see complaint statistics (a call center agent, the appeals board) is
// answered `not_permitted` and the card is taken off their workspace. Frappe lists a Custom card to
// whoever reads its DocType and has no roles for it, unlike charts.
if (frappe.widget?.widget_factory?.number_card) {
	const NumberCardWidget = frappe.widget.widget_factory.number_card;
	const get_number = NumberCardWidget.prototype.get_number_for_custom_card;
	NumberCardWidget.prototype.get_number_for_custom_card = function (res) {
		if (res && typeof res === "object" && res.not_permitted) {
			this.number = null;
			this.formatted_number = "";
			const block = this.widget.closest(".ce-block");
			(block.length ? block : this.widget).addClass("hidden");
			return;
		}
		if (res && typeof res === "object" && (res.value === null || res.value === undefined)) {
			this.number = null;
			this.formatted_number = "—";
			return;
		}
		return get_number.call(this, res);
	};
}

// Chart axes (reports, workspace charts): Frappe shortens an axis number of 3 digits or more with two
// decimals when there is nothing to shorten it to, so a count axis read "800.00". Whole numbers below a
// thousand are shown as they are; the rest as Frappe shows them ("1.2 K").
if (frappe.utils.format_chart_axis_number) {
	const format_chart_axis_number = frappe.utils.format_chart_axis_number;
	frappe.utils.format_chart_axis_number = function (label, country) {
		const number = label === null || label === "" ? NaN : Number(label);
		if (Number.isInteger(number) && Math.abs(number) < 1000) return String(number);
		return format_chart_axis_number.call(this, label, country);
	};
}

// A Document Type number card opens its list with its fixed filters only (Frappe's NumberCardWidget.set_route),
// not its dynamic ones: "Overdue Complaints" (open, deadline before now) counted the late complaints and
// opened every open complaint with a deadline. The list gets the dynamic filters too, evaluated at the click
// as the count evaluates them; a dynamic filter on a field the fixed ones name replaces theirs.
if (frappe.widget?.widget_factory?.number_card && frappe.dashboard_utils?.get_all_filters) {
	const NumberCardWidget = frappe.widget.widget_factory.number_card;
	const set_route = NumberCardWidget.prototype.set_route;
	NumberCardWidget.prototype.set_route = function () {
		const card = this.card_doc;
		if (card.type !== "Document Type" || !card.dynamic_filters_json) return set_route.call(this);
		const filters = frappe.dashboard_utils.get_all_filters(card) || [];
		frappe.route_options = filters.reduce(
			(options, filter) =>
				Object.assign(options, { [`${filter[0]}.${filter[1]}`]: [filter[2], filter[3]] }),
			{}
		);
		frappe.set_route(frappe.utils.generate_route({ name: card.document_type, type: "doctype" }));
	};
}

// Frappe announces "This form is not editable due to a Workflow." every time a complaint opens in a state
// the user does not edit: right after a call-centre agent saves a complaint (now with its unit's officer)
// it read as if the save had failed. A complaint's state and its actions already say who acts on it.
if (frappe.show_alert) {
	const show_alert = frappe.show_alert;
	frappe.show_alert = function (message, ...rest) {
		const workflow_lock = message === __("This form is not editable due to a Workflow.");
		if (workflow_lock && window.cur_frm && cur_frm.doctype === "Complaint") return;
		return show_alert.call(this, message, ...rest);
	};
}
