"""Who in the competent unit handles a complaint.

Each unit (social unit, directorate, headquarters sector) has one Frappe Assignment Rule, named
"<Unit Type>: <unit>", listing the users who take the unit's complaints: its active liaison officers,
and for an inactive officer their deputy. Administrators choose Round Robin or Load Balancing, the
days and the description on the rule; the list of users is kept by this module whenever a Liaison
Officer is added, deactivated, moved between units or deleted, so nobody has to maintain it by hand.
A user an administrator removes from or adds to a rule by hand stays so until one of those changes
touches the unit; saving an officer's other details (a new mobile) leaves the rules alone.
A unit without anyone to assign has its rule disabled, and enabled again when someone joins. An officer
holding their "Maximum Open Complaints" is passed over for the next of the rule's users; when all are,
the complaint waits unassigned in the unit's queue.

The complaint's `liaison_officer` is the assignee: at registration and after a transfer the unit's rule
picks one (validate), the ToDo follows (on update), and a ToDo made by hand in the desk's "Assign To"
updates the field. A complaint in a final state keeps no open ToDo.

Scale: Frappe runs `assignment_rule.apply` on every save of every document whose DocType has rules,
and it loads and evaluates *all* of them: with one rule per unit (2,600+ nationally), each save of an
assigned complaint costs one ToDo query per rule (its close/reopen loop), and each save of an
unassigned one one condition per rule. This module applies the one rule of the complaint's unit
directly, so the choice is O(1), and Frappe's run after each save of a complaint is skipped
(`skip_frappe_rule_run_on_complaint_saves`): with the demo's 355 rules it took 300 ms of a 350 ms
intake (docs/PERFORMANCE.md). Frappe's run when asked for explicitly (the list view's "Apply
Assignment Rule", `apply(doctype=..., name=...)`) still goes through Frappe.
"""

import copy
import functools
import json

import frappe
from frappe import _
from frappe.cache_manager import clear_doctype_map
from frappe.desk.doctype.todo.todo import ToDo
from frappe.desk.form import assign_to
from frappe.utils import cint

from complaints_mgmt.lifecycle import states
from complaints_mgmt.utils import record_names

COMPLAINT = "Complaint"
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def rule_name(unit_doctype: str, unit: str) -> str:
	return f"{unit_doctype}: {unit}"


# Complaint hooks


def choose_liaison_officer(doc) -> None:
	"""Validate hook: a complaint new to its unit, or whose officer is gone, gets one from the unit's rule."""
	if doc.status in states.FINAL_STATES or not doc.unit:
		return
	before = doc.get_doc_before_save()
	unit_changed = doc.is_new() or (
		before is not None and (before.unit_doctype, before.unit) != (doc.unit_doctype, doc.unit)
	)
	if unit_changed or not _is_available(doc.liaison_officer):
		doc.liaison_officer = pick_liaison_officer(doc)


def sync_assignment(doc) -> None:
	"""On-update hook: the ToDo follows the complaint's officer and state."""
	before = doc.get_doc_before_save()
	sync_assignment_with_state(
		doc, before.status if before else None, before.liaison_officer if before else None
	)


def sync_assignment_with_state(doc, old_state: str | None, old_officer: str | None = None) -> None:
	if doc.status in states.FINAL_STATES:
		_cancel_todos(doc)
		return
	user = _user_of(doc.liaison_officer)
	if doc.flags.in_insert:  # a complaint being registered has no ToDo to look for or cancel yet
		if user:
			_add_todo(doc, user, doc.flags.get("assignment_rule"))
		return
	assigned = {todo.allocated_to for todo in _todos(doc)}
	if doc.liaison_officer != old_officer or (user and user not in assigned):
		_cancel_todos(doc, keep=user)
		if user and user not in assigned:
			_add_todo(doc, user, doc.flags.get("assignment_rule"))


