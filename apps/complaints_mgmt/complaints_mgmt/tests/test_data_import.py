import frappe
from frappe.core.doctype.data_import.importer import Importer
from frappe.permissions import can_import
from frappe.tests.utils import FrappeTestCase
from frappe.utils import random_string

from complaints_mgmt.setup.data_import import allow_data_import
from complaints_mgmt.tests.utils import make_directorate, make_governorate, site_language, staff_user

MASTER_DATA = [
	"Social Unit",
	"Directorate",
	"Governorate",
	"Liaison Officer",
	"Complaint Category",
	"Complaints Sector",
	"Routing Rule",
	"Working Calendar",
	"SLA Policy",
]


class TestMasterDataImport(FrappeTestCase):
	"""A ministry loads its 2,600 units from a spreadsheet: Social Unit and the other master data were not
	offered in Data Import until "Allow Import" and an import permission were set by hand."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		allow_data_import()
		make_governorate()
		cls.directorate = make_directorate(name=f"Import Directorate {random_string(4)}").name
		cls.administrator = staff_user("Complaints Administrator")
		frappe.db.commit()  # the importer commits each row: what it reads must be committed before it
		cls.codes = [f"SU-IMP-{random_string(5).upper()}" for _ in range(2)]

	@classmethod
	def tearDownClass(cls):
		frappe.set_user("Administrator")
		frappe.db.delete("Social Unit", {"unit_code": ("in", cls.codes)})
		frappe.db.delete("Directorate", cls.directorate)
		frappe.db.commit()
		super().tearDownClass()

	def tearDown(self):
		frappe.set_user("Administrator")

	def test_the_administrator_may_import_every_kind_of_master_data(self):
		frappe.set_user(self.administrator)
		self.assertTrue(frappe.has_permission("Data Import", "create"))
		for doctype in MASTER_DATA:
			with self.subTest(doctype=doctype):
				self.assertTrue(frappe.get_meta(doctype).allow_import)
				self.assertTrue(can_import(doctype), doctype)

	def test_units_import_from_a_sheet_with_arabic_headers(self):
		sheet = "\n".join(
			[
				"كود الوحدة,اسم الوحدة,المديرية,district",
				f"{self.codes[0]},الوحدة الاجتماعية بالزيتون,{self.directorate},الزيتون",
				f"{self.codes[1]},الوحدة الاجتماعية بحلوان,{self.directorate},حلوان",
			]
		)
		frappe.set_user(self.administrator)
		with site_language("ar"):
			frappe.local.lang = "ar"
			data_import = frappe.get_doc(
				{
					"doctype": "Data Import",
					"reference_doctype": "Social Unit",
					"import_type": "Insert New Records",
				}
			).insert()
			file = frappe.get_doc(
				{
					"doctype": "File",
					"file_name": f"units-{random_string(4)}.csv",
					"content": sheet.encode(),
					"attached_to_doctype": "Data Import",
					"attached_to_name": data_import.name,
					"is_private": 1,
				}
			).insert()
			data_import.db_set("import_file", file.file_url)
			Importer("Social Unit", data_import=frappe.get_doc("Data Import", data_import.name)).import_data()
		names = dict(
			frappe.get_all(
				"Social Unit",
				filters={"unit_code": ("in", self.codes)},
				fields=["unit_code", "unit_name"],
				as_list=1,
			)
		)
		self.assertEqual(
			names, {self.codes[0]: "الوحدة الاجتماعية بالزيتون", self.codes[1]: "الوحدة الاجتماعية بحلوان"}
		)
