"""One Assignment Rule per unit, kept in step with its liaison officers; complaints follow it."""

import json

import frappe
from frappe.automation.doctype.assignment_rule.assignment_rule import apply as apply_assignment_rules
from frappe.desk.form import assign_to
from frappe.tests.utils import FrappeTestCase

from complaints_mgmt.lifecycle import states
from complaints_mgmt.lifecycle.assignment import ensure_assignment_rules, rule_name
from complaints_mgmt.setup.workflow import ensure_complaint_workflow
from complaints_mgmt.tests.utils import (
	act,
	make_complaint,
	make_directorate,
	make_governorate,
	make_liaison_officer,
	make_social_unit,
	other_connection,
	random_category,
	recorded_queries,
	served_district,
)


def assigned_comment(complaint: str) -> str:
	"""The text of the complaint's one "Assigned" comment (its timeline's assignment line)."""
	(comment,) = frappe.get_all(
		"Comment",
		filters={"reference_doctype": "Complaint", "reference_name": complaint, "comment_type": "Assigned"},
		pluck="content",
	)
	return comment


class AssignmentTestCase(FrappeTestCase):
	"""A directorate of its own and a category routed to social units."""

	@classmethod
	def setUpClass(cls):
		super().setUpClass()
		ensure_complaint_workflow()
		make_governorate()
		cls.directorate = make_directorate(
			"Cairo", name=f"Assignment Directorate {frappe.generate_hash(length=5)}"
		).name
		cls.category = random_category("Social Unit")

	def new_unit(self) -> str:
		return make_social_unit(self.directorate, district=f"District {frappe.generate_hash(length=6)}").name

	def rule_users(self, unit: str) -> list[str]:
		return [row.user for row in frappe.get_doc("Assignment Rule", rule_name("Social Unit", unit)).users]

	def register(self, unit: str):
		district = served_district(unit)
		return make_complaint(category=self.category, district=district)

	def officer_with_a_deputy(self) -> tuple:
		"""A new unit, its officer and the officer's deputy (from another new unit), and a complaint
		registered in the unit and assigned to the officer: (unit, officer, deputy, complaint)."""
		unit = self.new_unit()
		deputy = make_liaison_officer([("Social Unit", self.new_unit())]).name
		officer = make_liaison_officer([("Social Unit", unit)], deputy=deputy)
		complaint = self.register(unit)
		self.assertEqual(complaint.liaison_officer, officer.name)
		return unit, officer, deputy, complaint


