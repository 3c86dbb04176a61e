# Copyright (c) 2026, complaints_mgmt developers and contributors
# For license information, please see license.txt

"""Refuse settings the portal would silently ignore, clamp or send broken: an SMS text without the
placeholder it exists for, a difficulty outside what security/guest_challenge.py uses, a host name that
security/host_names.py could never match, a zero that the code would quietly raise to one."""

import ipaddress
import re

import frappe
from frappe import _
from frappe.model.document import Document
from frappe.utils import cint, escape_html

from complaints_mgmt.security.guest_challenge import MAX_BITS, MIN_BITS

# The placeholders portal/citizen_sms.py fills in each text, and the ones a text is useless without.
SMS_PLACEHOLDERS = {
	"receipt_sms": (("tracking_number", "date"), ("tracking_number",)),
	"code_sms": (("tracking_number", "code", "validity", "minutes"), ("code",)),
}
PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
# Settings the code raises to 1 when they are 0: a zero would not mean what it says.
AT_LEAST_ONE = (
	"max_file_mb",
	"max_video_mb",
	"code_valid_minutes",
	"code_max_attempts",
	"receipt_link_minutes",
)
# What security/host_names.py can match: a host name or IPv4 address, or an IPv6 address in brackets, alone.
HOST_NAME = re.compile(r"^[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?(?:\.[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?)*\.?$")
IPV6 = re.compile(r"^\[(?P<address>[0-9a-f:.]+)\]$")


class CitizenPortalSettings(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		allowed_host_names: DF.SmallText | None
		challenge_bits: DF.Int
		challenge_enabled: DF.Check
		check_host_name: DF.Check
		code_max_attempts: DF.Int
		code_sms: DF.SmallText
		code_valid_minutes: DF.Int
		codes_per_hour: DF.Int
		content_security_policy: DF.SmallText | None
		lookups_per_hour: DF.Int
		max_attachments: DF.Int
		max_file_mb: DF.Int
		max_video_mb: DF.Int
		portal_language: DF.Link
		receipt_link_minutes: DF.Int
		receipt_sms: DF.SmallText
		submissions_per_hour: DF.Int
	# end: auto-generated types

	def validate(self):
		for fieldname in SMS_PLACEHOLDERS:
			self.check_sms_placeholders(fieldname)
		for fieldname in AT_LEAST_ONE:
			self.check_at_least_one(fieldname)
		if cint(self.challenge_enabled):
			self.check_challenge_bits()
		if cint(self.check_host_name):
			self.check_allowed_host_names()

	def check_sms_placeholders(self, fieldname: str) -> None:
		allowed, required = SMS_PLACEHOLDERS[fieldname]
		found = PLACEHOLDER.findall(self.get(fieldname) or "")
		for name in found:
			if name not in allowed:
				refuse(
					_("{0} contains {1}, which is never replaced. It may contain only: {2}.").format(
						self.label(fieldname), escape_html("{" + name[:50] + "}"), placeholders(allowed)
					)
				)
		for name in required:
			if name not in found:
				refuse(
					_("{0} must contain {1}: the message is useless without it.").format(
						self.label(fieldname), "{" + name + "}"
					)
				)

	def check_at_least_one(self, fieldname: str) -> None:
		if cint(self.get(fieldname)) < 1:
			refuse(_("{0} must be 1 or more.").format(self.label(fieldname)))

	def check_challenge_bits(self) -> None:
		if not MIN_BITS <= cint(self.challenge_bits) <= MAX_BITS:
			refuse(_("{0} must be from {1} to {2}.").format(self.label("challenge_bits"), MIN_BITS, MAX_BITS))

	def check_allowed_host_names(self) -> None:
		listed = (self.allowed_host_names or "").replace(",", "\n").splitlines()
		for entry in (line.strip() for line in listed):
			if entry and not is_host_name(entry):
				refuse(
					_(
						"{0}: {1} is not a host name. Write one host name per line, without http://, a port or a path, for example complaints.example.gov."
					).format(self.label("allowed_host_names"), frappe.bold(escape_html(entry[:100])))
				)

	def label(self, fieldname: str) -> str:
		return _(self.meta.get_label(fieldname))


def is_host_name(entry: str) -> bool:
	"""A host name, an IPv4 address or an IPv6 address in brackets: what a Host header names."""
	entry = entry.lower()
	if HOST_NAME.match(entry):
		return True
	match = IPV6.match(entry)
	if not match:
		return False
	try:
		return ipaddress.ip_address(match.group("address")).version == 6
	except ValueError:
		return False


def placeholders(names: tuple[str, ...]) -> str:
	return ", ".join("{" + name + "}" for name in names)


def refuse(message: str) -> None:
	frappe.throw(message, title=_("Invalid Setting"))