def pick_liaison_officer(doc) -> str | None:
	"""The next officer of the complaint's unit by the unit's rule, or None: then the complaint waits
	unassigned in the unit's queue (no officer, or the administrator disabled the rule)."""
	if not (doc.unit_doctype and doc.unit):
		return None
	rule = _active_rule(doc.unit_doctype, doc.unit, create_missing=True)
	if not rule:
		return None
	user = _with_room(rule, _with_current_last_user(rule).get_user(doc.as_dict()))
	if not user or not frappe.db.exists("Liaison Officer", user):
		return None
	doc.flags.assignment_rule = rule.name
	return user


def _with_room(rule, picked: str | None) -> str | None:
	"""The rule's pick if they hold fewer open complaints than their Maximum Open Complaints, else the
	next of the rule's users, in its order, who does; None when all are at their limit (the complaint
	waits in the unit's queue). A maximum of 0 sets no limit."""
	if not picked:
		return None
	users = [row.user for row in rule.users]
	if picked in users:
		start = users.index(picked)
		users = users[start:] + users[:start]
	else:
		users = [picked]
	return next((user for user in users if _has_room(user)), None)


def _has_room(officer: str) -> bool:
	limit = cint(frappe.db.get_value("Liaison Officer", officer, "max_open_load"))
	if limit <= 0:
		return True
	open_load = frappe.db.count(
		COMPLAINT, {"liaison_officer": officer, "status": ("not in", states.FINAL_STATES)}
	)
	return open_load < limit


# ToDo hook


def on_todo_update(todo, method=None) -> None:
	"""A ToDo on a complaint made or removed by hand keeps the complaint's officer in step."""
	if todo.reference_type != COMPLAINT or not todo.reference_name or todo.flags.new_complaint is not None:
		return
	if not frappe.db.exists("Liaison Officer", todo.allocated_to):
		return
	current, status = frappe.db.get_value(COMPLAINT, todo.reference_name, ["liaison_officer", "status"])
	if todo.status == "Open" and current != todo.allocated_to:
		frappe.db.set_value(
			COMPLAINT, todo.reference_name, "liaison_officer", todo.allocated_to, update_modified=False
		)
	elif todo.status == "Cancelled" and current == todo.allocated_to and status not in states.FINAL_STATES:
		# removed by hand; a complaint that ended keeps the officer who handled it
		frappe.db.set_value(COMPLAINT, todo.reference_name, "liaison_officer", None, update_modified=False)


# Liaison Officer hooks


def sync_officer_units(officer, method=None) -> None:
	"""After a Liaison Officer is saved or deleted: the rules of every unit it touched list the right users."""
	deleted = method == "on_trash"
	before = officer.get_doc_before_save()
	if before and not deleted and _who_takes_what(before) == _who_takes_what(officer):
		return  # a new mobile or name: the users an administrator set on the rules stay as they are
	units = set(_units_of(officer)) | set(_units_of(before) if before else ())
	# officers this one stands in for: their units change when this one's availability does
	for principal in frappe.get_all(
		"Liaison Officer", filters={"deputy": officer.name, "is_active": 0}, pluck="name"
	):
		units |= set(_units_of(frappe.get_doc("Liaison Officer", principal)))
	for unit_doctype, unit in sorted(units):
		sync_unit_rule(unit_doctype, unit, exclude=officer.name if deleted else None)
	if before and cint(before.is_active) and not cint(officer.is_active) and not deleted:
		frappe.enqueue(
			"complaints_mgmt.lifecycle.assignment.hand_over_open_complaints",
			officer=officer.name,
			enqueue_after_commit=True,
			now=frappe.flags.in_test,
		)


def sync_unit_rule(unit_doctype: str, unit: str, exclude: str | None = None) -> None:
	"""Create the unit's rule when missing, and set its users to the unit's available officers."""
	users = unit_assignees(unit_doctype, unit, exclude)
	name = rule_name(unit_doctype, unit)
	if not frappe.db.exists("Assignment Rule", name):
		if users:
			_forget_rules_when_transaction_ends()
			_new_rule(unit_doctype, unit, users).insert(ignore_permissions=True)
			_assign_waiting_complaints_later(unit_doctype, unit)
		return
	rule = frappe.get_doc("Assignment Rule", name)
	current = [row.user for row in rule.users]
	if current == users:
		return
	rule.set("users", [{"user": user} for user in users])
	if not users:
		rule.disabled = 1
	elif not current:
		rule.disabled = 0  # disabled because it was empty; an administrator's own choice stays
	_forget_rules_when_transaction_ends()
	rule.save(ignore_permissions=True)
	if users and not current:
		_assign_waiting_complaints_later(unit_doctype, unit)


