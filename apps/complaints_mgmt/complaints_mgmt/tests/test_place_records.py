"""Places as records: Egypt's governorates and districts shipped in both languages, shown in the
reader's language, and the ministry's villages imported with Frappe's Data Import."""

import frappe
from frappe.tests.utils import FrappeTestCase

from complaints_mgmt.places.install import read_csv
from complaints_mgmt.places.matching import resolve_place
from complaints_mgmt.tests.utils import _free_governorate_code, make_directorate, make_governorate


class TestShippedDistricts(FrappeTestCase):
	def test_every_governorate_has_its_districts_in_both_languages(self):
		rows = read_csv("districts.csv")
		self.assertEqual(
			{row["governorate"] for row in rows}, {g["code"] for g in read_csv("governorates.csv")}
		)
		self.assertEqual(len({g["code"] for g in read_csv("governorates.csv")}), 27)
		self.assertGreater(len(rows), 300)
		for row in rows:
			self.assertTrue(row["name_ar"] and row["name_en"], row)
			self.assertRegex(row["name_ar"], "[\u0600-\u06ff]", row)
			self.assertNotRegex(row["name_en"], "[\u0600-\u06ff]", row)
		self.assertEqual(len({row["code"] for row in rows}), len(rows))

	def test_install_made_every_district_with_its_governorate(self):
		shipped = {row["code"] for row in read_csv("districts.csv")}
		self.assertEqual(
			set(frappe.get_all("District", filters={"code": ("in", list(shipped))}, pluck="code")), shipped
		)
		nasr_city = frappe.get_doc("District", "Nasr City")
		self.assertEqual(
			(nasr_city.governorate, nasr_city.name_ar, nasr_city.kind), ("Cairo", "مدينة نصر", "Qism")
		)

	def test_a_name_two_governorates_share_is_made_unique_by_the_governorate(self):
		self.assertEqual(frappe.db.get_value("District", "Dar El Salam", "governorate"), "Cairo")
		self.assertEqual(frappe.db.get_value("District", "Dar El Salam (Sohag)", "governorate"), "Sohag")

	def test_district_names_read_in_arabic(self):
		frappe.local.lang = "ar"
		try:
			self.assertEqual(frappe._("Nasr City"), "مدينة نصر")
			self.assertEqual(frappe._("Dar El Salam (Sohag)"), "دار السلام (سوهاج)")
		finally:
			frappe.local.lang = "en"


class TestRegions(FrappeTestCase):
	def test_install_made_the_regions_with_their_arabic_names(self):
		shipped = {row["name_en"]: row["name_ar"] for row in read_csv("regions.csv")}
		self.assertEqual(len(shipped), 8)
		made = dict(frappe.get_all("Region", fields=["name", "name_ar"], as_list=True))
		self.assertEqual({name: made.get(name) for name in shipped}, shipped)
		self.assertEqual(frappe.db.get_value("Governorate", "Luxor", "region"), "South Upper Egypt")
		frappe.local.lang = "ar"
		try:
			self.assertEqual(frappe._("North Upper Egypt"), "شمال الصعيد")
		finally:
			frappe.local.lang = "en"

	def test_a_governorate_links_to_a_region_and_its_directorates_take_it(self):
		region = frappe.get_doc(
			{
				"doctype": "Region",
				"region_name": f"Region {frappe.generate_hash(length=6)}",
				"name_ar": "إقليم",
			}
		).insert()
		governorate = make_governorate(
			f"Governorate {frappe.generate_hash(length=6)}", _free_governorate_code(), region.name
		)
		directorate = make_directorate(governorate.name)
		self.assertEqual(directorate.region, region.name)
		with self.assertRaises(frappe.LinkValidationError):
			make_governorate(
				f"Governorate {frappe.generate_hash(length=6)}", _free_governorate_code(), "No Such Region"
			)

	def test_the_upgrade_makes_a_record_of_every_region_a_governorate_names(self):
		"""A site whose administrator added an option to the region field (Customize Form) keeps it."""
		from frappe.custom.doctype.property_setter.property_setter import make_property_setter

		from complaints_mgmt.patches.v0_19 import regions_as_records

		added = f"Region {frappe.generate_hash(length=6)}"
		governorate = make_governorate(
			f"Governorate {frappe.generate_hash(length=6)}", _free_governorate_code()
		)
		frappe.db.set_value("Governorate", governorate.name, "region", added)  # as its option left it
		# the administrator's options, set on the Select field before the upgrade
		make_property_setter(
			"Governorate", "region", "options", f"Delta\n{added}", "Text", validate_fields_for_doctype=False
		)
		regions_as_records.execute()
		self.assertTrue(frappe.db.exists("Region", added))
		self.assertEqual(frappe.get_meta("Governorate").get_field("region").options, "Region")
		governorate.reload()
		governorate.save()  # its region is a record now


class TestVillageImport(FrappeTestCase):
	def tearDown(self):
		# Data Import commits each row: what the test made is removed, and that is committed too
		for name in frappe.get_all("Village", filters={"code": ("like", "TEST-%")}, pluck="name"):
			frappe.delete_doc("Village", name, ignore_permissions=True, force=True)
		for name in frappe.get_all("Data Import", filters={"reference_doctype": "Village"}, pluck="name"):
			frappe.delete_doc("Data Import", name, ignore_permissions=True, force=True)
		frappe.db.commit()

	def test_the_ministry_imports_villages_with_the_data_import_template(self):
		from complaints_mgmt.places.install import DATA

		template = read_csv("village_import_template.csv")
		rows = read_csv("village_import_sample.csv")
		self.assertEqual(list(template[0]), list(rows[0]))  # the sample is the template filled in

		# as in the desk: the file attached to a Data Import of Village, then "Start Import"
		upload = frappe.get_doc(
			{
				"doctype": "File",
				"file_name": "villages.csv",
				"content": (DATA / "village_import_sample.csv").read_bytes(),
				"is_private": 1,
			}
		).insert(ignore_permissions=True)
		data_import = frappe.get_doc(
			{
				"doctype": "Data Import",
				"reference_doctype": "Village",
				"import_type": "Insert New Records",
				"import_file": upload.file_url,
			}
		).insert(ignore_permissions=True)
		data_import.start_import()

		self.assertEqual(frappe.db.get_value("Data Import", data_import.name, "status"), "Success")
		for row in rows:
			village = frappe.db.get_value(
				"Village", {"code": row["Code"]}, ["district", "name_ar", "kind"], as_dict=True
			)
			self.assertEqual(
				(village.district, village.name_ar, village.kind),
				(row["District"], row["Arabic Name"], row["Kind"]),
			)
		place = resolve_place("عرب العوامر", "Asyut")
		self.assertEqual((place.district, place.village), ("Abnub", "Arab El Awamer"))
