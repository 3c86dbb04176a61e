"""Units serve places: a complaint whose place is typed in Arabic or English, in any common
spelling, reaches the unit serving it on every channel; places written as text before are mapped."""

import frappe
from frappe.tests.utils import FrappeTestCase

from complaints_mgmt.integration import central_intake, georeport
from complaints_mgmt.lifecycle.routing import SOCIAL_UNIT
from complaints_mgmt.places import unmatched
from complaints_mgmt.tests.test_place_matching import VARIANTS_OF_NASR_CITY
from complaints_mgmt.tests.utils import (
	central_complaint,
	complaint_fields,
	make_complaint,
	make_district,
	make_open311_key,
	make_open311_service,
	make_org_complaint,
	make_organisation,
	make_social_unit,
	make_village,
	open311_form,
	random_category,
)


class TestChannelsResolveTypedPlaces(FrappeTestCase):
	"""A complaint whose district is typed in Arabic or English, in any common spelling, reaches the unit
	serving that district, whatever the channel."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_open311_service("TKF-01")
		cls.key_name, _key = make_open311_key()
		cls.api_key = frappe.db.get_value(
			"Open311 API Key", cls.key_name, ["name", "can_read_details"], as_dict=True
		)
		cls.units = set(
			frappe.get_all("Social Unit Place", filters={"district": "Nasr City"}, pluck="parent")
		)

	def assertRoutedToNasrCity(self, name, typed):
		doc = frappe.get_doc("Complaint", name)
		self.assertEqual(doc.district, "Nasr City")
		# the text is kept unless it was the district's own name
		self.assertEqual(doc.district_text, None if typed == "Nasr City" else typed)
		self.assertEqual(doc.routing_level, SOCIAL_UNIT)
		self.assertIn(doc.social_unit, self.units)

	def test_central_sync(self):
		for typed in VARIANTS_OF_NASR_CITY:
			with self.subTest(typed=typed):
				answer, _created = central_intake.receive(central_complaint(district=typed))
				self.assertRoutedToNasrCity(answer["tracking_number"], typed)

	def test_central_sync_governorate_in_arabic(self):
		answer, _created = central_intake.receive(
			central_complaint(governorate="القاهره", district="مدينه نصر")
		)
		self.assertEqual(frappe.db.get_value("Complaint", answer["tracking_number"], "governorate"), "Cairo")
		self.assertRoutedToNasrCity(answer["tracking_number"], "مدينه نصر")

	def test_open311(self):
		for typed in VARIANTS_OF_NASR_CITY:
			with self.subTest(typed=typed):
				form = open311_form(
					**{"attribute[district]": typed, "address_string": "12 Abbas El Akkad St"}
				)
				answer = georeport.create_request(form, self.api_key)
				self.assertRoutedToNasrCity(answer["service_request_id"], typed)

	def test_rest(self):
		for typed in VARIANTS_OF_NASR_CITY:
			with self.subTest(typed=typed):
				doc = frappe.client.insert({"doctype": "Complaint", **complaint_fields(district=typed)})
				self.assertRoutedToNasrCity(doc["name"], typed)

	def test_desk_entry_with_the_district_chosen(self):
		doc = make_complaint(channel="Hotline", district="Nasr City")
		self.assertEqual((doc.district, doc.district_text), ("Nasr City", None))
		self.assertIn(doc.social_unit, self.units)

	def test_text_that_names_no_place_is_kept_and_goes_to_the_directorate(self):
		doc = make_complaint(district="حارة ما لها اسم")
		self.assertEqual((doc.district, doc.district_text), (None, "حارة ما لها اسم"))
		self.assertEqual(doc.routing_level, "Directorate")


class TestUnitsServePlaces(FrappeTestCase):
	"""Routing: the unit serving the village first, then the one serving the whole district."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = make_organisation(("Nasr City",))
		cls.district = make_district(cls.org.governorate, "Nasr City").name
		cls.village = make_village(cls.district, "Hay El Sabea", "الحي السابع").name
		cls.village_unit = make_social_unit(
			cls.org.directorate, district="Nasr City", village=cls.village
		).name

	def route(self, **fields):
		return make_org_complaint(self.org, category=random_category(SOCIAL_UNIT), **fields)

	def test_the_villages_unit_before_the_districts(self):
		doc = self.route(district=self.district, village=self.village)
		self.assertEqual(doc.social_unit, self.village_unit)

	def test_the_village_typed_in_arabic_finds_its_unit(self):
		doc = self.route(district="الحى السابع")
		self.assertEqual(
			(doc.district, doc.village, doc.social_unit), (self.district, self.village, self.village_unit)
		)

	def test_elsewhere_in_the_district_the_districts_unit(self):
		doc = self.route(district=self.district)
		self.assertEqual(doc.social_unit, self.org.units["Nasr City"])

	def test_a_unit_cannot_serve_another_governorates_district(self):
		from complaints_mgmt.places.served import PlaceMismatchError

		unit = frappe.get_doc("Social Unit", self.org.units["Nasr City"])
		unit.append("places", {"district": "Maadi"})
		self.assertRaises(PlaceMismatchError, unit.save, ignore_permissions=True)

	def test_a_village_of_another_district_is_refused_on_a_complaint(self):
		from complaints_mgmt.places.complaint_place import PlaceError

		other = make_village("Mallawi", "Deir Abu Hennis", "دير أبو حنس").name
		with self.assertRaises(PlaceError):
			self.route(district=self.district, village=other)