def unit_assignees(unit_doctype: str, unit: str, exclude: str | None = None) -> list[str]:
	"""Users who take the unit's complaints: its active officers, and deputies of its inactive ones."""
	lo = frappe.qb.DocType("Liaison Officer")
	lou = frappe.qb.DocType("Liaison Officer Unit")
	rows = (
		frappe.qb.from_(lou)
		.join(lo)
		.on(lo.name == lou.parent)
		.select(lo.name, lo.user, lo.is_active, lo.deputy)
		.where(
			(lou.parenttype == "Liaison Officer") & (lou.unit_doctype == unit_doctype) & (lou.unit == unit)
		)
		.orderby(lou.creation)
		.orderby(lo.name)
		.run(as_dict=True)
	)
	users = []
	for row in rows:
		if row.name == exclude:
			continue
		if cint(row.is_active):
			users.append(row.user)
		elif row.deputy and row.deputy != exclude:
			deputy = frappe.db.get_value("Liaison Officer", row.deputy, ["user", "is_active"], as_dict=True)
			if deputy and cint(deputy.is_active):
				users.append(deputy.user)
	return list(dict.fromkeys(users))


def hand_over_open_complaints(officer: str) -> None:
	"""Background job: the open complaints of an officer who became inactive go to their deputy, or to
	another officer of the unit."""
	deputy = frappe.db.get_value("Liaison Officer", officer, "deputy")
	if deputy and not cint(frappe.db.get_value("Liaison Officer", deputy, "is_active")):
		deputy = None
	names = frappe.get_all(
		COMPLAINT,
		filters={"liaison_officer": officer, "status": ("not in", states.FINAL_STATES)},
		pluck="name",
	)
	for name in names:
		doc = frappe.get_doc(COMPLAINT, name)
		doc.liaison_officer = deputy or pick_liaison_officer(doc)
		doc.save(ignore_permissions=True)
		doc.add_comment(
			"Info",
			_("Handed over from {0} to {1}: the liaison officer is inactive.").format(
				officer, doc.liaison_officer or _("nobody")
			),
		)


def _assign_waiting_complaints_later(unit_doctype: str, unit: str) -> None:
	frappe.enqueue(
		"complaints_mgmt.lifecycle.assignment.assign_waiting_complaints",
		unit_doctype=unit_doctype,
		unit=unit,
		enqueue_after_commit=True,
		now=frappe.flags.in_test,
	)


def assign_waiting_complaints(unit_doctype: str, unit: str) -> None:
	"""Background job: a unit that had nobody to assign has someone now (its first officer, or one
	back from leave): its open complaints that arrived meanwhile, unassigned in its queue, get an
	officer by the unit's rule."""
	names = frappe.get_all(
		COMPLAINT,
		filters={
			"unit_doctype": unit_doctype,
			"unit": unit,
			"liaison_officer": ("is", "not set"),
			"status": ("not in", states.FINAL_STATES),
		},
		pluck="name",
		order_by="creation asc",
	)
	for name in names:
		doc = frappe.get_doc(COMPLAINT, name)
		doc.liaison_officer = pick_liaison_officer(doc)
		if doc.liaison_officer:
			doc.save(ignore_permissions=True)


def deactivate_officer_of_disabled_user(user, method=None) -> None:
	"""User on_update: the liaison officer of a disabled account stops taking complaints; the deputy or
	the unit's other officers take over its open ones (hand_over_open_complaints). A disabled user
	kept receiving complaints and SMS they could no longer open."""
	if cint(user.enabled):
		return
	for officer in frappe.get_all(
		"Liaison Officer", filters={"user": user.name, "is_active": 1}, pluck="name"
	):
		doc = frappe.get_doc("Liaison Officer", officer)
		doc.is_active = 0
		doc.save(ignore_permissions=True)
		doc.add_comment("Info", _("Made inactive: the user account {0} was disabled.").format(user.name))


