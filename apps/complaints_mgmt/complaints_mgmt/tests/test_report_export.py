import csv
import io

import frappe
from frappe.tests.utils import FrappeTestCase

from complaints_mgmt.api.frappe_overrides import export_query
from complaints_mgmt.tests.utils import make_complaint


class TestReportExport(FrappeTestCase):
	"""The desk's export of a report view: Frappe 15.44 repeated rows when values were translated (the
	dialog's default), so 100 complaints came out as 5,050 rows."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.names = sorted(make_complaint().name for _ in range(4))

	def tearDown(self):
		frappe.local.lang = "en"
		frappe.local.form_dict = frappe._dict()

	def export(self, translate_values: str) -> list[list[str]]:
		frappe.local.form_dict = frappe._dict(
			doctype="Complaint",
			fields=frappe.as_json(["`tabComplaint`.`name`", "`tabComplaint`.`status`"]),
			filters=frappe.as_json([["Complaint", "name", "in", self.names]]),
			order_by="`tabComplaint`.`name` asc",
			file_format_type="CSV",
			translate_values=translate_values,
			title="Complaint",
		)
		export_query()
		return list(csv.reader(io.StringIO(frappe.response["filecontent"].decode())))

	def test_each_row_once_with_values_translated(self):
		frappe.local.lang = "ar"
		rows = self.export("1")
		self.assertEqual(len(rows), 1 + len(self.names))
		self.assertEqual([row[1] for row in rows[1:]], self.names)
		status = frappe.db.get_value("Complaint", self.names[0], "status")
		self.assertEqual(rows[1][2], frappe._(status, lang="ar"))
		self.assertNotEqual(rows[1][2], status, "the status is exported in the reader's language")

	def test_untranslated_export_keeps_the_stored_values(self):
		frappe.local.lang = "ar"
		rows = self.export("0")
		self.assertEqual([row[1] for row in rows[1:]], self.names)
		self.assertEqual(rows[1][2], frappe.db.get_value("Complaint", self.names[0], "status"))
