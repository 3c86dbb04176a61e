"""Frappe's Notification, with its SMS channel sent through sms.py.

Frappe 15 sends a Notification's SMS inside the save of the document that triggered it, synchronously
and without a timeout: a hung gateway would hang intake. This class (hooks.override_doctype_class)
keeps everything else of Notification as it is (records, conditions, templates, email, in-app alerts)
and hands the SMS to `sms.queue_sms`: logged, sent after commit in a background job, retried.

An email that cannot be sent (a bad address) is logged and the in-app alert of the same record still
goes out; Frappe's own `send` would skip the alert, and its error would reach the user whose action sent
the email, although that action was done. With no outgoing Email Account (a new site) the email is
skipped quietly (its Communication stays on the record) and the administrators are told once, in their language, where to set one up.

It also lets an SMS recipient be a link: a receiver field that links to a record with a mobile number
(a Liaison Officer, a User, a Complaint from an Appeal) sends to that number.

`run_notifications` is Frappe's `Document.run_notifications` with the records read from Frappe's
document cache: Frappe loads every enabled record of the DocType from the database at every save and
change (about 20 loads a complaint through its four saves of an answer), although few ever pass.
"""

import frappe
from frappe import _
from frappe.core.doctype.role.role import get_info_based_on_role
from frappe.desk.doctype.notification_log.notification_log import NotificationLog
from frappe.email.doctype.notification.notification import Notification, evaluate_alert

from complaints_mgmt.messaging import sms
from complaints_mgmt.utils.messages import withdrawn, withdrawn_on_error

MOBILE_FIELDS = ("mobile", "mobile_no")
MISSING_EMAIL_ACCOUNT_NOTED = "complaints_mgmt_missing_email_account_noted"


class QueuedSMSNotification(Notification):
	def send_an_email(self, doc, context):
		try:
			with withdrawn_on_error():  # the user's action was done; the error is the log's, not theirs
				super().send_an_email(doc, context)
		except frappe.OutgoingEmailError:
			tell_administrators_email_is_off()  # the email is skipped
		except Exception:
			self.log_error(_("Notification email not sent"))

	def send_sms(self, doc, context):
		sms.queue_sms(
			self.get_receiver_list(doc, context),
			frappe.render_template(self.message, context),
			reference_doctype=doc.doctype,
			reference_name=doc.name,
			notification=self.name,
		)

	def get_receiver_list(self, doc, context):
		numbers = []
		for recipient in self.recipients:
			if recipient.condition and not frappe.safe_eval(recipient.condition, None, context):
				continue
			if recipient.receiver_by_document_field:
				numbers.extend(mobile_numbers_in(doc, recipient.receiver_by_document_field))
			if recipient.receiver_by_role:
				numbers.extend(
					get_info_based_on_role(recipient.receiver_by_role, "mobile_no", ignore_permissions=True)
				)
		return sms.clean_numbers(numbers)


# Frappe's events of the methods a Notification record listens to (Document.run_notifications)
EVENT_OF_METHOD = {"on_update": "Save", "after_insert": "New", "on_submit": "Submit", "on_cancel": "Cancel"}


def run_notifications(doc, method: str) -> None:
	"""Frappe's Document.run_notifications, each record taken from Frappe's document cache (cleared by
	Frappe when the record is saved, changed with set_value, renamed or deleted) instead of read again
	from the database at each event. Its condition, the value-change check, the reload of a record
	that passes and the sending are Frappe's own `evaluate_alert`, unchanged; each record still runs
	at most once per save."""
	if (
		(frappe.flags.in_import and frappe.flags.mute_emails)
		or frappe.flags.in_patch
		or frappe.flags.in_install
	):
		return
	if doc.flags.notifications_executed is None:
		doc.flags.notifications_executed = []
	if doc.flags.notifications is None:
		doc.flags.notifications = frappe.cache.hget(
			"notifications", doc.doctype, lambda: enabled_notifications(doc.doctype)
		)
	event = EVENT_OF_METHOD.get(method)
	if method == "on_change" and not doc.flags.in_insert and not doc.flags.in_delete:
		event = "Value Change"  # not applicable in an insert
	for alert in doc.flags.notifications or ():
		listens = (event and alert.event == event) or (alert.event == "Method" and alert.method == method)
		if not listens or alert.name in doc.flags.notifications_executed:
			continue
		evaluate_alert(doc, frappe.get_cached_doc("Notification", alert.name), alert.event)
		doc.flags.notifications_executed.append(alert.name)


