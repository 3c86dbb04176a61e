"""What a citizen is shown of their complaint: its states with dates, and the final answer.

Built from the complaint's version log (every workflow action and every move the system makes leaves
a version with the state change), so it names no one: no staff names, units, routing notes or review
notes, only the state entered and when. States that mean something only inside the ministry (a quality
review, an answer returned for more work) are shown by what they mean for the citizen, with a line on
what happens next. The answer appears once the officer has given it (a reviewer may still complete
it), the reason once the complaint is rejected, and the officer's question while it waits for the
citizen's reply.
"""

import json

import frappe
from frappe import _, _lt
from frappe.utils import add_to_date, cint, format_date, format_datetime, get_datetime, now_datetime

from complaints_mgmt.lifecycle import states
from complaints_mgmt.lifecycle.appeals import APPEALABLE_STATES, pending_appeal
from complaints_mgmt.utils.hijri_dates import citizen_hijri

RATING_STARS = 5
# What a state means for the citizen, where its own name is the ministry's: the label shown for it
CITIZEN_LABELS = {
	states.NEW: _lt("Received, being directed to the competent office"),
	states.TRANSFERRED: _lt("Being sent to the competent office"),
	states.AWAITING_CITIZEN: _lt("Waiting for your reply"),
	states.RESPONDED: _lt("Answered, answer under review"),
	states.UNDER_REVIEW: _lt("Answered, answer under review"),
	states.RETURNED: _lt("Answer being completed"),
}
# What happens next, for the complaint's current state
CITIZEN_HINTS = {
	states.NEW: _lt("Your complaint is being directed to the office competent for it."),
	states.TRANSFERRED: _lt(
		"The office that received your complaint found another one competent: it is being sent there."
	),
	states.ROUTED: _lt("The competent office has received your complaint and will accept it for processing."),
	states.ACCEPTED: _lt("The competent office has accepted your complaint and is working on it."),
	states.IN_PROGRESS: _lt("The officer in charge is working on your complaint."),
	states.REOPENED: _lt("Your complaint has been reopened and will be looked at again."),
	states.AWAITING_CITIZEN: _lt(
		"The officer needs more information from you before going on: answer on your complaint's page under My complaints."
	),
	states.RESPONDED: _lt(
		"The officer has answered. The answer is checked for quality before your complaint is closed, and may still be completed."
	),
	states.UNDER_REVIEW: _lt(
		"The officer has answered. The answer is checked for quality before your complaint is closed, and may still be completed."
	),
	states.RETURNED: _lt(
		"The quality review asked the officer to complete the answer. You will see it here once it is given again."
	),
}
# States in which the officer's answer stands and is shown (a returned answer is being redone)
ANSWERED_STATES = (states.RESPONDED, states.UNDER_REVIEW, states.CLOSED)
# What the view reads of the complaint: one keyed read of these columns, not the whole document (a
# guest's look-up is mostly this page; the whole document also loads the DocType's meta, and
# frappe.db.get_value parses each field name with sqlparse in Frappe 15.44).
VIEW_FIELDS = (
	# what the complaint is and where it stands
	*("name", "creation", "received_on", "status", "complaint_type", "category", "subject"),
	# what the ministry told the citizen
	*("response", "rejection_reason", "information_request", "incident"),
	# what the citizen said of the answer
	*("satisfaction_rating", "satisfaction_comment"),
)
# What the appellant sees of each appeal
APPEAL_VIEW_FIELDS = ("name", "status", "submitted_on", "decision", "decision_note", "decision_date")


def citizen_view(name: str) -> dict:
	"""The complaint as its complainant sees it. The caller has checked that they may."""
	complaint = frappe.qb.DocType("Complaint")
	found = (
		frappe.qb.from_(complaint)
		.select(*(complaint[field] for field in VIEW_FIELDS))
		.where(complaint.name == name)
		.run(as_dict=True)
	)
	if not found:
		raise frappe.DoesNotExistError(_("Complaint not found."))
	doc = found[0]
	view = {
		"name": doc.name,
		"complaint_type": _(doc.complaint_type),
		"category": _(doc.category),
		"subject": doc.subject,
		"status": doc.status,
		"status_label": state_label(doc.status),
		"status_hint": str(CITIZEN_HINTS[doc.status]) if doc.status in CITIZEN_HINTS else None,
		"is_final": doc.status in states.FINAL_STATES,
		"received_on": format_datetime(doc.received_on or doc.creation),
		# the Hijri date beside it where Complaints Settings ask (utils/hijri_dates.py)
		"received_on_hijri": citizen_hijri(doc.received_on or doc.creation),
		"history": [
			{"state": state, "label": label, "on": format_datetime(on), "on_hijri": citizen_hijri(on)}
			for state, label, on in status_history(doc)
		],
		"question": doc.information_request if doc.status == states.AWAITING_CITIZEN else None,
		"answer": None,
		"answer_label": None,
		"rating": rating_stars(doc.satisfaction_rating),
		"rating_comment": doc.satisfaction_comment,
		"appeals": citizen_appeals(doc.name),
		# linked to an incident the ministry knows of (staff_tools/incidents.py): its title, until closed
		"incident": known_incident_title(doc) if doc.status not in states.FINAL_STATES else None,
	}
	if doc.status in ANSWERED_STATES and doc.response:
		view.update(answer=doc.response, answer_label=_("Answer"))
	elif doc.status == states.REJECTED and doc.rejection_reason:
		view.update(answer=doc.rejection_reason, answer_label=_("Reason for rejection"))
	return view