class TestUnitAssignmentRules(AssignmentTestCase):
	def test_adding_an_officer_creates_the_units_rule(self):
		unit = self.new_unit()
		officer = make_liaison_officer([("Social Unit", unit)]).name
		rule = frappe.get_doc("Assignment Rule", rule_name("Social Unit", unit))
		self.assertEqual((rule.document_type, rule.disabled, rule.rule), ("Complaint", 0, "Round Robin"))
		self.assertEqual([row.user for row in rule.users], [officer])
		self.assertEqual(len(rule.assignment_days), 7)
		self.assertIn(repr(unit), rule.assign_condition)

	def test_round_robin_among_the_units_active_officers(self):
		unit = self.new_unit()
		first = make_liaison_officer([("Social Unit", unit)]).name
		second = make_liaison_officer([("Social Unit", unit)]).name
		officers = [self.register(unit).liaison_officer for _i in range(3)]
		self.assertEqual(sorted(officers[:2]), sorted([first, second]))
		self.assertEqual(officers[2], officers[0])

	def test_an_officer_at_their_limit_of_open_complaints_is_passed_over(self):
		unit = self.new_unit()
		full = make_liaison_officer([("Social Unit", unit)], max_open_load=2).name
		other = make_liaison_officer([("Social Unit", unit)], max_open_load=50).name
		officers = [self.register(unit).liaison_officer for _i in range(6)]
		self.assertEqual(officers.count(full), 2, officers)
		self.assertEqual(officers.count(other), 4, officers)

	def test_a_unit_whose_officers_are_all_at_their_limit_keeps_the_complaint_in_its_queue(self):
		unit = self.new_unit()
		officer = make_liaison_officer([("Social Unit", unit)], max_open_load=1).name
		self.assertEqual(self.register(unit).liaison_officer, officer)
		waiting = self.register(unit)
		self.assertIsNone(waiting.liaison_officer)
		self.assertEqual(waiting.status, states.ROUTED)

	def test_round_robin_goes_on_from_the_pointer_its_commit_wrote(self):
		unit = self.new_unit()
		officers = {make_liaison_officer([("Social Unit", unit)]).name for _i in range(2)}
		first = self.register(unit).liaison_officer
		frappe.db.before_commit.run()  # what a commit runs before COMMIT: the pointer is written
		rule = rule_name("Social Unit", unit)
		self.assertEqual(frappe.db.get_value("Assignment Rule", rule, "last_user"), first)
		self.assertIsNone(frappe.flags.complaints_pending_last_users)
		second = self.register(unit).liaison_officer  # from the stored pointer
		self.assertEqual({first, second}, officers)

	def test_a_registration_names_its_officer_as_assignee_and_on_its_timeline(self):
		unit = self.new_unit()
		officer = make_liaison_officer([("Social Unit", unit)]).name
		complaint = self.register(unit)
		self.assertEqual(json.loads(frappe.db.get_value("Complaint", complaint.name, "_assign")), [officer])
		comment = assigned_comment(complaint.name)
		self.assertIn(complaint.subject, comment)

	def test_the_assignment_on_the_timeline_names_the_system_account_in_the_readers_language(self):
		unit = self.new_unit()
		make_liaison_officer([("Social Unit", unit)])
		self.assertEqual(frappe.session.user, "Administrator")
		language = frappe.local.lang
		frappe.local.lang = "ar"
		try:
			complaint = self.register(unit)
		finally:
			frappe.local.lang = language
		comment = assigned_comment(complaint.name)
		self.assertIn("مدير النظام", comment)
		self.assertNotIn("Administrator", comment)
		# the name is the system's only within the assignment: Frappe's own cache is left as it was
		self.assertEqual(frappe.utils.get_fullname("Administrator"), "Administrator")

	def test_load_balancing_when_the_administrator_chooses_it(self):
		unit = self.new_unit()
		busy = make_liaison_officer([("Social Unit", unit)]).name
		self.register(unit)
		self.register(unit)
		idle = make_liaison_officer([("Social Unit", unit)]).name
		frappe.db.set_value("Assignment Rule", rule_name("Social Unit", unit), "rule", "Load Balancing")
		self.assertEqual(self.register(unit).liaison_officer, idle)
		self.assertNotEqual(idle, busy)

	def test_a_deputy_takes_over_when_the_officer_becomes_inactive(self):
		unit, officer, deputy, open_complaint = self.officer_with_a_deputy()

		officer.is_active = 0
		officer.save()
		self.assertEqual(self.rule_users(unit), [deputy])
		handed_over = frappe.get_doc("Complaint", open_complaint.name)
		self.assertEqual(handed_over.liaison_officer, deputy)
		self.assertTrue(frappe.has_permission("Complaint", doc=handed_over, user=deputy))
		self.assertTrue(
			frappe.db.exists(
				"ToDo", {"reference_name": handed_over.name, "allocated_to": deputy, "status": "Open"}
			)
		)
		self.assertEqual(self.register(unit).liaison_officer, deputy)

	def test_a_deputy_from_another_unit_assigned_at_registration_reads_it_unshared(self):
		unit = self.new_unit()
		deputy = make_liaison_officer([("Social Unit", self.new_unit())]).name
		officer = make_liaison_officer([("Social Unit", unit)], deputy=deputy)
		officer.is_active = 0
		officer.save()
		doc = self.register(unit)
		self.assertEqual(doc.liaison_officer, deputy)
		[todo] = frappe.get_all(
			"ToDo",
			filters={"reference_type": "Complaint", "reference_name": doc.name},
			fields=["allocated_to", "status", "assignment_rule"],
		)
		self.assertEqual((todo.allocated_to, todo.status), (deputy, "Open"))
		self.assertEqual(todo.assignment_rule, rule_name("Social Unit", unit))
		self.assertEqual(frappe.parse_json(frappe.db.get_value("Complaint", doc.name, "_assign")), [deputy])
		self.assertFalse(frappe.db.exists("DocShare", {"share_name": doc.name}))
		self.assertTrue(
			frappe.has_permission("Complaint", doc=frappe.get_doc("Complaint", doc.name), user=deputy)
		)

	def test_a_unit_without_anyone_has_its_rule_disabled_until_someone_joins(self):
		unit = self.new_unit()
		officer = make_liaison_officer([("Social Unit", unit)])
		officer.is_active = 0
		officer.save()
		rule = frappe.get_doc("Assignment Rule", rule_name("Social Unit", unit))
		self.assertEqual((rule.disabled, rule.users), (1, []))
		doc = self.register(unit)
		self.assertEqual((doc.status, doc.unit, doc.liaison_officer), (states.ROUTED, unit, None))

		officer.is_active = 1
		officer.save()
		rule.reload()
		self.assertEqual((rule.disabled, [row.user for row in rule.users]), (0, [officer.name]))

	def test_moving_an_officer_updates_both_units_rules(self):
		old_unit, new_unit = self.new_unit(), self.new_unit()
		stays = make_liaison_officer([("Social Unit", old_unit)]).name
		moves = make_liaison_officer([("Social Unit", old_unit)])
		moves.units[0].unit = new_unit
		moves.save()
		self.assertEqual(self.rule_users(old_unit), [stays])
		self.assertEqual(self.rule_users(new_unit), [moves.name])

	def test_deleting_an_officer_updates_the_rule(self):
		unit = self.new_unit()
		stays = make_liaison_officer([("Social Unit", unit)]).name
		leaves = make_liaison_officer([("Social Unit", unit)])
		leaves.delete()
		self.assertEqual(self.rule_users(unit), [stays])

	def test_the_administrators_settings_on_a_rule_are_kept(self):
		unit = self.new_unit()
		make_liaison_officer([("Social Unit", unit)])
		name = rule_name("Social Unit", unit)
		frappe.db.set_value("Assignment Rule", name, {"rule": "Load Balancing", "description": "Please act"})
		second = make_liaison_officer([("Social Unit", unit)]).name
		ensure_assignment_rules()
		rule = frappe.get_doc("Assignment Rule", name)
		self.assertEqual((rule.rule, rule.description), ("Load Balancing", "Please act"))
		self.assertIn(second, [row.user for row in rule.users])

	def test_an_officers_new_mobile_leaves_the_users_an_administrator_set_on_the_rule(self):
		unit = self.new_unit()
		first = make_liaison_officer([("Social Unit", unit)]).name
		second = make_liaison_officer([("Social Unit", unit)]).name
		rule = frappe.get_doc("Assignment Rule", rule_name("Social Unit", unit))
		rule.set("users", [{"user": second}])
		rule.save(ignore_permissions=True)
		officer = frappe.get_doc("Liaison Officer", first)
		officer.mobile = "01098765432"
		officer.save(ignore_permissions=True)
		self.assertEqual(self.rule_users(unit), [second])
		officer.is_active = 0
		officer.save(ignore_permissions=True)  # who takes the unit's complaints changed: the module syncs
		self.assertEqual(self.rule_users(unit), [second])
		officer.is_active = 1
		officer.save(ignore_permissions=True)
		self.assertEqual(sorted(self.rule_users(unit)), sorted([first, second]))

	def test_assigning_by_hand_in_the_desk_sets_the_liaison_officer(self):
		unit = self.new_unit()
		make_liaison_officer([("Social Unit", unit)])
		colleague = make_liaison_officer([("Social Unit", unit)]).name
		doc = self.register(unit)
		other = colleague if doc.liaison_officer != colleague else None
		self.assertTrue(other)
		assign_to.add(
			{"assign_to": [other], "doctype": "Complaint", "name": doc.name}, ignore_permissions=True
		)
		self.assertEqual(frappe.db.get_value("Complaint", doc.name, "liaison_officer"), other)
		assign_to.remove("Complaint", doc.name, other, ignore_permissions=True)
		self.assertIsNone(frappe.db.get_value("Complaint", doc.name, "liaison_officer"))

	def test_frappes_own_rule_run_assigns_an_unassigned_complaint_to_the_unit(self):
		unit = self.new_unit()
		officer = make_liaison_officer([("Social Unit", unit)]).name
		doc = self.register(unit)
		assign_to.remove("Complaint", doc.name, officer, ignore_permissions=True)
		self.assertIsNone(frappe.db.get_value("Complaint", doc.name, "liaison_officer"))
		apply_assignment_rules(doctype="Complaint", name=doc.name)
		self.assertEqual(frappe.db.get_value("Complaint", doc.name, "liaison_officer"), officer)

	def test_saving_a_complaint_does_not_walk_every_units_rule(self):
		unit = self.new_unit()
		make_liaison_officer([("Social Unit", unit)])
		doc = self.register(unit)
		for _ in range(5):
			make_liaison_officer([("Social Unit", self.new_unit())])  # five more units, five more rules
		doc.reload()
		doc.satisfaction_comment = "A later save"
		with recorded_queries() as queries:
			doc.save()
		# Frappe's own run after a save asks for the complaint's ToDos once per rule of the DocType
		self.assertLess(sum("`tabToDo`" in query for query in queries), 5)

	def test_a_unit_without_officers_keeps_its_complaints_unassigned_in_its_queue(self):
		unit = self.new_unit()
		doc = self.register(unit)
		self.assertEqual((doc.status, doc.unit, doc.liaison_officer), (states.ROUTED, unit, None))
		self.assertFalse(frappe.db.exists("ToDo", {"reference_name": doc.name}))
		self.assertFalse(frappe.db.exists("Assignment Rule", rule_name("Social Unit", unit)))
		officer = make_liaison_officer([("Social Unit", unit)]).name
		doc.reload()
		doc.save()  # the next save of a waiting complaint finds the officer who joined
		self.assertEqual(doc.liaison_officer, officer)

	def test_a_unit_whose_rule_is_missing_gets_it_back_when_a_complaint_arrives(self):
		unit = self.new_unit()
		officer = make_liaison_officer([("Social Unit", unit)]).name
		frappe.delete_doc("Assignment Rule", rule_name("Social Unit", unit), ignore_permissions=True)
		doc = self.register(unit)
		self.assertEqual(doc.liaison_officer, officer)
		self.assertEqual(self.rule_users(unit), [officer])
		self.assertTrue(
			frappe.db.exists("ToDo", {"reference_name": doc.name, "allocated_to": officer, "status": "Open"})
		)

	def test_a_closed_complaint_keeps_no_open_todo(self):
		unit = self.new_unit()
		officer = make_liaison_officer([("Social Unit", unit)]).name
		reviewer = frappe.get_doc(
			{
				"doctype": "User",
				"email": f"rev-{frappe.generate_hash(length=6)}@test.complaints.local",
				"first_name": "R",
			}
		).insert(ignore_permissions=True)
		reviewer.add_roles("Quality Reviewer")
		doc = self.register(unit)
		doc = act(doc, "Accept", officer, deadline=frappe.utils.add_days(frappe.utils.now_datetime(), 3))
		doc = act(doc, "Start Work", officer)
		doc = act(doc, "Respond", officer, response="Done")
		doc = act(doc, "Start Review", reviewer.name)
		doc = act(doc, "Approve", reviewer.name)
		doc.reload()
		doc.satisfaction_comment = "Thanks"
		doc.save()  # Frappe's rule run on a later save must not reopen anything
		self.assertFalse(
			frappe.db.exists("ToDo", {"reference_name": doc.name, "status": ("in", ("Open", "Closed"))})
		)


