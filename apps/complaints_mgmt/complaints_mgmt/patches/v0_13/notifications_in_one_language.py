"""The default notifications' subjects said both languages ("شكوى جديدة / New complaint: ...") and the
liaison officer's email showed the tracking number and the category out of order: each record still as the
app made it gets the new text (setup/notifications.py); one an administrator edited is left as it is."""

import frappe

from complaints_mgmt.setup.notifications import DEFAULT_NOTIFICATIONS, STAFF, bilingual

OLD_SUBJECTS = {
	"New Complaint: Liaison Officer": "شكوى جديدة / New complaint: {{ doc.name }}",
	"Complaint Closed: Citizen Email": "الرد على شكواك / The answer to your complaint: {{ doc.name }}",
	"Complaint Escalation: Email": (
		"{% if doc.due_on > doc.escalated_on %}تذكير / Reminder"
		"{% else %}تصعيد / Escalation {{ doc.level }}{% endif %}: {{ doc.complaint }}"
	),
	"Appeal Decided: Citizen Email": "قرار لجنة التظلمات / The appeals board's decision: {{ doc.name }}",
}
OLD_OFFICER_MESSAGE = bilingual(
	STAFF,
	'<p dir="rtl">وردت إلى وحدتكم الشكوى <a href="{{ frappe.utils.get_url_to_form(\'Complaint\', '
	'doc.name) }}">{{ doc.name }}</a>: {{ doc.subject }}.</p>'
	'<p dir="rtl">الفئة: {{ doc.category }}. يجب قبولها قبل '
	"{{ frappe.utils.format_datetime(doc.accept_by, 'dd-MM-yyyy HH:mm') }}.</p>",
	"<p>Your unit received complaint <a href=\"{{ frappe.utils.get_url_to_form('Complaint', "
	'doc.name) }}">{{ doc.name }}</a>: {{ doc.subject }}.</p>'
	"<p>Category: {{ doc.category }}. Accept it by {{ frappe.utils.format_datetime(doc.accept_by, 'dd-MM-yyyy HH:mm') }}.</p>",
)


def execute():
	current = {definition["name"]: definition for definition in DEFAULT_NOTIFICATIONS}
	for name, old_subject in OLD_SUBJECTS.items():
		if frappe.db.get_value("Notification", name, "subject") == old_subject:
			frappe.db.set_value("Notification", name, "subject", current[name]["subject"])
	officer = "New Complaint: Liaison Officer"
	if frappe.db.get_value("Notification", officer, "message") == OLD_OFFICER_MESSAGE:
		frappe.db.set_value("Notification", officer, "message", current[officer]["message"])
