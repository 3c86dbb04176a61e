// Staff find a complainant's complaints by the national ID a caller gives. The table keeps only the
// masked ID and its keyed hash (security/personal_data.py): the server checks the ID and answers its hash, and the
// list is filtered by that, showing only the complaints this user may read (api/complainants.py).
frappe.listview_settings["Complaint"] = {
	add_fields: ["deadline", "sla_status", "status", "complaint_type"],
	onload(listview) {
		listview.page.add_inner_button(__("Find by National ID"), () => find_by_national_id(listview));
	},
	refresh(listview) {
		widen_columns(listview);
		mark_distress_appeals(listview);
	},
	// A late complaint stands out from a new one: its deadline (red text: a pill did not fit the column) and SLA show in red (setup/list_views.py
	// gives the officer's list these columns).
	formatters: {
		// a distress appeal (an urgent human case, service_levels/sla.py gives it hours) is named so in every row
		subject(value, df, doc) {
			return doc.complaint_type === DISTRESS_APPEAL
				? __("Distress Appeal: {0}", [value || doc.name])
				: value;
		},
		// the day only, the time in the tooltip: date and time did not fit the column ("...17-12-2026")
		deadline(value, df, doc) {
			if (!value) return "";
			const shown = frappe.datetime.str_to_user(value.split(" ")[0]);
			const full = frappe.datetime.str_to_user(value);
			return is_late(doc)
				? `<span class="complaint-overdue" title="${__("Overdue")}: ${full}">${shown}</span>`
				: `<span title="${full}">${shown}</span>`;
		},
		sla_status(value, df, doc) {
			const shown = value === "On Track" && is_late(doc) ? "Breached" : value;
			if (!shown) return "";
			const colour = { "On Track": "green", Breached: "red", Met: "blue" }[shown] || "gray";
			return `<span class="indicator-pill no-indicator-dot ${colour}">${__(shown)}</span>`;
		},
	},
};

// The state and the tracking number keep their whole text in the list at a desktop width (1366 pixels):
// Frappe gives every column the same width, which cut "أُحيلت إلى الجهة المختصة" and "بانتظار رد المواطن"
// to "أحيلت إلى ..." and a tracking number to "...0000301-5". Their columns are made wider (the header's and
// the rows' cells are in the order of listview.columns), a long state wraps onto a second line in
// its pill, and a tracking number is set a size smaller.
function widen_columns(listview) {
	const nth = (test) => listview.columns.findIndex(test) + 1;
	const status = nth((column) => column.type === "Status");
	const name = nth((column) => column.df?.fieldname === "name");
	const deadline = nth((column) => column.df?.fieldname === "deadline");
	const page = '[data-page-route="List/Complaint/List"]';
	const column = (n) => `${page} .list-row-head .level-left > .list-row-col:nth-child(${n}),
		${page} .list-row .level-left > .list-row-col:nth-child(${n})`;
	frappe.dom.set_style(
		`${status ? `${column(status)} { flex: 1.5; }` : ""}
		${name ? `${column(name)} { flex: 1.4; font-size: var(--text-xs); }` : ""}
		${deadline ? `${column(deadline)} { flex: 1.25; }` : ""}
		${page} .list-row-col:has(> .indicator-pill[data-filter^="status,"]),
		${page} .indicator-pill[data-filter^="status,"],
		${page} .indicator-pill[data-filter^="status,"] > .ellipsis {
			white-space: normal; overflow: visible; text-overflow: clip;
		}
		${page} .indicator-pill[data-filter^="status,"] {
			height: auto; min-height: 20px; line-height: 1.2; max-width: 100%; padding-block: 2px;
			border-radius: var(--border-radius-md);
		}
		${page} .complaint-overdue { color: var(--red-600); }`,
		"complaints-mgmt-complaint-list"
	);
}

const DISTRESS_APPEAL = "Distress Appeal";

// The rows of distress appeals stand out: a red bar at the start of the row (their subject says so too)
function mark_distress_appeals(listview) {
	frappe.dom.set_style(
		`.list-row.complaint-distress-appeal { border-inline-start: 4px solid var(--red-500); }`,
		"complaints-mgmt-distress-appeal"
	);
	const distress = new Set(
		(listview.data || []).filter((doc) => doc.complaint_type === DISTRESS_APPEAL).map((doc) => doc.name)
	);
	listview.$result.find(".list-row").each((_i, row) => {
		const name = $(row).find(".list-row-checkbox").attr("data-name");
		$(row).toggleClass("complaint-distress-appeal", distress.has(name));
	});
}

// Open and past the deadline given to the citizen (as the Overdue Complaints report counts it)
function is_late(doc) {
	return (
		doc.deadline &&
		!["Closed", "Rejected"].includes(doc.status) &&
		frappe.datetime.str_to_obj(doc.deadline) < frappe.datetime.str_to_obj(frappe.datetime.now_datetime())
	);
}

function find_by_national_id(listview) {
	frappe.prompt(
		[{ fieldname: "national_id", fieldtype: "Data", label: __("National ID"), reqd: 1 }],
		({ national_id }) =>
			frappe
				.xcall("complaints_mgmt.api.complainants.national_id_filter", { national_id })
				.then((hash) =>
					listview.filter_area
						.clear(false)
						.then(() => listview.filter_area.add([["Complaint", "national_id_hash", "=", hash]]))
				),
		__("Find a Complainant's Complaints"),
		__("Find")
	);
}