def ensure_assignment_rules() -> None:
	"""After install and migrate: every unit with officers has its rule (existing rules are left alone)."""
	units = frappe.get_all(
		"Liaison Officer Unit",
		filters={"parenttype": "Liaison Officer"},
		fields=["unit_doctype", "unit"],
		distinct=True,
	)
	existing = set(frappe.get_all("Assignment Rule", filters={"document_type": COMPLAINT}, pluck="name"))
	for row in units:
		if rule_name(row.unit_doctype, row.unit) not in existing:
			sync_unit_rule(row.unit_doctype, row.unit)


def ensure_todo_indexes() -> None:
	"""After install and migrate: indexes for the assignment lists (idempotent). Every complaint has a
	ToDo, so the table grows with the complaints, and Frappe 15 indexes only its reference: an officer's
	"my open assignments", newest first, and Frappe's ToDo permission condition (assigned to the user
	or by the user) read the whole table at a million complaints."""
	frappe.db.add_index("ToDo", ["allocated_to", "status", "modified"])
	frappe.db.add_index("ToDo", ["assigned_by", "status"])


# Internals


def _create_missing_rule(unit_doctype: str, unit: str) -> None:
	"""A unit whose officers have no rule yet (loaded by hand, or the rule was deleted) gets it when a
	complaint needs it. Never at the cost of the complaint: if a concurrent save creates the same rule,
	this one gives way and the complaint waits in the unit's queue until its next save."""
	savepoint = "complaints_unit_rule"
	frappe.db.savepoint(savepoint)
	try:
		sync_unit_rule(unit_doctype, unit)
	except (frappe.DuplicateEntryError, frappe.QueryTimeoutError):
		frappe.db.rollback(save_point=savepoint)


def _forget_rules_when_transaction_ends() -> None:
	"""Frappe caches the names of a DocType's Assignment Rules (its `assignment_rule_map`) and clears the
	cache when a rule is saved, but not when the transaction that saved it is rolled back: the cache
	then names a rule that does not exist, and every later save of a complaint fails in Frappe's
	`assignment_rule.apply` ("Assignment Rule ... not found"). Clear it again when this transaction
	ends, either way."""
	flags = frappe.local.flags
	if flags.get("complaints_rule_cache_cleanup"):
		return
	flags.complaints_rule_cache_cleanup = True

	def forget():
		flags.complaints_rule_cache_cleanup = False
		clear_doctype_map("Assignment Rule", COMPLAINT)
		clear_doctype_map("Assignment Rule", f"due_date_rules_for_{COMPLAINT}")

	frappe.db.after_commit.add(forget)
	frappe.db.after_rollback.add(forget)


def _who_takes_what(officer) -> tuple:
	"""What of a Liaison Officer decides its units' rules: its user, units, availability and deputy."""
	return officer.user, sorted(_units_of(officer)), cint(officer.is_active), officer.deputy


def _units_of(officer) -> list[tuple[str, str]]:
	return [
		(row.unit_doctype, row.unit) for row in officer.get("units") or [] if row.unit_doctype and row.unit
	]


def _active_rule(unit_doctype: str | None, unit: str | None, create_missing: bool = False):
	if not (unit_doctype and unit):
		return None
	name = rule_name(unit_doctype, unit)
	if not frappe.db.exists("Assignment Rule", name):
		if create_missing:
			_create_missing_rule(unit_doctype, unit)
		if not (create_missing and frappe.db.exists("Assignment Rule", name)):
			return None
	rule = frappe.get_cached_doc("Assignment Rule", name)
	if rule.disabled or not rule.users or rule.is_rule_not_applicable_today():
		return None
	return rule


