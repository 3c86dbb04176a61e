"""Per-client limits of guest endpoints: counted per real client address, not per forged header."""

import random
from types import SimpleNamespace
from unittest.mock import patch

import frappe
from frappe.tests.utils import FrappeTestCase

from complaints_mgmt.security import client_limits
from complaints_mgmt.security.client_limits import ClientLimitExceededError, check_client_limit, own_limit


def request_from(peer: str, forwarded: str | None = None):
	headers = {"X-Forwarded-For": forwarded} if forwarded else {}
	return SimpleNamespace(remote_addr=peer, headers=headers)


def some_address() -> str:
	"""An address of the documentation range no earlier run has counted."""
	return f"2001:db8::{random.randrange(1, 0xFFFF):x}:{random.randrange(1, 0xFFFF):x}"


class TestClientLimits(FrappeTestCase):
	def limit(self, per_hour: int) -> None:
		"""Set in this test's transaction only (rolled back after)."""
		frappe.db.set_single_value("Citizen Portal Settings", "submissions_per_hour", per_hour)

	def as_client(self, address: str):
		return patch.object(frappe.local, "request", request_from(address), create=True)

	def test_requests_above_the_hourly_limit_are_refused(self):
		self.limit(2)
		with self.as_client(some_address()):
			check_client_limit("file", "submissions_per_hour")
			check_client_limit("file", "submissions_per_hour")
			with self.assertRaises(ClientLimitExceededError):
				check_client_limit("file", "submissions_per_hour")

	def test_each_client_has_its_own_count(self):
		self.limit(1)
		with self.as_client(some_address()):
			check_client_limit("file", "submissions_per_hour")
		with self.as_client(some_address()):
			check_client_limit("file", "submissions_per_hour")

	def test_endpoint_with_its_own_limit_is_not_counted(self):
		self.limit(1)
		with self.as_client(some_address()):
			with own_limit():
				for _ in range(3):
					check_client_limit("file", "submissions_per_hour")
			self.assertFalse(frappe.local.flags.get(client_limits.OWN_LIMIT_FLAG))
			check_client_limit("file", "submissions_per_hour")
			with self.assertRaises(ClientLimitExceededError):
				check_client_limit("file", "submissions_per_hour")

	def test_forwarded_address_is_believed_only_from_a_trusted_proxy(self):
		with patch.object(frappe.local, "request", request_from("127.0.0.1", "198.51.100.7"), create=True):
			self.assertEqual(client_limits.client_address(), "198.51.100.7")
		with patch.object(frappe.local, "request", request_from("203.0.113.9", "198.51.100.7"), create=True):
			self.assertEqual(client_limits.client_address(), "203.0.113.9")

	def test_client_cannot_hide_behind_an_address_it_prepends(self):
		forwarded = "198.51.100.1, 198.51.100.7"  # the first is the client's own invention
		with patch.object(frappe.local, "request", request_from("127.0.0.1", forwarded), create=True):
			self.assertEqual(client_limits.client_address(), "198.51.100.7")
		with patch.object(frappe.local, "request", request_from("127.0.0.1", "not-an-ip"), create=True):
			self.assertEqual(client_limits.client_address(), "127.0.0.1")
