"""The default Notification records: made once, never overwritten.

Standard (module-exported) Notifications cannot be edited outside developer mode, and fixtures are
re-imported over the administrator's edits on every migrate; so these are ordinary records, inserted
after install, or by the first migrate after an update that adds one, and never again: one an
administrator renamed or deleted is not made again (setup/seeding.py). Administrators edit
their texts, recipients and conditions in the desk, or disable them.

Languages: one record per message, its template holding the Arabic and the English text side by side
and picking one with Jinja. Two records per message (one per language) would double every edit of a
recipient or condition and need conditions that exclude each other; one record keeps them once. A
message to the complainant follows the complaint's `language` (the language they filed in, Arabic
unless they used English); a message to staff follows the system language (Arabic on our sites).

SMS records go through messaging/sms.py (notifications.QueuedSMSNotification): in the background, logged,
retried. Email records also leave an in-app alert for recipients who are users.
"""

import frappe

from complaints_mgmt.setup.seeding import seed_once

CITIZEN = "doc.language"
STAFF = 'frappe.get_system_settings("language")'
APPELLANT = 'frappe.db.get_value("Complaint", doc.complaint, "language")'
TRACK_URL = "{{ frappe.get_url('/track?tracking_number=' ~ doc.name) }}"
FORM_URL = "{{ frappe.utils.get_url_to_form('Complaint', doc.complaint) }}"


def bilingual(language: str, arabic: str, english: str) -> str:
	return f'{{% if {language} == "en" %}}{english}{{% else %}}{arabic}{{% endif %}}'


STATUS_AR = (
	'{% if doc.status == "Accepted" %}قُبلت شكواك رقم {{ doc.name }} وجارٍ العمل عليها'
	"{% if doc.deadline %}، والموعد المتوقع للرد {{ frappe.utils.formatdate(doc.deadline) }}{% endif %}."
	'{% elif doc.status == "Awaiting Citizen" %}شكواك رقم {{ doc.name }} تحتاج إلى معلومات إضافية منك. '
	"سيتواصل معك الموظف المختص، ويمكنك متابعتها على " + TRACK_URL + " "
	'{% elif doc.status == "Rejected" %}نعتذر، لم تُقبل شكواك رقم {{ doc.name }}: {{ doc.rejection_reason }}'
	'{% elif doc.status == "Reopened" %}أُعيد فتح شكواك رقم {{ doc.name }} وستُدرس من جديد.{% endif %}'
)
STATUS_EN = (
	'{% if doc.status == "Accepted" %}Your complaint {{ doc.name }} was accepted and is being handled'
	"{% if doc.deadline %}; expect an answer by {{ frappe.utils.formatdate(doc.deadline) }}{% endif %}."
	'{% elif doc.status == "Awaiting Citizen" %}Your complaint {{ doc.name }} needs more information from '
	"you. The officer in charge will contact you; follow it at " + TRACK_URL + " "
	'{% elif doc.status == "Rejected" %}We are sorry: your complaint {{ doc.name }} was not accepted: '
	"{{ doc.rejection_reason }}"
	'{% elif doc.status == "Reopened" %}Your complaint {{ doc.name }} was reopened and will be looked at '
	"again.{% endif %}"
)