def known_incident_title(doc) -> str | None:
	if not doc.incident:
		return None
	titles = frappe.db.get_value("Complaint Incident", doc.incident, ["title_ar", "title_en"], as_dict=True)
	if not titles:
		return None
	return (titles.title_en if frappe.local.lang == "en" and titles.title_en else titles.title_ar) or None


def state_label(state: str | None) -> str:
	"""The state as the citizen reads it: what it means for them where its name is the ministry's."""
	if not state:
		return ""
	return str(CITIZEN_LABELS[state]) if state in CITIZEN_LABELS else _(state)


def citizen_appeals(name: str) -> list[dict]:
	"""The complaint's appeals as the appellant sees them: state, dates, and the board's decision."""
	appeal = frappe.qb.DocType("Appeal")
	appeals = (
		frappe.qb.from_(appeal)
		.select(*(appeal[field] for field in APPEAL_VIEW_FIELDS))
		.where(appeal.complaint == name)
		.orderby(appeal.creation)
		.run(as_dict=True)
	)
	return [
		{
			"name": appeal.name,
			"status": appeal.status,
			"status_label": _(appeal.status) if appeal.status else "",
			"submitted_on": format_datetime(appeal.submitted_on),
			"decision": _(appeal.decision) if appeal.decision else None,
			"decision_note": appeal.decision_note if appeal.status == states.APPEAL_DECIDED else None,
			"decision_date": format_date(appeal.decision_date) if appeal.decision_date else None,
		}
		for appeal in appeals
	]


def status_history(doc) -> list[tuple[str, str, object]]:
	"""[(state, translated label, when)], oldest first, starting with the registration. `doc` needs
	name, status, creation and received_on."""
	history = [("", _("Registered"), doc.received_on or doc.creation)]
	changes = []
	versions = frappe.qb.DocType("Version")
	for version in (
		frappe.qb.from_(versions)
		.select(versions.creation, versions.data)
		.where((versions.ref_doctype == "Complaint") & (versions.docname == doc.name))
		.orderby(versions.creation)
		.run(as_dict=True)
	):
		for change in json.loads(version.data or "{}").get("changed", []):
			if len(change) == 3 and change[0] == "status" and change[1] != change[2]:
				changes.append((change[1], change[2], version.creation))
	first_state = changes[0][0] if changes else doc.status
	if first_state and first_state != states.NEW:
		# Moved on at registration (routed at once): no version, the state came with the insert.
		history.append((first_state, state_label(first_state), doc.creation))
	history.extend((new, state_label(new), on) for _old, new, on in changes if new)
	return history


def rating_stars(value) -> int:
	"""A Rating field holds a fraction (0..1) in Frappe 15: the number of stars out of five."""
	return round((value or 0) * RATING_STARS)


def reopen_until(doc):
	"""The last moment the complainant may reopen a closed complaint, or None when they may not."""
	if doc.status != states.CLOSED:
		return None
	days = cint(frappe.db.get_single_value("Complaints Settings", "citizen_reopen_days"))
	until = add_to_date(get_datetime(doc.closed_on or doc.modified), days=days)
	return until if until >= now_datetime() else None


def appeal_until(doc):
	"""The last moment the complainant may appeal a closed or rejected complaint, or None when they may
	not."""
	if doc.status not in APPEALABLE_STATES or not doc.closed_on:
		return None
	days = cint(frappe.db.get_single_value("Complaints Settings", "appeal_days"))
	until = add_to_date(get_datetime(doc.closed_on), days=days)
	if until < now_datetime():
		return None
	return None if pending_appeal(doc.name) else until
