"""Staff messages named master data by its stored name: the officer's email "الفئة: Takaful and Karama",
the escalation email "الجهة المختصة: SU-01-011" and the officer's user id. The default notifications still
as the app made them get the texts that name each record in the message's language
(record_names.record_title); one an administrator edited is left as it is."""

import frappe

from complaints_mgmt.setup.notifications import DEFAULT_NOTIFICATIONS, UNIT_DOCTYPE

# Each change of the templates, as (what the message said, what it says now)
CHANGES = (
	(
		"الفئة: <bdi>{{ _(doc.category) }}</bdi>",
		'الفئة: <bdi>{{ record_title("Complaint Category", doc.category, "ar") }}</bdi>',
	),
	(
		"<p>Category: {{ doc.category }}. Accept",
		"<p>Category: {{ record_title('Complaint Category', doc.category, 'en') }}. Accept",
	),
	(
		'الجهة المختصة: {{ doc.unit or "-" }}، ضابط الاتصال: {{ doc.liaison_officer or "-" }}.',
		'الجهة المختصة: {{ record_title(unit_doctype, doc.unit, "ar") or "-" }}، ضابط الاتصال: '
		'{{ record_title("Liaison Officer", doc.liaison_officer, "ar") or "-" }}.',
	),
	(
		'Competent unit: {{ doc.unit or "-" }}; liaison officer: {{ doc.liaison_officer or "-" }}.',
		'Competent unit: {{ record_title(unit_doctype, doc.unit, "en") or "-" }}; liaison officer: '
		'{{ record_title("Liaison Officer", doc.liaison_officer, "en") or "-" }}.',
	),
	(UNIT_DOCTYPE, ""),  # the old templates did not look the unit's doctype up
)
RENAMED = ("New Complaint: Liaison Officer", "Complaint Escalation: Email")


def previous_text(current: str) -> str:
	old = current
	for before, now in CHANGES:
		if now:
			old = old.replace(now, before)
		else:
			old = old.replace(before, "")
	return old


def execute():
	current = {definition["name"]: definition for definition in DEFAULT_NOTIFICATIONS}
	for name in RENAMED:
		message = current[name]["message"]
		if frappe.db.get_value("Notification", name, "message") == previous_text(message):
			frappe.db.set_value("Notification", name, "message", message)
