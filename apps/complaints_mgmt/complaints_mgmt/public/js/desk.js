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
// English description of every Datetime field (a complaint's deadline), and "Africa/Cairo" under every
// date. The description is translated here, from the DocType's own text kept aside, and the time zone
// is shown in the user's language ("بتوقيت القاهرة"); Frappe's own step is told not to add it again.
if (frappe.ui.form && frappe.ui.form.ControlDatetime) {
	const set_description = frappe.ui.form.ControlDatetime.prototype.set_description;
	frappe.ui.form.ControlDatetime.prototype.set_description = function (...args) {
		if (this.df.hide_timezone) return set_description.apply(this, args);
		if (this.df.own_description === undefined) this.df.own_description = this.df.description || "";
		const own = this.df.own_description;
		const time_zone = __(this.get_user_time_zone());
		this.df.description = own ? `${__(own)}<br>${time_zone}` : time_zone;
		this.df.hide_timezone = 1;
		try {
			return set_description.apply(this, args);
		} finally {
			this.df.hide_timezone = 0;
		}
	};
}

// The system's own accounts by a name in the reader's language: what the assignment rules, the scheduler
// and the set-up do is done as "Administrator", and every routed complaint's timeline read "أسند
// Administrator إلى ..." in the middle of Arabic sentences (Frappe names a user by the full name stored
// in the User record, and the Administrator's is the English word).
const SYSTEM_ACCOUNTS = ["Administrator", "Guest"];
const stored_user_info = frappe.user_info;
frappe.user_info = function (uid) {
	const info = stored_user_info(uid);
	const account = uid || frappe.session.user;
	if (!SYSTEM_ACCOUNTS.includes(account) || info.fullname !== account) return info;
	const fullname = __(account);
	return { ...info, fullname, abbr: frappe.get_abbr(fullname) };
};

// Frappe's print view invites every user to "Try the new Print Designer", a link to an app store outside
// the ministry; staff print with the formats the administrators set up.
frappe.dom.set_style(
	`.inner-page-message a[href*="print-designer"], .inner-page-message a[href*="print_designer"]
	{ display: none; }`,
	"complaints-mgmt-print-designer"
);

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

// Workspace charts' labels whole (frappe-charts cuts them to fit): the legend of a pie or donut was one SVG
// row of 150-pixel items, each cut at 18 characters ("أُحيلت إلى الجه...", "البوابة الإلكتر..."), the rows
// past the first hidden (3 of 11 states shown); the category and governorate names under bars were cut to
// a letter or two ("ا.."). A pie's or donut's legend is drawn below it as a list that wraps, every slice
// with its figure; a bar chart whose names were cut shows them whole, slanted under their bars.
if (frappe.widget?.widget_factory?.chart) {
	const ChartWidget = frappe.widget.widget_factory.chart;
	const render = ChartWidget.prototype.render;
	ChartWidget.prototype.render = async function (...args) {
		const result = await render.apply(this, args);
		whole_chart_labels(this);
		watch_chart(this);
		return result;
	};
}

// frappe-charts redraws its SVG after its animations and on updates: the labels are made whole again then.
function watch_chart(widget) {
	const wrapper = widget.chart_wrapper && widget.chart_wrapper[0];
	if (!wrapper || wrapper.complaints_watched) return;
	wrapper.complaints_watched = true;
	let pending = null;
	new MutationObserver((mutations) => {
		const ours = (node) =>
			node.classList?.contains("complaints-chart-legend") || node.classList?.contains("complaints-x-labels");
		const theirs = mutations.filter(
			(mutation) =>
				!mutation.target.closest?.(".complaints-chart-legend, .complaints-x-labels") &&
				![...mutation.addedNodes, ...mutation.removedNodes].some(ours)
		);
		if (!theirs.length) return;
		clearTimeout(pending);
		// once the drawing settles: during an animation old and new labels are in the SVG together
		pending = setTimeout(() => whole_chart_labels(widget), 400);
	}).observe(wrapper, { childList: true, subtree: true });
}

function whole_chart_labels(widget) {
	const chart = widget.dashboard_chart;
	const wrapper = widget.chart_wrapper && widget.chart_wrapper[0];
	if (!chart || !wrapper) return;
	if (["Pie", "Donut"].includes(widget.chart_doc.type)) list_legend(chart, wrapper);
	else if (widget.chart_doc.type === "Bar") slanted_axis_labels(chart, wrapper);
	else if (widget.chart_doc.type === "Line") last_date_apart(wrapper);
}

