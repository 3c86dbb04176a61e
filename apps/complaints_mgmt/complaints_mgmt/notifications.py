"""Frappe's Notification, with its SMS channel sent through sms.py.

Frappe 15 sends a Notification's SMS inside the save of the document that triggered it, synchronously
and without a timeout: a hung gateway would hang intake. This class (hooks.override_doctype_class)
keeps everything else of Notification as it is (records, conditions, templates, email, in-app alerts)
and hands the SMS to `sms.queue_sms`: logged, sent after commit in a background job, retried.

An email that cannot be sent (no outgoing account, a bad address) is logged and the in-app alert of the
same record still goes out; Frappe's own `send` would skip the alert.

It also lets an SMS recipient be a link: a receiver field that links to a record with a mobile number
(a Liaison Officer, a User, a Complaint from an Appeal) sends to that number.
"""

import frappe
from frappe import _
from frappe.core.doctype.role.role import get_info_based_on_role
from frappe.email.doctype.notification.notification import Notification

from complaints_mgmt import sms

MOBILE_FIELDS = ("mobile", "mobile_no")


class QueuedSMSNotification(Notification):
	def send_an_email(self, doc, context):
		try:
			super().send_an_email(doc, context)
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
