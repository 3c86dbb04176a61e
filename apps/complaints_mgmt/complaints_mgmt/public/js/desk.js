// Workflow states in the user's language wherever a field links to one: the complaint and appeal forms,
// lists and reports. Frappe translates a link's text only for users who may read the linked DocType,
// and no complaints role may read Workflow State, so liaison officers saw "Routed" in Arabic pages.
frappe.form.link_formatters["Workflow State"] = (value) => __(value);