// A series axis (the daily trend) shows every few dates and always the last one, which fell on the one
// before it ("06-12-202607-12-2026"): the one before is hidden then.
function last_date_apart(wrapper) {
	const shown = [...wrapper.querySelectorAll("svg .x.axis text")].filter(
		(text) => text.textContent.trim() && text.style.visibility !== "hidden"
	);
	if (shown.length < 2) return;
	const [before, last] = shown.slice(-2).map((text) => text.getBoundingClientRect());
	if (before.right > last.left - 4 && before.left < last.right + 4) shown[shown.length - 2].style.visibility = "hidden";
}

function list_legend(chart, wrapper) {
	const labels = chart.state?.labels || [];
	const totals = chart.state?.sliceTotals || [];
	wrapper.querySelectorAll(".complaints-chart-legend").forEach((legend) => legend.remove());
	wrapper.querySelectorAll("svg .chart-legend").forEach((legend) => (legend.style.display = "none"));
	const items = labels.map(
		(label, i) => `<li><span class="legend-swatch" style="background: ${chart.colors[i]}"></span>
			<span>${frappe.utils.escape_html(String(label))}</span>
			<bdi class="text-muted">${format_number(totals[i], null, 0)}</bdi></li>`
	);
	wrapper.insertAdjacentHTML("beforeend", `<ul class="complaints-chart-legend">${items.join("")}</ul>`);
}

function slanted_axis_labels(chart, wrapper) {
	// frappe-charts' own labels are hidden, not changed (it redraws them), and the chart's size is left as
	// it is (it redraws on every resize): the whole names are a group of their own, drawn over the space
	// the widget keeps below the chart
	const svg = wrapper.querySelector("svg.frappe-chart");
	const texts = [...wrapper.querySelectorAll("svg .x.axis text")];
	const labels = chart.data?.labels || [];
	svg?.querySelectorAll(".complaints-x-labels").forEach((group) => group.remove());
	if (!svg || !texts.length || texts.length !== labels.length) return;
	if (!texts.some((text, i) => text.textContent.trim() !== String(labels[i]).trim())) return;
	const axis = wrapper.querySelector("svg .x.axis");
	const group = document.createElementNS("http://www.w3.org/2000/svg", "g");
	group.setAttribute("class", "complaints-x-labels");
	group.setAttribute("transform", axis.getAttribute("transform") || "");
	texts.forEach((text, i) => {
		const label = document.createElementNS("http://www.w3.org/2000/svg", "text");
		const y = Number(text.getAttribute("y")) + 4;
		label.textContent = labels[i];
		label.setAttribute("x", 0);
		label.setAttribute("y", y);
		label.setAttribute("font-size", text.getAttribute("font-size") || "10px");
		label.setAttribute("text-anchor", "end");
		label.setAttribute("direction", "ltr");
		label.setAttribute("class", "complaints-x-label");
		label.setAttribute("transform", `${text.parentNode.getAttribute("transform") || ""} rotate(-45 0 ${y})`);
		group.appendChild(label);
		text.style.visibility = "hidden";
	});
	axis.parentNode.appendChild(group);
	const below = Math.ceil(
		Math.max(...[...group.querySelectorAll("text")].map((label) => label.getBBox().width)) * Math.SQRT1_2
	);
	svg.style.overflow = "visible";
	const legend = svg.querySelector(".chart-legend");
	const at = legend?.getAttribute("transform")?.match(/translate\(([-\d.]+),\s*([-\d.]+)\)/);
	if (at) {
		legend.dataset.complaintsY ??= at[2];
		legend.setAttribute("transform", `translate(${at[1]}, ${Number(legend.dataset.complaintsY) + below})`);
	}
	wrapper.parentNode.style.paddingBottom = `${below}px`;
}

frappe.dom.set_style(
	`.complaints-chart-legend { display: flex; flex-wrap: wrap; gap: 6px 18px; list-style: none;
		margin: 0 20px 12px; padding: 0; font-size: var(--text-sm); color: var(--text-color); }
	.complaints-chart-legend li { display: inline-flex; align-items: center; gap: 6px; }
	.complaints-chart-legend .legend-swatch { width: 10px; height: 10px; border-radius: 3px; flex: none; }
	.complaints-x-label { fill: var(--charts-label-color, var(--text-muted)); }`,
	"complaints-mgmt-chart-legends"
);

