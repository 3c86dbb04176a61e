"""Record-level access to complaints and appeals.

Role permissions (in each DocType) say what a role may do; this module says which records: a
liaison officer sees the complaints of the units they answer for, a directorate head those of
their directorate, a citizen their own. Conditions are plain `IN (...)` lists on indexed columns,
so the database keeps using its indexes on a million rows. Every function uses the `user` it is
given, never the session's.
"""

from collections.abc import Callable
from contextlib import contextmanager
from functools import cached_property

import frappe

# Roles whose holders work on complaints nationwide.
NATIONAL_ROLES = frozenset(
	{
		"System Manager",
		"Complaints Administrator",
		"Complaints Manager",
		"Quality Reviewer",
		"Call Center Agent",
		"Appeals Board Member",
	}
)


class Scope:
	"""What one user may see: everything, or the union of a few lists of keys."""

	def __init__(self, user: str):
		self.user = user
		roles = set(frappe.get_roles(user))
		self.national = user == "Administrator" or bool(roles & NATIONAL_ROLES)
		self.directorates: list[str] = []
		self.units: list[str] = []
		self.officer: str | None = None
		self.citizen = False
		if self.national:
			return
		if "Directorate Head" in roles:
			self.directorates = frappe.get_all("Directorate", filters={"head": user}, pluck="name")
		if "Liaison Officer" in roles:
			self.officer = frappe.db.get_value("Liaison Officer", {"user": user}, "name")
			if self.officer:
				self.units = frappe.get_all(
					"Liaison Officer Unit", filters={"parent": self.officer}, pluck="unit"
				)
		self.citizen = (
			"Citizen" in roles or frappe.get_cached_value("User", user, "user_type") == "Website User"
		)

	def complaint_conditions(self, table: str = "`tabComplaint`") -> str:
		return self.record_conditions(table, lambda: self.officer_condition(table))

	def record_conditions(self, table: str, units_condition: Callable[[], str]) -> str:
		"""The records of `table` in the reader's scope: their directorates' (its `directorate`), their
		units' (`units_condition()`, for an officer or a unit's member) and a citizen's own (its
		`citizen_user`). "" for a national reader; "1=0" for a reader with no scope."""
		if self.national:
			return ""
		parts = []
		if self.directorates:
			parts.append(f"{table}.`directorate` in ({_in(self.directorates)})")
		if self.units or self.officer:
			parts.append(units_condition())
		if self.citizen:
			parts.append(f"{table}.`citizen_user` = {frappe.db.escape(self.user)}")
		return "(" + " or ".join(parts) + ")" if parts else "1=0"

	def officer_condition(self, table: str = "`tabComplaint`") -> str:
		"""The complaints of the officer's units and those assigned to the officer in other units (as a
		deputy, or by hand). Written as `unit in (...) or liaison_officer = ...`, MariaDB merges two
		indexes and sorts every complaint of the units before it returns a list view's first 20 (0.4 to
		1 s for a directorate's officer at 1,000,000 complaints): so the units of the officer's other
		complaints are looked up first (index only) and the condition leads with one IN on `unit`."""
		officer = frappe.db.escape(self.officer) if self.officer else None
		elsewhere = self._units_assigned_elsewhere if self.officer else []
		if None in elsewhere:  # assigned complaints without a unit: no unit list covers them
			units = f"{table}.`unit` in ({_in(self.units)}) or " if self.units else ""
			return f"({units}{table}.`liaison_officer` = {officer})"
		condition = f"{table}.`unit` in ({_in(self.units + elsewhere)})" if self.units or elsewhere else "1=0"
		if elsewhere:
			own_units = f"{table}.`unit` in ({_in(self.units)}) or " if self.units else ""
			condition += f" and ({own_units}{table}.`liaison_officer` = {officer})"
		return f"({condition})"

	@cached_property
	def _units_assigned_elsewhere(self) -> list[str | None]:
		complaint = frappe.qb.DocType("Complaint")
		query = frappe.qb.from_(complaint).select(complaint.unit).distinct()
		query = query.where(complaint.liaison_officer == self.officer)
		if self.units:
			query = query.where(complaint.unit.isnull() | complaint.unit.notin(self.units))
		return query.run(pluck=True)

	def can_see_complaint(self, doc) -> bool:
		if self.national:
			return True
		return bool(
			(doc.get("directorate") and doc.get("directorate") in self.directorates)
			or (doc.get("unit") and doc.get("unit") in self.units)
			or (self.officer and doc.get("liaison_officer") == self.officer)
			or (self.citizen and doc.get("citizen_user") == self.user)
		)


def scope_of(user: str) -> Scope:
	"""The user's Scope: inside `scopes_kept()`, the one built first for that user."""
	kept = getattr(frappe.local, "complaints_mgmt_scopes", None)
	if kept is None:
		return Scope(user)
	if user not in kept:
		kept[user] = Scope(user)
	return kept[user]