def enabled_notifications(doctype: str) -> list[dict]:
	"""The list Frappe keeps in its cache ("notifications", per DocType; cleared when a record is saved)."""
	return frappe.get_all(
		"Notification", fields=["name", "event", "method"], filters={"enabled": 1, "document_type": doctype}
	)


class QuietNotificationLog(NotificationLog):
	"""An in-app alert, copied by email to those who want it only when an email can be sent: Frappe
	would try and put its English error before the user whose action raised the alert."""

	def after_insert(self):
		if has_outgoing_email_account():
			super().after_insert()
			return
		with withdrawn():
			super().after_insert()  # Frappe logs an OutgoingEmailError and goes on


def mobile_numbers_in(doc, fieldname: str) -> list[str]:
	"""The numbers a document field leads to: its own value, or the mobile of the record it links to."""
	if fieldname == "owner":
		return [frappe.db.get_value("User", doc.owner, "mobile_no")]
	value = doc.get(fieldname)
	if not value:
		return []
	df = doc.meta.get_field(fieldname)
	if df and df.fieldtype == "Link" and df.options:
		linked = frappe.get_meta(df.options)
		for field in MOBILE_FIELDS:
			if linked.has_field(field):
				return [frappe.db.get_value(df.options, value, field)]
		return []
	return [value]


# Templates of the default notifications (setup/notifications.py): one language per message, never both


def for_staff(arabic: str, english: str) -> str:
	"""The text in the site's language, the language of the staff's messages (Jinja: for_staff)."""
	return english if frappe.get_system_settings("language") == "en" else arabic


def for_complainant(doc, arabic: str, english: str) -> str:
	"""The text in the language the complainant filed in, for a complaint or an appeal of one (Jinja)."""
	language = doc.get("language")
	if doc.doctype == "Appeal":
		language = frappe.db.get_value("Complaint", doc.complaint, "language")
	return english if language == "en" else arabic


def has_outgoing_email_account(sender: str | None = None) -> bool:
	"""Whether an email can be queued: an outgoing account for `sender` or a default one (Frappe's own
	choice, EmailAccount.find_outgoing; muted emails, as in tests, count as one)."""
	from frappe.email.doctype.email_account.email_account import EmailAccount

	return bool(EmailAccount.find_outgoing(match_by_email=sender) if sender else EmailAccount.find_outgoing())


# Users told that no email goes out: those who set up the site's accounts
EMAIL_ACCOUNT_MANAGERS = ("System Manager", "Complaints Administrator")


def tell_administrators_email_is_off() -> None:
	"""Once per site: an in-app alert to the administrators, in their language, that emails are skipped
	until an outgoing Email Account exists, and where to set one up."""
	if frappe.db.get_default(MISSING_EMAIL_ACCOUNT_NOTED):
		return
	frappe.db.set_default(MISSING_EMAIL_ACCOUNT_NOTED, frappe.utils.now())
	users = frappe.get_all(
		"Has Role",
		filters={"role": ("in", EMAIL_ACCOUNT_MANAGERS), "parenttype": "User"},
		pluck="parent",
		distinct=True,
	)
	for user in frappe.get_all(
		"User",
		filters={"name": ("in", users), "enabled": 1, "user_type": "System User"},
		fields=["name", "language"],
	):
		if user.name in ("Administrator", "Guest"):
			continue
		frappe.get_doc(
			{
				"doctype": "Notification Log",
				"for_user": user.name,
				"type": "Alert",
				"subject": _(
					"No email is sent: the site has no outgoing email account. Add one in Settings > Email Account and tick Default Outgoing.",
					lang=user.language or frappe.db.get_default("lang"),
				),
				"document_type": "Email Account",
				"link": "/app/email-account",
			}
		).insert(ignore_permissions=True)