// Numbers with separators inside right-to-left text: after an Arabic letter the bidi algorithm reads digits
// as Arabic numbers and dashes, stars and colons as right-to-left, so a tracking number came out
// "8-0000374-2026", a masked national ID "697**********2", a mobile "201001234567+" and a date reversed,
// in the duplicates banner, dialogs, alerts and the timeline. Every such run inside a sentence the desk
// draws is isolated, left to right, in a <bdi dir="ltr">. Form fields' values are left to the stylesheet
// below (Frappe redraws a field whose markup changed), and an element Frappe keeps redrawing is let be.
const NUMERIC_RUN = /(?<![\w-])\+?\d+(?:[-/:.*]+\d+)+\**|\+\d{6,}/g;
const NOT_IN =
	"bdi, [dir='ltr'], script, style, textarea, select, option, svg, [contenteditable='true'], .frappe-control";
const REDRAWN = new WeakMap(); // element -> how many times its runs were isolated

function isolate_numeric_runs(root) {
	if (document.documentElement.dir !== "rtl") return;
	const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
	const nodes = [];
	while (walker.nextNode()) {
		const node = walker.currentNode;
		NUMERIC_RUN.lastIndex = 0;
		if (!NUMERIC_RUN.test(node.nodeValue)) continue;
		const parent = node.parentElement;
		if (!parent || parent.closest(NOT_IN) || (REDRAWN.get(parent) || 0) > 3) continue;
		nodes.push(node);
	}
	for (const node of nodes) {
		const text = node.nodeValue;
		const parent = node.parentElement;
		REDRAWN.set(parent, (REDRAWN.get(parent) || 0) + 1);
		const fragment = document.createDocumentFragment();
		let last = 0;
		for (const match of text.matchAll(NUMERIC_RUN)) {
			fragment.append(text.slice(last, match.index));
			const bdi = document.createElement("bdi");
			bdi.dir = "ltr";
			bdi.textContent = match[0];
			fragment.append(bdi);
			last = match.index + match[0].length;
		}
		fragment.append(text.slice(last));
		node.replaceWith(fragment);
	}
}

// A field's value takes its direction from what it holds (dir="auto"): a value with no letter at all, a
// masked national ID "2**********634" or a mobile "+201001234567", is laid out left to right; in a right to
// left field its stars and plus sign took the field's direction and it read "634**********2".
// A list's cells too: a subject or a name typed in English, cut to fit its column, showed its end and lost
// its beginning ("formation needed" for "Information needed"). And a text area: a description or an answer
// written in English read with its full stop at its start and its last word wrapped after it.
const FIELD_VALUES =
	".frappe-control input, .frappe-control textarea, .frappe-control .like-disabled-input, .frappe-control .control-value";
const LIST_VALUES =
	".list-row-container .list-row-col.ellipsis:not(.list-subject), .list-row-container .list-subject a.ellipsis";
const OWN_DIRECTION = `${FIELD_VALUES}, ${LIST_VALUES}`;

function direction_from_content(root) {
	const found = root.matches && root.matches(OWN_DIRECTION) ? [root] : [];
	for (const el of [...found, ...root.querySelectorAll(OWN_DIRECTION)]) {
		if (!el.hasAttribute("dir")) el.setAttribute("dir", "auto");
	}
}

$(() => {
	isolate_numeric_runs(document.body);
	direction_from_content(document.body);
	new MutationObserver((mutations) => {
		for (const mutation of mutations) {
			for (const node of mutation.addedNodes) {
				if (node.nodeType === Node.ELEMENT_NODE) direction_from_content(node);
				if (node.nodeType === Node.ELEMENT_NODE) isolate_numeric_runs(node);
				else if (node.nodeType === Node.TEXT_NODE && node.parentElement)
					isolate_numeric_runs(node.parentElement);
			}
		}
	}).observe(document.body, { childList: true, subtree: true });
});

// Inputs and read-only values take their direction from what they hold: a masked national ID, a mobile
// number or a tracking number reads left to right in an Arabic form, Arabic text right to left. The time
// of the date picker reads hours:minutes left to right ("23:46", not "46:23").
// Their direction comes from dir="auto" (above), not from unicode-bidi: plaintext, which Chromium resolves
// right to left for a value without a letter ("2**********634" drawn "634**********2").
frappe.dom.set_style(
	`[dir="rtl"] .frappe-control input, [dir="rtl"] .frappe-control .like-disabled-input,
	[dir="rtl"] .frappe-control .control-value { unicode-bidi: isolate; text-align: right; }
	[dir="rtl"] .datepicker--time-current, [dir="rtl"] .datepicker--time-sliders { direction: ltr; }`,
	"complaints-mgmt-rtl-values"
);

