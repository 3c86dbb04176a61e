"""The one-time code SMS names its minutes with the word that agrees with their number: its
shipped text said "{minutes} minutes", whose Arabic could only be "10 دقيقة" or a roundabout phrase. A
site still holding that shipped text gets the new one ({validity}); a text an administrator wrote stays."""

import frappe

SETTINGS = "Citizen Portal Settings"
OLD_DEFAULT = (
	"Your code to follow complaint {tracking_number} is {code}. It is valid for {minutes} minutes. "
	"Do not share it."
)


def execute():
	if (frappe.db.get_single_value(SETTINGS, "code_sms") or "").strip() == OLD_DEFAULT:
		new_default = frappe.get_meta(SETTINGS).get_field("code_sms").default
		frappe.db.set_single_value(SETTINGS, "code_sms", new_default)
