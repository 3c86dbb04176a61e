"""Record-level access to complaints and appeals.

Role permissions (in each DocType) say what a role may do; this module says which records: a
liaison officer sees the complaints of the units they answer for, a directorate head those of
their directorate, a citizen their own. Conditions are plain `IN (...)` lists on indexed columns,
so the database keeps using its indexes on a million rows. Every function uses the `user` it is
given, never the session's.
"""

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
		if self.national:
			return ""
		parts = []
		if self.directorates:
			parts.append(f"{table}.`directorate` in ({_in(self.directorates)})")
		if self.units:
			parts.append(f"{table}.`unit` in ({_in(self.units)})")
		if self.officer:
			parts.append(f"{table}.`liaison_officer` = {frappe.db.escape(self.officer)}")
		if self.citizen:
			parts.append(f"{table}.`citizen_user` = {frappe.db.escape(self.user)}")
		return "(" + " or ".join(parts) + ")" if parts else "1=0"

	def can_see_complaint(self, doc) -> bool:
		if self.national:
			return True
		return bool(
			(doc.get("directorate") and doc.get("directorate") in self.directorates)
			or (doc.get("unit") and doc.get("unit") in self.units)
			or (self.officer and doc.get("liaison_officer") == self.officer)
			or (self.citizen and doc.get("citizen_user") == self.user)
		)


def _in(values: list[str]) -> str:
	return ", ".join(frappe.db.escape(v) for v in values)


def complaint_query_conditions(user: str | None = None) -> str:
	return Scope(user or frappe.session.user).complaint_conditions()


def complaint_has_permission(doc, ptype: str | None = None, user: str | None = None) -> bool:
	if doc.is_new():
		return True  # what a new complaint may contain is decided by its validation
	return Scope(user or frappe.session.user).can_see_complaint(doc)


def appeal_query_conditions(user: str | None = None) -> str:
	scope = Scope(user or frappe.session.user)
	if scope.national:
		return ""
	parts = []
	if scope.directorates:
		parts.append(f"`tabAppeal`.`directorate` in ({_in(scope.directorates)})")
	if scope.units or scope.officer:
		parts.append(
			"`tabAppeal`.`complaint` in (select `name` from `tabComplaint` where "
			+ scope.complaint_conditions()
			+ ")"
		)
	if scope.citizen:
		parts.append(f"`tabAppeal`.`citizen_user` = {frappe.db.escape(scope.user)}")
	return "(" + " or ".join(parts) + ")" if parts else "1=0"


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