def _with_current_last_user(rule):
	"""The cached rule with the current `last_user`, which Round Robin goes on from. The rule (users,
	days, description) is read from Frappe's document cache; its `last_user` changes with every
	complaint, so it is kept apart: this transaction's own pick if it made one, else the stored value.
	Writing it with db.set_value cleared the cached rule each time, so the next complaint of the unit
	loaded the rule and its two child tables again (3 queries and a cache write)."""
	current = copy.copy(rule)  # the cached document itself stays as it was
	pending = _pending_last_users()
	if rule.name in pending:
		current.last_user = pending[rule.name]
	else:
		current.last_user = frappe.db.get_value("Assignment Rule", rule.name, "last_user")
	return current


def _set_last_user(rule: str, user: str) -> None:
	"""Round Robin's pointer is written just before the transaction commits, not when the officer is
	picked: the row stays locked from that write until the commit, and a batch of the central system's
	sync (one transaction) kept the unit's rule locked for its whole length, so a second client's batch
	waited on it. A pointer whose transaction rolls back is not written, as before."""
	pending = _pending_last_users()
	if not pending:
		frappe.db.before_commit.add(_write_pending_last_users)
		frappe.db.after_rollback.add(_forget_pending_last_users)
	pending[rule] = user


def _pending_last_users() -> dict[str, str]:
	if frappe.flags.complaints_pending_last_users is None:
		frappe.flags.complaints_pending_last_users = {}
	return frappe.flags.complaints_pending_last_users


def _write_pending_last_users() -> None:
	table = frappe.qb.DocType("Assignment Rule")
	for rule, user in sorted(_pending_last_users().items()):  # one order everywhere: no deadlock
		frappe.qb.update(table).set(table.last_user, user).where(table.name == rule).run()
	_forget_pending_last_users()


def _forget_pending_last_users() -> None:
	frappe.flags.complaints_pending_last_users = None


def _new_rule(unit_doctype: str, unit: str, users: list[str]):
	final_states = tuple(states.FINAL_STATES)
	return frappe.get_doc(
		{
			"doctype": "Assignment Rule",
			"name": rule_name(unit_doctype, unit),
			"document_type": COMPLAINT,
			"description": "{{ subject }}",
			"priority": 0,
			"rule": "Round Robin",
			"assign_condition": (
				f"unit_doctype == {unit_doctype!r} and unit == {unit!r} and status not in {final_states!r}"
			),
			"users": [{"user": user} for user in users],
			"assignment_days": [{"day": day} for day in WEEKDAYS],
		}
	)


def _is_available(officer: str | None) -> bool:
	return bool(officer) and bool(cint(frappe.db.get_value("Liaison Officer", officer, "is_active")))


def _user_of(officer: str | None) -> str | None:
	return officer and (frappe.db.get_value("Liaison Officer", officer, "user") or officer)


def _todos(doc) -> list:
	"""The complaint's assignments as Frappe counts them: ToDos not cancelled (open or closed)."""
	return frappe.get_all(
		"ToDo",
		filters={"reference_type": COMPLAINT, "reference_name": doc.name, "status": ("!=", "Cancelled")},
		fields=["name", "allocated_to"],
	)


def _cancel_todos(doc, keep: str | None = None) -> None:
	"""Cancel the complaint's ToDos (but `keep`'s). Closed ones too: Frappe's assignment rules reopen a
	closed ToDo on the next save of its document."""
	for todo in _todos(doc):
		if todo.allocated_to != keep:
			assign_to.set_status(
				COMPLAINT,
				doc.name,
				todo=todo.name,
				assign_to=todo.allocated_to,
				status="Cancelled",
				ignore_permissions=True,
			)


def _add_todo(doc, user: str, rule: str | None) -> None:
	description = doc.subject
	if rule:
		template = frappe.get_cached_value("Assignment Rule", rule, "description")
		description = frappe.render_template(template, doc.as_dict()) if template else description
	if doc.flags.in_insert:
		_insert_todo(doc, user, description, rule)
	else:
		assign_to.add(
			{
				"assign_to": [user],
				"doctype": COMPLAINT,
				"name": doc.name,
				"description": description,
				"assignment_rule": rule,
			},
			ignore_permissions=True,
		)
	if rule:
		_set_last_user(rule, user)


