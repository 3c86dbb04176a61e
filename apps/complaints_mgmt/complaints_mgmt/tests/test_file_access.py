"""Attachments and counts past Frappe 15.44's gaps: File records of complaints outside a user's scope are
not listed; nobody makes a File record pointing at a private file they cannot read, or attaches to a
complaint they may not change; frappe.client.get_count counts only readable records; values of the wrong
shape are validation errors. Over HTTP: tests/security/test_access_over_http.py and test_bad_input.py."""

import frappe
from frappe.tests.utils import FrappeTestCase

from complaints_mgmt.api.frappe_overrides import get_count, get_group_by_count
from complaints_mgmt.intake.field_values import InvalidFieldValueError
from complaints_mgmt.tests.utils import citizen_user, make_org_complaint, make_organisation, random_category

PNG = bytes.fromhex(
	"89504e470d0a1a0a0000000d4948445200000001000000010806000000"
	"1f15c4890000000d49444154789c6360000000000500010d0a2db40000000049454e44ae426082"
)


class TestFileAccess(FrappeTestCase):
	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		cls.org = make_organisation()
		category = random_category()
		cls.citizen_a, cls.citizen_b = citizen_user(), citizen_user()
		districts = list(cls.org.units)
		cls.complaint_a = make_org_complaint(
			cls.org, districts[0], category=category, citizen_user=cls.citizen_a
		)
		cls.complaint_b = make_org_complaint(
			cls.org, districts[1], category=category, citizen_user=cls.citizen_b
		)
		cls.officer_a = frappe.db.get_value("Liaison Officer", cls.org.officers[districts[0]], "user")
		cls.officer_b = frappe.db.get_value("Liaison Officer", cls.org.officers[districts[1]], "user")
		cls.file_a = cls._attach(cls.complaint_a.name, b"a")

	@staticmethod
	def _attach(name: str, salt: bytes):
		return frappe.get_doc(
			{
				"doctype": "File",
				"file_name": f"evidence-{frappe.generate_hash(length=6)}.png",
				"attached_to_doctype": "Complaint",
				"attached_to_name": name,
				"is_private": 1,
				"content": PNG + salt + frappe.generate_hash().encode(),
			}
		).insert(ignore_permissions=True)

	def listed_files(self, user: str) -> set[str]:
		return set(
			frappe.get_list(
				"File",
				filters={"attached_to_name": ["in", [self.complaint_a.name, self.complaint_b.name]]},
				pluck="attached_to_name",
				user=user,
			)
		)

	def new_file(self, **values):
		return frappe.get_doc({"doctype": "File", "is_private": 1, **values})

	def test_files_of_another_units_complaint_are_not_listed(self):
		self.assertEqual(self.listed_files(self.officer_a), {self.complaint_a.name})
		self.assertEqual(self.listed_files(self.officer_b), set())

	def test_a_file_record_cannot_point_at_a_private_file_its_maker_cannot_read(self):
		link = self.new_file(file_url=self.file_a.file_url)
		self.assertFalse(frappe.has_permission("File", "create", doc=link, user=self.citizen_b))
		self.assertFalse(frappe.has_permission("File", "create", doc=link, user=self.officer_b))
		self.assertTrue(frappe.has_permission("File", "create", doc=link, user=self.officer_a))

	def test_attaching_needs_write_access_to_the_complaint(self):
		upload = self.new_file(
			file_name="x.png",
			content=PNG,
			attached_to_doctype="Complaint",
			attached_to_name=self.complaint_a.name,
		)
		self.assertFalse(frappe.has_permission("File", "create", doc=upload, user=self.officer_b))
		self.assertFalse(frappe.has_permission("File", "create", doc=upload, user=self.citizen_b))
		self.assertFalse(
			frappe.has_permission("File", "create", doc=upload, user=self.citizen_a)
		)  # the portal attaches
		self.assertTrue(frappe.has_permission("File", "create", doc=upload, user=self.officer_a))

	def test_get_count_counts_only_readable_records(self):
		filters = {
			"name": ["in", [self.complaint_a.name, self.complaint_b.name]],
			"national_id": ["like", "2%"],
		}
		for user, expected in ((self.citizen_a, 1), (self.officer_b, 1), ("Administrator", 2)):
			frappe.set_user(user)
			try:
				self.assertEqual(get_count("Complaint", filters=frappe.as_json(filters)), expected)
			finally:
				frappe.set_user("Administrator")

	def test_the_list_sidebars_assigned_to_counts_only_readable_complaints(self):
		def assignees(user: str) -> dict[str, int]:
			frappe.set_user(user)
			try:
				return {row.name: row.count for row in get_group_by_count("Complaint", "[]", "assigned_to")}
			finally:
				frappe.set_user("Administrator")

		self.assertIn(self.officer_b, assignees(self.officer_b))
		self.assertNotIn(self.officer_a, assignees(self.officer_b))
		self.assertLessEqual({self.officer_a, self.officer_b}, set(assignees("Administrator")))
		frappe.set_user(self.officer_b)
		try:  # the other groupings are Frappe's, through get_list
			statuses = get_group_by_count("Complaint", "[]", "status")
		finally:
			frappe.set_user("Administrator")
		self.assertTrue(statuses)

	def test_an_object_in_a_text_field_is_a_validation_error(self):
		doc = frappe.get_doc("Complaint", self.complaint_a.name)
		doc.subject = {"$gt": ""}
		with self.assertRaises(InvalidFieldValueError):
			doc.save(ignore_permissions=True)

	def test_an_unreadable_date_is_a_validation_error(self):
		doc = frappe.get_doc("Complaint", self.complaint_a.name)
		doc.deadline = "2026-13-45"
		with self.assertRaises(InvalidFieldValueError):
			doc.save(ignore_permissions=True)
