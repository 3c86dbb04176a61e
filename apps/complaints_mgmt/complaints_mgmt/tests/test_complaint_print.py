"""The print view of a complaint (Frappe's standard format) shows what a reader needs, not the app's
technical keys: no national ID key (a 64-character hash), no request key, no unit DocType."""

import frappe
from frappe.tests.utils import FrappeTestCase

from complaints_mgmt.tests.utils import make_complaint


class TestComplaintPrint(FrappeTestCase):
	def test_the_print_view_leaves_out_technical_keys(self):
		doc = make_complaint(client_request_key=f"print-{frappe.generate_hash(length=8)}")
		stored = frappe.db.get_value("Complaint", doc.name, ["national_id_hash", "client_request_key"])
		self.assertTrue(all(stored))
		html = frappe.get_print("Complaint", doc.name)
		self.assertIn(doc.subject, html)
		for label in ("National ID Key", "Request Key", "Unit Type"):
			self.assertNotIn(label, html)
		for value in stored:
			self.assertNotIn(value, html)
