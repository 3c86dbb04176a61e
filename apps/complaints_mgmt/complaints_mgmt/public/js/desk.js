// Workflow states in the user's language wherever a read-only field or a report column links to one
// (the complaint's and appeal's status). Workflow State is a translated DocType, so link inputs and
// searches show it translated, but Frappe's link formatter translates the text only for users who may
// read the linked DocType, and no complaints role may: liaison officers saw "Routed" in Arabic pages.
frappe.form.link_formatters["Workflow State"] = (value) => __(value);