def _insert_todo(doc, user: str, description: str, rule: str | None) -> None:
	"""The ToDo of a complaint being registered: what Frappe's assign_to.add writes, without what the
	registration has already (the officer reads the complaint through its unit or as its assignee, so
	no share is needed; the "New" notices tell the officer, so Frappe's assignment alert would be a
	second one). A fifth of an intake less (docs/PERFORMANCE.md)."""
	todo = frappe.get_doc(
		{
			"doctype": "ToDo",
			"allocated_to": user,
			"reference_type": COMPLAINT,
			"reference_name": doc.name,
			"description": frappe.utils.escape_html(description or ""),
			"priority": "Medium",
			"status": "Open",
			"date": frappe.utils.nowdate(),
			"assigned_by": frappe.session.user,
			"assignment_rule": rule,
		}
	)
	# the complaint names this officer already (on_todo_update); its first and only ToDo (ComplaintToDo)
	todo.flags.new_complaint = doc
	todo.insert(ignore_permissions=True)


class ComplaintToDo(ToDo):
	"""Frappe's ToDo (hooks.py `override_doctype_class`), but for the ToDo of a complaint being registered
	(`flags.new_complaint`, set by `_insert_todo` only):

	- its "Assigned" comment goes on the complaint in hand: Frappe's loads the whole complaint again;
	- the complaint's `_assign` (the list view's "Assigned To") is written as the one user it is: Frappe's
	  finds the reference's open ToDos with a locking read, whose next-key locks on the ToDo reference
	  index made concurrent registrations wait for one another. Tracking numbers are consecutive, so
	  two registrations at once insert ToDos into each other's locked gap: a batch of the central
	  system's sync held them for its whole transaction, and a second client waited for the first.

	Every other ToDo (the desk's "Assign To", a transfer, a cancellation) is Frappe's own, but for the
	name its timeline comment gives the system's accounts: in the reader's language ("مدير النظام", not
	"Administrator", who makes every assignment of the units' rules)."""

	def validate(self):
		with record_names.system_accounts_named_in_language():
			super().validate()

	def add_assign_comment(self, text, comment_type):
		if (complaint := self._new_complaint()) is not None:
			return complaint.add_comment(comment_type, text)
		return super().add_assign_comment(text, comment_type)

	def update_in_reference(self):
		if (complaint := self._new_complaint()) is not None and self.status == "Open":
			return frappe.db.set_value(
				COMPLAINT, complaint.name, "_assign", json.dumps([self.allocated_to]), update_modified=False
			)
		return super().update_in_reference()

	def _new_complaint(self):
		complaint = self.flags.get("new_complaint")
		return complaint if complaint is not None and complaint.name == self.reference_name else None


# Frappe's rule run after every save -------------------------------------------------------------------


def skip_frappe_rule_run_on_complaint_saves() -> None:
	"""Frappe hooks `assignment_rule.apply` to the save events of every DocType ("*" doc_events), which
	cannot be removed for one DocType: wrap it so that, called as a save event of a complaint, it does
	nothing (this module has assigned the complaint, and keeps its ToDo in step with its state). Called
	without an event (an explicit run), and for every other DocType, Frappe's own runs. Idempotent."""
	from frappe.automation.doctype.assignment_rule import assignment_rule

	if getattr(assignment_rule.apply, "skips_complaint_saves", False):
		return
	frappe_apply = assignment_rule.apply

	@functools.wraps(frappe_apply)
	def apply(doc=None, method=None, doctype=None, name=None):
		if method and (doctype or getattr(doc, "doctype", None)) == COMPLAINT:
			return None
		return frappe_apply(doc, method, doctype=doctype, name=name)

	apply.skips_complaint_saves = True
	assignment_rule.apply = apply


# Frappe resolves its doc_events by dotted path at every save, so the wrapper is in force from the moment
# this module is imported, which the Complaint controller does before any complaint is saved.
skip_frappe_rule_run_on_complaint_saves()