// A list's column names read whole: Arabic names are longer than the English ones Frappe's fixed header
// row was sized for ("مستوى الخدمة" was cut to "مستوى الخ..."); a long name takes a second line. A subject
// too long for its column is cut with "…" at its end, not clipped at the column's edge.
frappe.dom.set_style(
	`.list-row-head { height: auto; min-height: 30px; }
	.list-row-head .list-row-col.ellipsis { white-space: normal; overflow: visible; text-overflow: clip;
		line-height: 1.25; padding-block: 3px; }
	.list-row-container .list-subject > .level-item.ellipsis { flex-shrink: 1; min-width: 0; }
	[dir="rtl"] .list-row-container .list-row-col.ellipsis[dir="ltr"]:not(.list-subject) { text-align: right; }`,
	"complaints-mgmt-list-headers"
);

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

// A workspace page carries its number cards' and charts' records, the reader's dashboard settings and the
// figures its widgets are about to ask for (api/workspace_page.py): each widget takes its record, and its
// first figures, from there once instead of asking the server for them, and a chart of a custom source its
// source's script. Anything else (a card's form, a refresh, a filter changed, a widget whose arguments the
// page could not know in advance) goes Frappe's way. On a page load of a workspace the page is asked for as
// soon as this script runs, while the desk starts, and the sidebar is drawn from the boot, which Frappe
// builds with the same call (boot.load_desktop_data) and drops whenever a workspace or the user changes.
(() => {
	const PAGE_METHOD = "frappe.desk.desktop.get_desktop_page";
	const CARD_METHOD = "frappe.desk.doctype.number_card.number_card.get_result";
	const PRELOADED = "__workspace_preloaded";
	const WIDGETS = ["Number Card", "Dashboard Chart"];
	// figures are for the widgets drawn right after the page arrives, never for a later draw
	const FIGURES_KEPT_MS = 10000;
	let figures = new Map();
	let settings = null;
	let received_at = 0;
	const fresh = () => Date.now() - received_at < FIGURES_KEPT_MS;

	const canonical = (value) => {
		if (Array.isArray(value)) return value.map(canonical);
		if (value === null || typeof value !== "object") return value;
		const sorted = {};
		for (const key of Object.keys(value).sort()) {
			if (value[key] !== null && value[key] !== undefined) sorted[key] = canonical(value[key]);
		}
		return sorted;
	};
	// a card of a document type sends its whole record: its figure is known by the card's name
	const figure_key = (method, args) =>
		method === CARD_METHOD
			? `${method}|${typeof args?.doc === "string" ? args.doc : args?.doc?.name}`
			: `${method}|${JSON.stringify(canonical(args || {}))}`;

	const take_page_extras = (r) => {
		figures = new Map((r?.workspace_figures || []).map((f) => [figure_key(f.method, f.args), f.result]));
		settings = r?.dashboard_settings || null;
		received_at = Date.now();
		return r;
	};

	const call = frappe.call;
	let prefetched = null;
	frappe.call = function (opts, args) {
		const method = typeof opts === "string" ? opts : opts?.method;
		if (method !== PAGE_METHOD) return call.apply(this, arguments);
		const page = (typeof opts === "string" ? args : opts.args)?.page;
		if (prefetched && typeof opts === "string" && page?.name === prefetched.name) {
			const request = prefetched.request;
			prefetched = null;
			// should the early request have failed, the workspace asks again as Frappe does
			return request.then((r) => r || call.apply(this, [opts, args]).then(take_page_extras));
		}
		const request = call.apply(this, arguments);
		request.then(take_page_extras);
		return request;
	};

	const xcall = frappe.xcall;
	frappe.xcall = function (method, params) {
		const key = figures.size && fresh() && figure_key(method, params);
		if (key && figures.has(key)) {
			const result = figures.get(key);
			figures.delete(key);
			return Promise.resolve(result);
		}
		return xcall.apply(this, arguments);
	};

	if (frappe.dashboard_utils?.get_dashboard_settings) {
		const get_dashboard_settings = frappe.dashboard_utils.get_dashboard_settings;
		frappe.dashboard_utils.get_dashboard_settings = function () {
			if (settings && fresh()) {
				const taken = settings;
				settings = null;
				return Promise.resolve(taken);
			}
			return get_dashboard_settings.apply(this, arguments);
		};
	}

	const with_doc = frappe.model.with_doc;
	frappe.model.with_doc = function (doctype, name, callback) {
		const doc = WIDGETS.includes(doctype) && locals[doctype] && locals[doctype][name];
		if (doc && doc[PRELOADED]) {
			delete doc[PRELOADED];
			if (doc.__source_config) {
				frappe.provide("frappe.dashboards.chart_sources");
				if (!frappe.dashboards.chart_sources[doc.source]) frappe.dom.eval(doc.__source_config);
			}
			// a chart reads its record once more after its figures, for the time it was synced
			if (doctype === "Dashboard Chart") doc.__read_once_more = 1;
			callback && callback(name);
			return Promise.resolve(doc);
		}
		return with_doc.apply(this, arguments);
	};
	const get_doc = frappe.db.get_doc;
	frappe.db.get_doc = function (doctype, name, filters) {
		const doc = doctype === "Dashboard Chart" && !filters && locals[doctype] && locals[doctype][name];
		if (doc && doc.__read_once_more) {
			delete doc.__read_once_more;
			return Promise.resolve(doc);
		}
		return get_doc.apply(this, arguments);
	};

	const workspaces_in_boot = () => frappe.boot?.allowed_workspaces?.length && frappe.boot.allowed_workspaces;

	// the first sidebar from the boot: the same list get_workspace_sidebar_items answers
	if (frappe.views?.Workspace) {
		const get_pages = frappe.views.Workspace.prototype.get_pages;
		let from_boot = true;
		frappe.views.Workspace.prototype.get_pages = function () {
			const pages = from_boot && workspaces_in_boot();
			from_boot = false;
			if (!pages) return get_pages.apply(this, arguments);
			return Promise.resolve({
				pages: JSON.parse(JSON.stringify(pages)),
				has_access: frappe.user_roles.includes("Workspace Manager"),
				has_create_access: frappe.model.can_create("Workspace"),
			});
		};

		// The desk shows the workspace while it is still reading its pages (even from the boot, one promise
		// job away): Frappe's Workspace.show then tries again every 100 ms. It is shown once they are read.
		const setup_pages = frappe.views.Workspace.prototype.setup_pages;
		frappe.views.Workspace.prototype.setup_pages = function () {
			const pages_read = setup_pages.apply(this, arguments);
			if (!this.all_pages) this.pages_read = pages_read;
			return pages_read;
		};
		const show = frappe.views.Workspace.prototype.show;
		frappe.views.Workspace.prototype.show = function () {
			const pages_read = !this.all_pages && this.pages_read;
			if (!pages_read) return show.apply(this, arguments);
			this.pages_read = null;
			pages_read.then(
				() => this.show(),
				() => show.apply(this)
			);
		};

		// Workspace.show_page asks for its page once every request in flight has come back (the desk's
		// start asks for notifications and events meanwhile); a page already asked for (below) is taken at once.
		const show_page = frappe.views.Workspace.prototype.show_page;
		frappe.views.Workspace.prototype.show_page = function (page) {
			if (!prefetched || prefetched.name !== page?.name || this.pages?.[page.name]) {
				return show_page.apply(this, arguments);
			}
			const after_ajax = frappe.after_ajax;
			frappe.after_ajax = (fn) => Promise.resolve().then(fn);
			try {
				return show_page.apply(this, arguments); // runs to its first await: the after_ajax above
			} finally {
				frappe.after_ajax = after_ajax;
			}
		};

		// Editor.js (2.26, Frappe's) draws a workspace's blocks 500 ms after it is ready, for its loader's
		// sake: half a second of every first look at a workspace spent waiting on nothing. The editor's
		// set-up runs in promise jobs, so the first 500 ms timer asked for before the next task is that one:
		// it runs at once. Any other timer keeps its delay.
		const EDITOR_LOADER_DELAY_MS = 500;
		const initialize_editorjs = frappe.views.Workspace.prototype.initialize_editorjs;
		frappe.views.Workspace.prototype.initialize_editorjs = function () {
			const set_timeout = window.setTimeout;
			let restored = false;
			const restore = () => {
				if (restored) return;
				restored = true;
				if (window.setTimeout === without_loader_delay) window.setTimeout = set_timeout;
			};
			const without_loader_delay = function (handler, delay, ...rest) {
				if (delay !== EDITOR_LOADER_DELAY_MS) return set_timeout.call(this, handler, delay, ...rest);
				restore();
				return set_timeout.call(this, handler, 0, ...rest);
			};
			window.setTimeout = without_loader_delay;
			set_timeout(restore, 0);
			try {
				return initialize_editorjs.apply(this, arguments);
			} catch (e) {
				restore();
				throw e;
			}
		};
	}

	// the page the workspace is about to show (Workspace.get_page_to_show), asked for now
	const page_to_show = () => {
		const pages = workspaces_in_boot();
		const parts = window.location.pathname.split("/").filter(Boolean).map(decodeURIComponent);
		if (!pages || parts[0] !== "app" || parts.length > 2) return null;
		if (parts[1]) return pages.find((p) => p.public && frappe.router.slug(p.name) === parts[1]);
		// a private page is left to the workspace
		const chosen = frappe.boot.user?.default_workspace;
		if (chosen) return chosen.public ? pages.find((p) => p.public && p.title === chosen.title) : null;
		const last = localStorage.current_page && pages.find((p) => p.title === localStorage.current_page);
		if (last) return localStorage.is_current_page_public != "false" && last.public ? last : null;
		return pages[0].public ? pages[0] : null;
	};
	// at the address a page load of /app/<workspace> told the browser to preload
	// (api/workspace_page.preload_workspace_page): the server has been building it while the scripts ran
	const page = frappe.boot && page_to_show();
	if (page) {
		const asked = JSON.stringify({ name: page.name, title: page.title, public: 1 });
		prefetched = {
			name: page.name,
			request: fetch(`/api/method/${PAGE_METHOD}?page=${encodeURIComponent(asked)}`, {
				credentials: "same-origin",
			})
				.then((response) => (response.ok ? response.json() : null))
				.then((r) => {
					// anything amiss: the workspace asks Frappe's way, which shows what went wrong
					if (!r || r.exc || r._server_messages || !r.message) return null;
					if (r.docs) frappe.model.sync(r);
					return take_page_extras(r);
				})
				.catch(() => null),
		};
	}
})();

