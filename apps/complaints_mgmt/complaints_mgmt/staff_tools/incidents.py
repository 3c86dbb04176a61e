"""Mass incidents: many complaints about one event (a service cut, a payment late in one place) linked to
one `Complaint Incident` with its own owner, status and answer.

Complaints are linked from the complaint list (public/js/bulk_actions_list.js), from the duplicate warning
of the complaint form (public/js/incidents.js), or on intake by rule: same category and place as an open
incident, within its period. Answering the incident takes each open linked complaint through the single
path of bulk actions (bulk_actions.change_one: Respond with the incident's answer, then the reviewer's
Approve, which closes it and sends the citizen the closing SMS), each in its own savepoint, in a
background job; complaints that cannot be changed are reported, not changed. Each complaint's timeline
records the link and the answer, in its complainant's language.
"""

from typing import TYPE_CHECKING

import frappe
from frappe import _
from frappe.utils import getdate, now_datetime

from complaints_mgmt.intake.submission import savepoint
from complaints_mgmt.lifecycle import states
from complaints_mgmt.setup.workflow import APPROVE, RESPOND
from complaints_mgmt.staff_tools import bulk_actions
from complaints_mgmt.utils.bidi_text import isolate

if TYPE_CHECKING:
	from complaints_mgmt.complaints.doctype.complaint_incident.complaint_incident import ComplaintIncident

INCIDENT = "Complaint Incident"
OPEN, ANSWERED, CLOSED = "Open", "Answered", "Closed"
# complaint states past which an incident's answer changes nothing
DONE_STATES = (states.CLOSED, states.REJECTED)
# complaint states already answered: only the reviewer's approval is left
ANSWERED_STATES = (states.RESPONDED, states.UNDER_REVIEW)
JOB_PREFIX = "complaints-incident-"


class IncidentError(frappe.ValidationError):
	pass


# The incident itself (its controller calls these)


def check_period(doc: "ComplaintIncident") -> None:
	if doc.period_to and doc.period_from and getdate(doc.period_to) < getdate(doc.period_from):
		frappe.throw(_("The period of the incident ends before it starts."), IncidentError)


def check_place(doc: "ComplaintIncident") -> None:
	if doc.district and frappe.db.get_value("District", doc.district, "governorate") != doc.governorate:
		frappe.throw(_("The district is not in the incident's governorate."), IncidentError)


def count_complaints(incident: str) -> int:
	return frappe.db.count("Complaint", {"incident": incident})


def update_count(incident: str) -> None:
	frappe.db.set_value(
		INCIDENT, incident, "complaint_count", count_complaints(incident), update_modified=False
	)


# On intake


def join_known_incident(doc) -> None:
	"""A new complaint of the category and place of an open incident, received within its period, is linked
	to it (the most recent such incident)."""
	if not doc.is_new() or doc.incident or not (doc.category and doc.governorate):
		return
	doc.incident = known_incident(
		doc.category, doc.governorate, doc.district, getdate(doc.received_on or now_datetime())
	)


def known_incident(category: str, governorate: str, district: str | None, day) -> str | None:
	incident = frappe.qb.DocType(INCIDENT)
	place = incident.district.isnull() | (incident.district == "")
	if district:
		place = place | (incident.district == district)
	found = (
		frappe.qb.from_(incident)
		.select(incident.name)
		.where(
			(incident.status == OPEN)
			& (incident.category == category)
			& (incident.governorate == governorate)
			& place
			& (incident.period_from <= day)
			& (incident.period_to.isnull() | (incident.period_to >= day))
		)
		.orderby(incident.period_from, order=frappe.qb.desc)
		.limit(1)
		.run()
	)
	return found[0][0] if found else None


def note_known_incident(doc) -> None:
	"""After intake: the link on the new complaint's timeline, and the incident's count."""
	if not doc.incident:
		return
	incident = frappe.get_cached_doc(INCIDENT, doc.incident)
	note(doc.name, incident, linked_text, "en" if doc.language == "en" else "ar")
	update_count(doc.incident)


# Linking


@frappe.whitelist(methods=["POST"])
def link(complaints, incident: str | None = None, title: str | None = None) -> dict:
	"""Link the selected complaints to an incident, an existing one or a new one titled `title` (its
	category and place those of the complaints). All or nothing: a complaint the user may not change
	stops the whole request."""
	names = _names(complaints)
	if incident:
		doc = frappe.get_doc(INCIDENT, incident)
		doc.check_permission("write")
		if doc.status == CLOSED:
			frappe.throw(_("This incident is closed: no complaints can be added to it."), IncidentError)
	elif (title or "").strip():
		frappe.has_permission(INCIDENT, "create", throw=True)
	else:
		frappe.throw(_("Choose an incident or give the new incident a title."), IncidentError)
	refused = [name for name in names if not frappe.has_permission("Complaint", "write", name)]
	if refused:
		frappe.throw(
			_("You may not change these complaints: {0}").format(", ".join(isolate(n) for n in refused)),
			frappe.PermissionError,
		)
	if not incident:
		doc = new_incident_for(names, title.strip())
	linked = link_complaints(doc, names)
	return {"incident": doc.name, "linked": linked, "count": count_complaints(doc.name)}