@contextmanager
def scopes_kept():
	"""A stretch of one request that only reads (a workspace page's figures: a dozen counts of the same
	reader's complaints) builds each reader's Scope once instead of once a query."""
	outer = getattr(frappe.local, "complaints_mgmt_scopes", None)
	if outer is None:
		frappe.local.complaints_mgmt_scopes = {}
	try:
		yield
	finally:
		if outer is None:
			frappe.local.complaints_mgmt_scopes = None


# Roles that manage user accounts: they list every user.
USER_MANAGER_ROLES = frozenset({"System Manager", "Complaints Administrator"})


class UserScope:
	"""Which user accounts one user may list and pick: all of them for those who manage users; the
	staff accounts (never a citizen's) for staff who work nationwide; for a liaison officer or a
	directorate head, the people of their directorates (see colleagues); for anyone else, only their own
	account. Assignment picks officers from a unit's Liaison Officers, never from this list."""

	def __init__(self, user: str):
		self.user = user
		roles = set(frappe.get_roles(user))
		self.all_users = user == "Administrator" or bool(roles & USER_MANAGER_ROLES)
		self.all_staff = not self.all_users and bool(roles & NATIONAL_ROLES)

	def conditions(self, table: str = "`tabUser`") -> str:
		if self.all_users:
			return ""
		if self.all_staff:
			return f"({table}.`user_type` = 'System User' or {table}.`name` = {frappe.db.escape(self.user)})"
		return f"{table}.`name` in ({_in(self.colleagues())})"

	def can_see(self, name: str) -> bool:
		if self.all_users or name == self.user:
			return True
		if self.all_staff:
			return frappe.get_cached_value("User", name, "user_type") == "System User"
		return name in self.colleagues()

	def colleagues(self) -> list[str]:
		"""The user and the people of their directorates: its head and the officers of the directorate
		and of its social units (for an officer, the directorates of their units; for a headquarters
		sector's officer, the other officers of that sector)."""
		scope = Scope(self.user)
		directorates = set(scope.directorates)
		if scope.units:
			directorates |= set(frappe.get_all("Directorate", {"name": ["in", scope.units]}, pluck="name"))
			directorates |= set(
				frappe.get_all("Social Unit", {"name": ["in", scope.units]}, pluck="directorate")
			)
		directorates.discard(None)
		units = set(scope.units) | directorates
		if directorates:
			units |= set(
				frappe.get_all("Social Unit", {"directorate": ["in", list(directorates)]}, pluck="name")
			)
		people = {self.user}
		if units:
			officers = frappe.get_all("Liaison Officer Unit", {"unit": ["in", list(units)]}, pluck="parent")
			people |= set(frappe.get_all("Liaison Officer", {"name": ["in", officers or [""]]}, pluck="user"))
		if directorates:
			people |= set(frappe.get_all("Directorate", {"name": ["in", list(directorates)]}, pluck="head"))
		return sorted(person for person in people if person)


def user_query_conditions(user: str | None = None) -> str:
	"""Lists of users (/app/user, REST, link fields): see UserScope. Frappe joins this with its own
	condition (no Administrator or Guest) with `and`."""
	return UserScope(user or frappe.session.user).conditions()


def user_has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	"""One user account: closed to those whose UserScope does not include it; None leaves every other
	decision to Frappe's role check (a True here would override it)."""
	if UserScope(user or frappe.session.user).can_see(doc.name):
		return None
	return False


def _in(values: list[str]) -> str:
	return ", ".join(frappe.db.escape(v) for v in values)


def complaint_query_conditions(user: str | None = None) -> str:
	return scope_of(user or frappe.session.user).complaint_conditions()


def complaint_has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	if doc.is_new():
		return True  # what a new complaint may contain is decided by its validation
	return scope_of(user or frappe.session.user).can_see_complaint(doc)


def appeal_query_conditions(user: str | None = None) -> str:
	scope = scope_of(user or frappe.session.user)
	return scope.record_conditions(
		"`tabAppeal`",
		lambda: "`tabAppeal`.`complaint` in (select `name` from `tabComplaint` where "
		+ scope.complaint_conditions()
		+ ")",
	)


def appeal_has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	if doc.is_new():
		return True
	scope = Scope(user or frappe.session.user)
	if scope.national:
		return True
	if scope.citizen and doc.citizen_user == scope.user:
		return True
	if scope.directorates and doc.directorate in scope.directorates:
		return True
	complaint = frappe.db.get_value(
		"Complaint", doc.complaint, ["directorate", "unit", "liaison_officer", "citizen_user"], as_dict=True
	)
	return bool(complaint) and scope.can_see_complaint(complaint)