# Email subjects hold at most 140 characters: Jinja methods (overrides/notifications.py) pick the language.
# The tracking number is isolated (FSI ... PDI) so that it reads left to right after an Arabic word.
ESCALATION_SUBJECT = (
	"{{for_staff('تذكير','Reminder') if doc.due_on>doc.escalated_on else for_staff('تصعيد','Escalation')"
	"~' '~doc.level}}: \u2068{{doc.complaint}}\u2069"
)
ESCALATION_SMS_AR = (
	"{% if doc.due_on > doc.escalated_on %}تذكير: الشكوى {{ doc.complaint }} مستحقة في "
	"{{ frappe.utils.format_datetime(doc.due_on, 'dd-MM-yyyy HH:mm') }}."
	"{% else %}تصعيد (المستوى {{ doc.level }}): تأخرت الشكوى {{ doc.complaint }} عن موعدها.{% endif %}"
)
ESCALATION_SMS_EN = (
	"{% if doc.due_on > doc.escalated_on %}Reminder: complaint {{ doc.complaint }} is due on "
	"{{ frappe.utils.format_datetime(doc.due_on, 'dd-MM-yyyy HH:mm') }}."
	"{% else %}Escalation (level {{ doc.level }}): complaint {{ doc.complaint }} is late.{% endif %}"
)
# the escalation log keeps the unit's code; its doctype is the complaint's
UNIT_DOCTYPE = "{% set unit_doctype = frappe.db.get_value('Complaint', doc.complaint, 'unit_doctype') %}"
ESCALATION_BODY_AR = (
	UNIT_DOCTYPE
	+ '<p dir="rtl">الشكوى <a href="'
	+ FORM_URL
	+ '">{{ doc.complaint }}</a>: {{ doc.subject }}</p>'
	'<p dir="rtl">{% if doc.phase == "Acceptance" %}موعد القبول{% else %}موعد الحل{% endif %}: '
	"{{ frappe.utils.format_datetime(doc.due_on, 'dd-MM-yyyy HH:mm') }}"
	"{% if doc.due_on <= doc.escalated_on %} (تجاوزته الشكوى){% endif %}.</p>"
	'<p dir="rtl">الجهة المختصة: {{ record_title(unit_doctype, doc.unit, "ar") or "-" }}، ضابط الاتصال: '
	'{{ record_title("Liaison Officer", doc.liaison_officer, "ar") or "-" }}.</p>'
)
ESCALATION_BODY_EN = (
	UNIT_DOCTYPE + '<p>Complaint <a href="' + FORM_URL + '">{{ doc.complaint }}</a>: {{ doc.subject }}</p>'
	'<p>{% if doc.phase == "Acceptance" %}Accept by{% else %}Resolve by{% endif %}: '
	"{{ frappe.utils.format_datetime(doc.due_on, 'dd-MM-yyyy HH:mm') }}"
	"{% if doc.due_on <= doc.escalated_on %} (passed){% endif %}.</p>"
	'<p>Competent unit: {{ record_title(unit_doctype, doc.unit, "en") or "-" }}; liaison officer: '
	'{{ record_title("Liaison Officer", doc.liaison_officer, "en") or "-" }}.</p>'
)

APPEAL_AR = (
	'{% if doc.decision == "Upheld" %}قُبل تظلمك رقم {{ doc.name }} وأُعيد فتح الشكوى {{ doc.complaint }}.'
	'{% elif doc.decision == "Partly Upheld" %}قُبل تظلمك رقم {{ doc.name }} جزئيًا وأُعيد فتح الشكوى '
	"{{ doc.complaint }}."
	"{% else %}رُفض تظلمك رقم {{ doc.name }} في الشكوى {{ doc.complaint }}.{% endif %}"
)
APPEAL_EN = (
	'{% if doc.decision == "Upheld" %}Your appeal {{ doc.name }} was upheld and complaint '
	"{{ doc.complaint }} reopened."
	'{% elif doc.decision == "Partly Upheld" %}Your appeal {{ doc.name }} was partly upheld and complaint '
	"{{ doc.complaint }} reopened."
	"{% else %}Your appeal {{ doc.name }} on complaint {{ doc.complaint }} was rejected.{% endif %}"
)


def _sms(name, doctype, event, condition, field, arabic, english, language, value_changed=None):
	return _notification(name, doctype, event, condition, field, value_changed) | {
		"channel": "SMS",
		"subject": name,
		"message_type": "Plain Text",
		"message": bilingual(language, arabic, english),
	}


def _email(name, doctype, event, condition, field, subject, body, language, value_changed=None):
	return _notification(name, doctype, event, condition, field, value_changed) | {
		"channel": "Email",
		"send_system_notification": 1,
		"subject": subject,
		"message_type": "HTML",
		"message": bilingual(language, *body),
	}


def _notification(name, doctype, event, condition, field, value_changed) -> dict:
	"""What every default Notification sets: when it goes out, and to the number or address in `field`."""
	return {
		"name": name,
		"document_type": doctype,
		"event": event,
		"value_changed": value_changed,
		"condition": condition,
		"recipients": [{"receiver_by_document_field": field}],
	}


RECEIVED_SMS = "Complaint Received: Citizen SMS"
KNOWN_INCIDENT_SMS = "Complaint of a Known Incident: Citizen SMS"
RECEIVED_SMS_TEXTS = (
	"تم استلام شكواك، ورقم المتابعة {{ doc.name }}. تابعها على " + TRACK_URL,
	"Your complaint was received. Tracking number: {{ doc.name }}. Follow it at " + TRACK_URL,
)
# The registration SMS has two texts: this record's for the desk, REST, the sync and Open311, and the
# portal's own receipt (portal/citizen_sms.py). Each says where the other is: here a Jinja comment, which is
# not sent; there the field's description (Citizen Portal Settings).
RECEIVED_SMS_NOTE = (
	"{# رسالة شكاوى البوابة في: إعدادات بوابة المواطنين › رسالة الإيصال النصية."
	" The SMS of complaints filed on the portal is in Citizen Portal Settings › Receipt SMS. #}"
)