def _names(complaints) -> list[str]:
	names = list(dict.fromkeys(frappe.parse_json(complaints) or []))
	if not names or not all(isinstance(name, str) for name in names):
		frappe.throw(_("Select the complaints to link."), IncidentError)
	if len(names) > bulk_actions.MOST_COMPLAINTS:
		frappe.throw(
			_("Select at most {0} complaints for one action.").format(bulk_actions.MOST_COMPLAINTS),
			IncidentError,
		)
	missing = set(names) - set(frappe.get_all("Complaint", filters={"name": ("in", names)}, pluck="name"))
	if missing:
		frappe.throw(_("Complaint {0} not found.").format(isolate(sorted(missing)[0])), IncidentError)
	return names


def new_incident_for(names: list[str], title: str) -> "ComplaintIncident":
	"""A new open incident with the complaints' category and place (the district when they share one)
	and a period from the earliest of them."""
	rows = frappe.get_all(
		"Complaint",
		filters={"name": ("in", names)},
		fields=["category", "governorate", "district", "received_on", "creation"],
	)
	categories = {row.category for row in rows}
	governorates = {row.governorate for row in rows}
	if len(categories) != 1 or len(governorates) != 1 or None in categories | governorates:
		frappe.throw(_("A new incident links complaints of one category in one governorate."), IncidentError)
	districts = {row.district for row in rows}
	return frappe.get_doc(
		{
			"doctype": INCIDENT,
			"title_ar": title,
			"category": categories.pop(),
			"governorate": governorates.pop(),
			"district": districts.pop() if len(districts) == 1 else None,
			"period_from": min(getdate(row.received_on or row.creation) for row in rows),
			"incident_owner": frappe.session.user,
		}
	).insert()


def link_complaints(doc: "ComplaintIncident", names: list[str]) -> list[str]:
	"""Link the complaints not yet linked to the incident, each noted on its timeline."""
	already = set(
		frappe.get_all("Complaint", filters={"name": ("in", names), "incident": doc.name}, pluck="name")
	)
	linked = [name for name in names if name not in already]
	for name in linked:
		frappe.db.set_value("Complaint", name, "incident", doc.name)
		note(name, doc, linked_text)
	update_count(doc.name)
	return linked


def linked_text(language: str) -> str:
	return _("Linked to incident {0}: {1}", lang=language)


def note(complaint: str, doc: "ComplaintIncident", text_in, language: str | None = None) -> None:
	"""A line on the complaint's timeline in its complainant's language: `text_in(language)` takes the
	incident's number and title."""
	language = language or language_of(complaint)
	frappe.get_doc(
		{
			"doctype": "Comment",
			"comment_type": "Info",
			"reference_doctype": "Complaint",
			"reference_name": complaint,
			"content": text_in(language).format(isolate(doc.name), title_in(doc, language)),
		}
	).insert(ignore_permissions=True)


def language_of(complaint: str) -> str:
	return "en" if frappe.db.get_value("Complaint", complaint, "language") == "en" else "ar"


def title_in(doc, language: str) -> str:
	return (doc.title_en if language == "en" and doc.title_en else doc.title_ar) or ""


@frappe.whitelist()
def open_incidents_of(complaints) -> list[dict]:
	"""The open incidents of the given complaints the user may read (for the duplicate warning of the
	complaint form: "link to the incident of that complaint"), one row per complaint that has one."""
	names = [name for name in frappe.parse_json(complaints) or [] if isinstance(name, str)][:20]
	readable = [name for name in names if frappe.has_permission("Complaint", "read", name)]
	rows = frappe.get_all(
		"Complaint",
		filters={"name": ("in", readable), "incident": ("is", "set")},
		fields=["name", "incident"],
	)
	found = []
	for row in rows:
		incident = frappe.db.get_value(
			INCIDENT, row.incident, ["name", "title_ar", "title_en", "status"], as_dict=True
		)
		if incident and incident.status != CLOSED and frappe.has_permission(INCIDENT, "read", incident.name):
			found.append(
				{
					"complaint": row.name,
					"incident": incident.name,
					"title": title_in(incident, frappe.local.lang),
				}
			)
	return found
