"""Who may list and pick user accounts (permissions.UserScope): those who manage users list all of them;
staff pick the people of their directorates; nobody but those managers lists a citizen."""

import frappe
from frappe.desk.search import search_link
from frappe.tests.utils import FrappeTestCase

from complaints_mgmt.tests.utils import (
	ensure_test_system_manager,
	make_directorate,
	make_governorate,
	make_liaison_officer,
	make_social_unit,
	make_user,
)


def listed(user: str) -> set[str]:
	frappe.set_user(user)
	try:
		return set(frappe.get_list("User", pluck="name", limit_page_length=0))
	finally:
		frappe.set_user("Administrator")


def searched(user: str, txt: str) -> set[str]:
	"""What the link field of a User shows, as the desk asks for it (staff may ask for website users)."""
	frappe.set_user(user)
	try:
		return {
			row["value"] for row in search_link("User", txt, filters={"ignore_user_type": 1}, page_length=100)
		}
	finally:
		frappe.set_user("Administrator")


class TestUserScope(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_test_system_manager()
		make_governorate()
		cls.tag = frappe.generate_hash(length=6)
		cls.head = cls.person(["Directorate Head"])
		directorate = make_directorate("Cairo", name=f"User Scope {cls.tag}", head=cls.head).name
		other = make_directorate("Cairo", name=f"User Scope Other {cls.tag}").name
		cls.officer = make_liaison_officer(
			[("Social Unit", make_social_unit(directorate).name)], user=cls.person(["Liaison Officer"])
		).user
		cls.same_directorate = make_liaison_officer(
			[("Social Unit", make_social_unit(directorate).name)], user=cls.person(["Liaison Officer"])
		).user
		cls.elsewhere = make_liaison_officer(
			[("Social Unit", make_social_unit(other).name)], user=cls.person(["Liaison Officer"])
		).user
		cls.citizen = cls.person(["Citizen"], "Website User")
		cls.agent = cls.person(["Call Center Agent"])
		cls.administrator = cls.person(["Complaints Administrator"])
		cls.everyone = {
			cls.head,
			cls.officer,
			cls.same_directorate,
			cls.elsewhere,
			cls.citizen,
			cls.agent,
			cls.administrator,
		}

	@classmethod
	def person(cls, roles: list[str], user_type: str = "System User") -> str:
		email = f"{frappe.generate_hash(length=8)}.{cls.tag}@userscope.test"
		return make_user(email, roles, user_type).name

	def ours(self, names: set[str]) -> set[str]:
		return names & self.everyone

	def test_a_liaison_officer_lists_only_the_people_of_their_directorate(self):
		self.assertEqual(self.ours(listed(self.officer)), {self.officer, self.same_directorate, self.head})

	def test_a_directorate_head_lists_the_officers_of_their_directorate(self):
		self.assertEqual(self.ours(listed(self.head)), {self.officer, self.same_directorate, self.head})

	def test_a_liaison_officers_link_search_offers_no_citizen_and_no_other_directorate(self):
		found = self.ours(searched(self.officer, self.tag))
		self.assertEqual(found, {self.officer, self.same_directorate, self.head})

	def test_national_staff_list_staff_but_no_citizen(self):
		seen = self.ours(listed(self.agent))
		self.assertNotIn(self.citizen, seen)
		self.assertIn(self.elsewhere, seen)

	def test_a_complaints_administrator_lists_every_user(self):
		self.assertEqual(self.ours(listed(self.administrator)), self.everyone)

	def test_a_citizen_lists_only_themselves(self):
		self.assertEqual(self.ours(listed(self.citizen)), {self.citizen})

	def test_a_liaison_officer_cannot_read_a_citizens_account(self):
		self.assertFalse(frappe.has_permission("User", "select", doc=self.citizen, user=self.officer))
		self.assertTrue(frappe.has_permission("User", "select", doc=self.head, user=self.officer))