DEFAULT_NOTIFICATIONS = [
	{
		**_sms(
			RECEIVED_SMS,
			"Complaint",
			"New",
			'doc.mobile and doc.channel != "Web Portal"',  # the portal sends its own (portal/citizen_sms.py)
			"mobile",
			*RECEIVED_SMS_TEXTS,
			CITIZEN,
		),
		"message": RECEIVED_SMS_NOTE + bilingual(CITIZEN, *RECEIVED_SMS_TEXTS),
	},
	_email(
		"New Complaint: Liaison Officer",
		"Complaint",
		"New",
		"doc.liaison_officer",
		"liaison_officer",
		"{{ for_staff('شكوى جديدة', 'New complaint') }}: \u2068{{ doc.name }}\u2069",
		(
			'<p dir="rtl">وردت إلى وحدتكم الشكوى <a dir="ltr" href="{{ frappe.utils.get_url_to_form(\'Complaint\', '
			'doc.name) }}">{{ doc.name }}</a>: {{ doc.subject }}.</p>'
			'<p dir="rtl">الفئة: <bdi>{{ record_title("Complaint Category", doc.category, "ar") }}</bdi>. يجب قبولها قبل '
			"<bdi dir=\"ltr\">{{ frappe.utils.format_datetime(doc.accept_by, 'dd-MM-yyyy HH:mm') }}</bdi>.</p>",
			"<p>Your unit received complaint <a href=\"{{ frappe.utils.get_url_to_form('Complaint', "
			'doc.name) }}">{{ doc.name }}</a>: {{ doc.subject }}.</p>'
			"<p>Category: {{ record_title('Complaint Category', doc.category, 'en') }}. Accept it by {{ frappe.utils.format_datetime(doc.accept_by, 'dd-MM-yyyy HH:mm') }}.</p>",
		),
		STAFF,
	),
	_sms(
		"New Complaint: Liaison Officer SMS",
		"Complaint",
		"New",
		"doc.liaison_officer",
		"liaison_officer",
		"شكوى جديدة {{ doc.name }} لوحدتكم، يجب قبولها قبل {{ frappe.utils.format_datetime(doc.accept_by, 'dd-MM-yyyy HH:mm') }}.",
		"New complaint {{ doc.name }} for your unit; accept it by {{ frappe.utils.format_datetime(doc.accept_by, 'dd-MM-yyyy HH:mm') }}.",
		STAFF,
	),
	_sms(
		# a complaint routed again after a transfer reaches its new officer as a new one did at registration
		"Complaint Routed Again: Liaison Officer SMS",
		"Complaint",
		"Value Change",
		'doc.liaison_officer and doc.status == "Routed"',
		"liaison_officer",
		"أُحيلت إلى وحدتكم الشكوى {{ doc.name }}، يجب قبولها قبل {{ frappe.utils.format_datetime(doc.accept_by, 'dd-MM-yyyy HH:mm') }}.",
		"Complaint {{ doc.name }} was routed to your unit; accept it by {{ frappe.utils.format_datetime(doc.accept_by, 'dd-MM-yyyy HH:mm') }}.",
		STAFF,
		value_changed="liaison_officer",
	),
	_email(
		# the officer hears in the desk (and by email) that the quality reviewer returned the answer
		"Answer Returned: Liaison Officer",
		"Complaint",
		"Value Change",
		'doc.liaison_officer and doc.status == "Returned"',
		"liaison_officer",
		"{{ for_staff('أُعيد الرد', 'Answer returned') }}: \u2068{{ doc.name }}\u2069",
		(
			'<p dir="rtl">أعاد مراجع الجودة الرد على الشكوى <a dir="ltr" href="{{ frappe.utils.get_url_to_form(\'Complaint\', '
			'doc.name) }}">{{ doc.name }}</a>: {{ doc.review_note or "" }}</p>',
			'<p>The quality reviewer returned the answer to complaint <a href="{{ frappe.utils.get_url_to_form('
			'\'Complaint\', doc.name) }}">{{ doc.name }}</a>: {{ doc.review_note or "" }}</p>',
		),
		STAFF,
		value_changed="status",
	),
	_sms(
		"Complaint Status: Citizen SMS",
		"Complaint",
		"Value Change",
		'doc.mobile and doc.status in ("Accepted", "Awaiting Citizen", "Rejected", "Reopened")',
		"mobile",
		STATUS_AR,
		STATUS_EN,
		CITIZEN,
		value_changed="status",
	),
	_sms(
		"Complaint Closed: Citizen SMS",
		"Complaint",
		"Value Change",
		'doc.mobile and doc.status == "Closed"',
		"mobile",
		"أُغلقت شكواك رقم {{ doc.name }}. اقرأ الرد على " + TRACK_URL,
		"Your complaint {{ doc.name }} is closed. Read the answer at " + TRACK_URL,
		CITIZEN,
		value_changed="status",
	),
	_email(
		"Complaint Closed: Citizen Email",
		"Complaint",
		"Value Change",
		'doc.email and doc.status == "Closed"',
		"email",
		"{{ for_complainant(doc, 'الرد على شكواك', 'The answer to your complaint') }}: \u2068{{ doc.name }}\u2069",
		(
			'<p dir="rtl">أُغلقت شكواك رقم {{ doc.name }} ({{ doc.subject }}). وفيما يلي الرد:</p>'
			'<blockquote dir="rtl">{{ doc.response or "" }}</blockquote>'
			'<p dir="rtl">يمكنك متابعة الشكوى على ' + TRACK_URL + "</p>",
			"<p>Your complaint {{ doc.name }} ({{ doc.subject }}) is closed. The answer:</p>"
			'<blockquote>{{ doc.response or "" }}</blockquote>'
			"<p>Follow the complaint at " + TRACK_URL + "</p>",
		),
		CITIZEN,
		value_changed="status",
	),
	_email(
		"Complaint Escalation: Email",
		"Complaint Escalation",
		"New",
		"doc.recipient_emails",
		"recipient_emails",
		ESCALATION_SUBJECT,
		(ESCALATION_BODY_AR, ESCALATION_BODY_EN),
		STAFF,
	),
	_sms(
		"Complaint Escalation: SMS",
		"Complaint Escalation",
		"New",
		"doc.recipient_mobiles",
		"recipient_mobiles",
		ESCALATION_SMS_AR,
		ESCALATION_SMS_EN,
		STAFF,
	),
	_sms(
		"Appeal Decided: Citizen SMS",
		"Appeal",
		"Value Change",
		'doc.status == "Decided"',
		"complaint",
		APPEAL_AR,
		APPEAL_EN,
		APPELLANT,
		value_changed="status",
	),
	_email(
		"Appeal Decided: Citizen Email",
		"Appeal",
		"Value Change",
		'doc.citizen_user and doc.status == "Decided"',
		"citizen_user",
		"{{ for_complainant(doc, 'قرار لجنة التظلمات', \"The appeals board's decision\") }}: \u2068{{ doc.name }}\u2069",
		(
			'<p dir="rtl">' + APPEAL_AR + '</p><p dir="rtl">{{ doc.decision_note or "" }}</p>',
			"<p>" + APPEAL_EN + '</p><p>{{ doc.decision_note or "" }}</p>',
		),
		APPELLANT,
		value_changed="status",
	),
	_sms(
		# a complaint linked on intake to an open incident of its category and place (staff_tools/incidents.py)
		KNOWN_INCIDENT_SMS,
		"Complaint",
		"New",
		"doc.mobile and doc.incident",
		"mobile",
		"شكواك رقم {{ doc.name }} عن أمر معروف لدينا ونعمل على حله: «{{ frappe.db.get_value('Complaint Incident', "
		"doc.incident, 'title_ar') }}». سيصلك الرد عند حله، وتابعها على " + TRACK_URL,
		"Your complaint {{ doc.name }} is about a matter we already know of and are resolving: "
		"\"{{ frappe.db.get_value('Complaint Incident', doc.incident, 'title_en') or frappe.db.get_value("
		"'Complaint Incident', doc.incident, 'title_ar') }}\". You will get the answer when it is resolved; "
		"follow it at " + TRACK_URL,
		CITIZEN,
	),
]


def note_where_the_portals_receipt_is() -> None:
	"""Sites made before: the registration SMS says where the portal's is, unless its text was edited."""
	unchanged = bilingual(CITIZEN, *RECEIVED_SMS_TEXTS)
	if frappe.db.get_value("Notification", RECEIVED_SMS, "message") == unchanged:
		frappe.db.set_value("Notification", RECEIVED_SMS, "message", RECEIVED_SMS_NOTE + unchanged)


def ensure_notifications() -> None:
	"""Each default notification, the first time (setup/seeding.py): renamed or deleted, it stays so."""
	for definition in DEFAULT_NOTIFICATIONS:
		seed_once(seed_key(definition["name"]), lambda definition=definition: _make(definition))


def seed_key(name: str) -> str:
	return f"Notification:{name}"


def _make(definition: dict) -> None:
	if frappe.db.exists("Notification", definition["name"]):
		return
	values = {key: value for key, value in definition.items() if key != "name" and value is not None}
	frappe.get_doc({"doctype": "Notification", "enabled": 1, "is_standard": 0, **values}).insert(
		ignore_permissions=True, set_name=definition["name"]
	)
