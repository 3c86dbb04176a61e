# Copyright (c) 2026, complaints_mgmt developers and contributors
# For license information, please see license.txt

import hashlib
import secrets

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import now_datetime

API_KEY = "Open311 API Key"
MAX_KEY_LENGTH = 200


class Open311APIKey(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		can_read_details: DF.Check
		client_name: DF.Data
		enabled: DF.Check
		issued_on: DF.Datetime | None
		key_hash: DF.Data | None
		key_prefix: DF.Data | None
	# end: auto-generated types

	def before_insert(self):
		if not self.key_hash:
			self.new_key()

	def after_insert(self):
		if self.flags.new_key and not self.flags.silent:
			_show_key(self.flags.new_key)

	def new_key(self) -> str:
		"""Issue a new key for this client; the old one stops working. Returns the key, which is not
		stored and cannot be shown again."""
		key = secrets.token_urlsafe(32)
		self.key_hash = hash_key(key)
		self.key_prefix = key[:6]
		self.issued_on = now_datetime()
		self.flags.new_key = key
		return key

	@frappe.whitelist()
	def regenerate_key(self) -> str:
		self.check_permission("write")
		key = self.new_key()
		self.save()
		return key


def hash_key(key: str) -> str:
	# Keys are 256 random bits, so a plain SHA-256 is as strong as a slow password hash here.
	return hashlib.sha256(key.encode()).hexdigest()


def issue_key(client_name: str, can_read_details: bool = False) -> tuple[Document, str]:
	"""A new enabled key for `client_name`: (the API key document, the key itself)."""
	doc = frappe.get_doc(
		{"doctype": API_KEY, "client_name": client_name, "can_read_details": int(can_read_details)}
	)
	doc.flags.silent = True
	doc.insert(ignore_permissions=True)
	return doc, doc.flags.new_key


def verify_key(key) -> frappe._dict | None:
	"""The enabled API key row matching `key` (name, client_name, can_read_details), or None."""
	if not isinstance(key, str) or not key or len(key) > MAX_KEY_LENGTH:
		return None
	return frappe.db.get_value(
		API_KEY,
		{"key_hash": hash_key(key), "enabled": 1},
		["name", "client_name", "can_read_details"],
		as_dict=True,
	)


def _show_key(key: str) -> None:
	frappe.msgprint(
		_("The API key is {0}. Copy it now: it is stored only as a hash and cannot be shown again.").format(
			frappe.bold(key)
		),
		title=_("New API Key"),
	)