frappe.provide("complaints_mgmt");

// The filters the complaints' dashboard chart sources share: the complaints of a place or a category.
// (A chart source's script is evaluated as it is, with no include: this file is loaded before it.)
complaints_mgmt.chart_place_filters = () => [
	{ fieldname: "governorate", label: __("Governorate"), fieldtype: "Link", options: "Governorate" },
	{ fieldname: "directorate", label: __("Directorate"), fieldtype: "Link", options: "Directorate" },
	{ fieldname: "category", label: __("Category"), fieldtype: "Link", options: "Complaint Category" },
];

// A dialog's required choice among `options` ([{value, label}]), the first one chosen to begin with; the
// staff's dialogs (bulk actions, incidents, saved replies) each open with one.
complaints_mgmt.choice_field = (fieldname, label, options, more = {}) => ({
	fieldname,
	fieldtype: "Select",
	label,
	reqd: 1,
	options,
	default: options[0].value,
	...more,
});

// A background job of the staff's tools (staff_tools/bulk_actions.py: bulk actions from the list, an
// incident's answer) followed to its end: its progress shown under `title`, then its result under
// `result_title` (how many complaints changed, and those not changed with why), then `done()`, once.
// Without realtime (or for a job that ended before the page listened) the result is asked for every 2
// seconds, for up to an hour.
complaints_mgmt.follow_bulk_job = function (job, { title, result_title, done }) {
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
		show_bulk_result(result, result_title);
		if (done) done();
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
};

function show_bulk_result(result, title) {
	const esc = frappe.utils.escape_html;
	const rows = result.failed
		.map((row) => `<tr><td><bdi dir="ltr">${esc(row.complaint)}</bdi></td><td>${esc(row.reason)}</td></tr>`)
		.join("");
	const table = rows
		? `<p>${__("Not changed:")}</p><table class="table table-bordered bulk-failed">` +
		  `<thead><tr><th>${__("Tracking Number")}</th><th>${__("Reason")}</th></tr></thead>` +
		  `<tbody>${rows}</tbody></table>`
		: "";
	frappe.msgprint({
		title,
		indicator: result.failed.length ? "orange" : "green",
		message:
			`<p class="bulk-summary">${__("{0} complaints changed, {1} not changed.", [
				result.changed.length,
				result.failed.length,
			])}</p>` + table,
	});
}