def file_query_conditions(user: str | None = None) -> str:
	"""Lists of File records: a private file attached to a complaint or an appeal is listed only to those
	who see that record. Frappe's own condition lists every file attached to a DocType the user may read,
	which would show other units' attachment names and URLs (the download itself is checked per file).
	Frappe joins the conditions of all apps with `and`."""
	scope = Scope(user or frappe.session.user)
	if scope.national:
		return ""
	records = _citizen_record_condition(
		scope, "`tabFile`.`attached_to_doctype`", "`tabFile`.`attached_to_name`"
	)
	return f"(`tabFile`.`is_private` = 0 or {records})"


def workflow_action_query_conditions(user: str | None = None) -> str:
	"""Lists of Workflow Actions: those of a complaint or an appeal only to those who see that record.
	Frappe lists every action whose role the user holds, which would name every complaint of the country
	waiting for a liaison officer to every liaison officer. The default complaint workflow makes no
	Workflow Actions (setup/workflow.py); this holds when an administrator turns them on."""
	scope = Scope(user or frappe.session.user)
	if scope.national:
		return ""
	return _citizen_record_condition(
		scope, "`tabWorkflow Action`.`reference_doctype`", "`tabWorkflow Action`.`reference_name`"
	)


def _citizen_record_condition(scope: Scope, doctype_column: str, name_column: str) -> str:
	"""Rows that point (by a DocType and a name column) at a complaint or an appeal the scope sees, or at
	a record of any other DocType."""
	complaints = scope.complaint_conditions()
	appeals = appeal_query_conditions(scope.user)
	return (
		f"(coalesce({doctype_column}, '') not in ('Complaint', 'Appeal')"
		f" or ({doctype_column} = 'Complaint' and {name_column} in"
		f" (select `name` from `tabComplaint` where {complaints}))"
		f" or ({doctype_column} = 'Appeal' and {name_column} in"
		f" (select `name` from `tabAppeal` where {appeals or '1=1'})))"
	)


def workflow_action_has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	"""A Workflow Action of a complaint or an appeal the user cannot read is closed to them. None leaves
	every other decision to Frappe's role check (a True here would override it)."""
	if doc.reference_doctype not in CITIZEN_RECORDS or not doc.reference_name:
		return None
	user = user or frappe.session.user
	if frappe.has_permission(doc.reference_doctype, "read", doc=doc.reference_name, user=user):
		return None
	return False


CITIZEN_RECORDS = ("Complaint", "Appeal")


def file_has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool | None:
	"""Creating or changing a File record. Frappe 15.44 lets any user make a File record pointing at any
	private file URL, and lets the record's owner download that URL: linking another person's attachment
	would hand it over. Its upload endpoint also attaches files to documents the uploader may not change.
	So: a File that points at a private file without sending its content needs a File of that URL the user
	may already read; a file attached to a complaint or an appeal needs write access to it. None leaves
	every other decision to Frappe (a True here would override its own check)."""
	if ptype not in ("create", "write"):
		return None
	user = user or frappe.session.user
	if user == "Administrator":
		return None
	if _links_unreadable_private_file(doc, user):
		return False
	if ptype == "create" and doc.attached_to_doctype in CITIZEN_RECORDS and doc.attached_to_name:
		if not frappe.db.exists(doc.attached_to_doctype, doc.attached_to_name):
			return False
		if not frappe.has_permission(doc.attached_to_doctype, "write", doc=doc.attached_to_name, user=user):
			return False
	return None


def _links_unreadable_private_file(doc, user: str) -> bool:
	url = doc.get("file_url") or ""
	if doc.is_folder or doc.get("content") or not url.startswith("/private/"):
		return False  # content sent: Frappe stores it as a file of its own (or one with the same content)
	if not doc.is_new() and frappe.db.get_value("File", doc.name, "file_url") == url:
		return False
	holders = frappe.get_all("File", filters={"file_url": url, "name": ["!=", doc.name or ""]}, pluck="name")
	return not any(frappe.has_permission("File", "read", doc=holder, user=user) for holder in holders)


def escalation_query_conditions(user: str | None = None) -> str:
	"""Complaint Escalations: those of the complaints a staff member sees; none for citizens."""
	scope = Scope(user or frappe.session.user)
	if scope.national:
		return ""
	scope.citizen = False
	conditions = scope.complaint_conditions()
	if conditions == "1=0":
		return conditions
	return f"`tabComplaint Escalation`.`complaint` in (select `name` from `tabComplaint` where {conditions})"


def escalation_has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	scope = Scope(user or frappe.session.user)
	if scope.national:
		return True
	scope.citizen = False
	complaint = frappe.db.get_value(
		"Complaint", doc.complaint, ["directorate", "unit", "liaison_officer", "citizen_user"], as_dict=True
	)
	return bool(complaint) and scope.can_see_complaint(complaint)