class TestRuleCacheAfterRollback(FrappeTestCase):
	"""Frappe caches the names of the Complaint's Assignment Rules; a rolled-back rule must leave it."""

	def make_unit_with_officer(self) -> str:
		make_governorate()
		directorate = make_directorate("Cairo", name=f"Rollback Directorate {frappe.generate_hash(length=5)}")
		unit = make_social_unit(directorate.name, district=f"District {frappe.generate_hash(length=6)}").name
		make_liaison_officer([("Social Unit", unit)])
		return unit

	def cached_rule_names(self) -> list[str]:
		return [row.get("name") for row in frappe.cache.hget("assignment_rule_map", "Complaint") or []]

	def test_complaints_save_after_the_transaction_that_made_a_rule_rolled_back(self):
		ensure_complaint_workflow()
		unit = self.make_unit_with_officer()
		category = random_category("Social Unit")
		doc = make_complaint(category=category, district=served_district(unit))
		apply_assignment_rules(doctype="Complaint", name=doc.name)  # an explicit run of Frappe's rules
		self.assertIn(rule_name("Social Unit", unit), self.cached_rule_names())  # Frappe's run cached it

		frappe.db.rollback()
		self.assertFalse(frappe.db.exists("Assignment Rule", rule_name("Social Unit", unit)))
		self.assertNotIn(rule_name("Social Unit", unit), self.cached_rule_names())

		ensure_complaint_workflow()
		other = self.make_unit_with_officer()
		doc = make_complaint(
			category=random_category("Social Unit"),
			district=served_district(other),
		)
		self.assertTrue(doc.liaison_officer)


