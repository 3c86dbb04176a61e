"""Staff find a complainant's complaints by the national ID a caller gives (api/complainants.py): the
list is filtered by the keyed hash, and shows only what the user may read."""

import random

import frappe
from frappe.tests.utils import FrappeTestCase

from complaints_mgmt.api.complainants import national_id_filter
from complaints_mgmt.intake.national_id import InvalidNationalIDError
from complaints_mgmt.setup.demo import demo_national_id
from complaints_mgmt.tests.utils import citizen_user, make_org_complaint, make_organisation, staff_user


def found_by(user: str, national_id: str) -> set[str]:
	"""What the list view shows `user` after the "Find by National ID" dialog: the filter the endpoint
	answers, applied by frappe.get_list as that user."""
	frappe.set_user(user)
	try:
		key = national_id_filter(national_id)
		return set(frappe.get_list("Complaint", filters={"national_id_hash": key}, pluck="name"))
	finally:
		frappe.set_user("Administrator")


class TestFindByNationalID(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = make_organisation()
		cls.first, cls.second = cls.org.units
		cls.national_id = demo_national_id(random.Random(), "01")
		cls.in_first = make_org_complaint(cls.org, cls.first, national_id=cls.national_id).name
		cls.in_second = make_org_complaint(cls.org, cls.second, national_id=cls.national_id).name
		cls.someone_else = make_org_complaint(cls.org, cls.first, national_id="29001010112345").name

	def test_an_agent_finds_every_complaint_of_the_id_and_no_other(self):
		found = found_by(staff_user("Call Center Agent"), self.national_id)
		self.assertEqual(found, {self.in_first, self.in_second})

	def test_the_id_may_be_typed_with_spaces(self):
		spaced = " ".join([self.national_id[:7], self.national_id[7:]])
		self.assertEqual(found_by(staff_user("Call Center Agent"), spaced), {self.in_first, self.in_second})

	def test_a_liaison_officer_finds_only_their_units_complaints(self):
		officer_user = frappe.db.get_value("Liaison Officer", self.org.officers[self.first], "user")
		self.assertEqual(found_by(officer_user, self.national_id), {self.in_first})

	def test_an_invalid_id_is_refused_with_a_clear_error(self):
		frappe.set_user(staff_user("Call Center Agent"))
		try:
			with self.assertRaises(InvalidNationalIDError) as refused:
				national_id_filter("12345")
		finally:
			frappe.set_user("Administrator")
		self.assertIn("national", str(refused.exception).lower())

	def test_citizens_and_guests_cannot_look_anyone_up(self):
		for user in (citizen_user(), "Guest"):
			frappe.set_user(user)
			try:
				self.assertRaises(frappe.PermissionError, national_id_filter, self.national_id)
			finally:
				frappe.set_user("Administrator")
