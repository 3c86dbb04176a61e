"""The desk's workflow action with the text its state needs (complaint.js asks for it in a dialog)."""

import frappe

from complaints_mgmt.lifecycle.transitions import act_with_text


@frappe.whitelist(methods=["POST"])
def apply_with_text(name: str, action: str, text: str) -> dict:
	doc = frappe.get_doc("Complaint", name)
	doc.check_permission("read")
	return act_with_text(doc, action, text).as_dict()