class TestRegistrationLocks(AssignmentTestCase):
	"""Apart from the class above: its tests' desk assignments take locks on the ToDo index that last
	until the class's transaction is rolled back."""

	def test_a_registration_holds_no_lock_a_concurrent_registration_waits_for(self):
		"""Tracking numbers are consecutive, so two registrations at once work next to each other: this
		one, not committed, leaves the ToDo index free for the other, and writes the unit's Round Robin
		pointer (locking the rule's row) only when it commits."""
		unit = self.new_unit()
		officer = make_liaison_officer([("Social Unit", unit)]).name
		complaint = self.register(unit)
		self.assertEqual(complaint.liaison_officer, officer)
		self.assertIsNone(frappe.db.get_value("Assignment Rule", rule_name("Social Unit", unit), "last_user"))
		other = other_connection()
		try:
			other.sql("set session innodb_lock_wait_timeout = 1")
			other.sql(  # the other registration's ToDo, right after this one's in the reference index
				"""insert into `tabToDo` (name, reference_type, reference_name, allocated_to, status,
				creation, modified) values (%s, 'Complaint', %s, %s, 'Open', now(), now())""",
				(frappe.generate_hash(length=10), f"{complaint.name}0", officer),
			)
		finally:
			other.rollback()
			other.close()