class TestPlacesWrittenBefore(FrappeTestCase):
	"""The patch's mapping: texts complaints and routing rules wrote become places; the rest is listed."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		make_open311_service("TKF-01")

	def written(self, text: str) -> str:
		"""A complaint as an older release left it: its district a text."""
		name = make_complaint().name
		frappe.db.set_value("Complaint", name, {"district": text, "district_text": None})
		return name

	def test_texts_naming_a_place_are_mapped_and_kept(self):
		name = self.written("مدينه  نصر")
		unmatched.map_complaint_texts()
		self.assertEqual(
			frappe.db.get_value("Complaint", name, ["district", "district_text"]), ("Nasr City", "مدينه  نصر")
		)

	def test_texts_naming_no_place_are_listed_until_an_alias_matches_them(self):
		name = self.written("عزبة الورد")
		self.written("عزبه  الورد")  # another spelling of the same place: the same row
		unmatched.map_complaint_texts()
		rows = [row for row in unmatched.unmatched_rows() if row["written"] in ("عزبة الورد", "عزبه  الورد")]
		self.assertEqual([row["count"] for row in rows], [2])
		self.assertEqual(
			frappe.db.get_value("Complaint", name, ["district", "district_text"]), (None, "عزبة الورد")
		)
		self.assertIn(
			("Cairo", "عزبة الورد"),
			[(row["governorate"], row["written"]) for row in unmatched.unmatched_rows()],
		)

		district = frappe.get_doc("District", "Ain Shams")
		district.append("aliases", {"alias": "عزبه الورد"})
		district.save(ignore_permissions=True)
		self.assertGreaterEqual(unmatched.match_unmatched_complaints(), 1)
		self.assertEqual(frappe.db.get_value("Complaint", name, "district"), "Ain Shams")
		self.assertNotIn("عزبة الورد", [row["written"] for row in unmatched.unmatched_rows()])

	def test_a_routing_rule_naming_no_place_is_disabled_not_widened(self):
		unit = frappe.get_all("Social Unit Place", filters={"district": "Nasr City"}, pluck="parent")[0]
		rules = []
		for text in ("مدينة نصر", "مكان مجهول"):
			rule = frappe.get_doc(
				{
					"doctype": "Routing Rule",
					"target_doctype": "Social Unit",
					"target": unit,
					"governorate": "Cairo",
				}
			).insert(ignore_permissions=True)
			frappe.db.set_value("Routing Rule", rule.name, "district", text)
			rules.append(rule.name)
		unmatched.map_rule_texts()
		self.assertEqual(
			frappe.db.get_value("Routing Rule", rules[0], ["district", "enabled"]), ("Nasr City", 1)
		)
		self.assertEqual(frappe.db.get_value("Routing Rule", rules[1], ["district", "enabled"]), (None, 0))

	def test_a_unit_that_named_its_place_as_text_serves_that_place(self):
		unit = make_social_unit(
			frappe.db.get_value("Directorate", {"governorate": "Cairo"}), district="Maadi"
		)
		frappe.db.delete("Social Unit Place", {"parent": unit.name})
		# as an older release kept it: the place as text, no places served
		frappe.db.set_value("Social Unit", unit.name, "district", "قسم المعادى")
		unmatched.map_unit_texts()
		served = frappe.get_all("Social Unit Place", filters={"parent": unit.name}, pluck="district")
		self.assertEqual(served, ["Maadi"])
		self.assertNotIn(unit.name, [row.get("record") for row in unmatched.unmatched_rows()])
