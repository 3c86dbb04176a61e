"""Mass incidents: many complaints about one event (a service cut, a payment late in one place) linked to
one `Complaint Incident` with its own owner, status and answer.

Complaints are linked from the complaint list (public/js/bulk_actions_list.js), from the duplicate warning
of the complaint form (public/js/incidents.js), or on intake by rule: same category and place as an open
incident, within its period. Answering the incident takes each open linked complaint through the single
path of bulk actions (bulk_actions.change_one: Respond with the incident's answer, then the reviewer's
Approve, which closes it and sends the citizen the closing SMS), each in its own savepoint, in
background jobs on the long queue (one per chunk of complaints, so that several workers share them);
complaints that cannot be changed are reported, not changed. Each complaint's timeline
records the link and the answer, in its complainant's language.
"""

import json
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
	if linked and doc.status == ANSWERED:  # complaints still to answer: open again
		frappe.db.set_value(INCIDENT, doc.name, "status", status_after(doc.name), update_modified=False)
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
	"""The open incidents of the given complaints the user may link to (for the duplicate warning of the
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
		# only those the user may add complaints to
		if incident and incident.status != CLOSED and frappe.has_permission(INCIDENT, "write", incident.name):
			found.append(
				{
					"complaint": row.name,
					"incident": incident.name,
					"title": title_in(incident, frappe.local.lang),
				}
			)
	return found


# Answering the incident


ANSWER_ACTION = "Answer the Linked Complaints"
# complaints per background job: the long queue's workers share an incident's complaints
CHUNK_SIZE = 100
# complaints committed together, each still in its own savepoint; the progress is told at each commit
COMMIT_EVERY = 50
# how long the shared counters of an incident's answer stay in Redis
JOB_KEY_EXPIRY = 24 * 3600


@frappe.whitelist(methods=["POST"])
def answer(incident: str) -> dict:
	"""Queue the answer of the incident's open complaints, in chunks of CHUNK_SIZE (one background job
	each, on the long queue); returns the job's id and their number."""
	doc = frappe.get_doc(INCIDENT, incident)
	doc.check_permission("write")
	if doc.status == CLOSED:
		frappe.throw(_("This incident is closed."), IncidentError)
	if not (doc.answer or "").strip():
		frappe.throw(
			_("Write the incident's answer first: it is sent as the answer of each complaint."), IncidentError
		)
	if not {RESPOND, APPROVE} & allowed_actions():
		frappe.throw(_("Your role may neither answer nor approve complaints."), IncidentError)
	names = open_complaints(doc.name)
	if not names:
		frappe.throw(_("The incident has no open complaints to answer."), IncidentError)
	chunks = [names[start : start + CHUNK_SIZE] for start in range(0, len(names), CHUNK_SIZE)]
	job_id = None
	for index, chunk in enumerate(chunks):
		job_id = bulk_actions.enqueue_as_user(
			run_answer,
			JOB_PREFIX,
			job_key=job_id,
			part=index,
			incident=doc.name,
			names=chunk,
			chunk=index,
			chunks=len(chunks),
			total=len(names),
		)
	return {"job": job_id, "count": len(names)}


def allowed_actions() -> set[str]:
	return {row["action"] for row in bulk_actions.actions_for_user()}


def open_complaints(incident: str) -> list[str]:
	return frappe.get_all(
		"Complaint",
		filters={"incident": incident, "status": ("not in", DONE_STATES)},
		pluck="name",
		order_by="creation asc",
	)


def run_answer(
	user: str,
	incident: str,
	job_key: str = "",
	names: list[str] | None = None,
	chunk: int = 0,
	chunks: int = 1,
	total: int | None = None,
) -> dict | None:
	"""The background job of one chunk: each complaint answered with the incident's answer and, where
	the user's roles allow, approved (closed, the citizen's SMS sent), each in its own savepoint,
	committed COMMIT_EVERY at a time outside tests. The progress counts the complaints of all chunks; the
	last chunk to finish sets the incident's status and tells the user, as a bulk action's result does
	(that result is returned by the last chunk only)."""
	frappe.set_user(user)
	doc = frappe.get_doc(INCIDENT, incident)
	may_approve = APPROVE in allowed_actions()
	names = open_complaints(incident) if names is None else names
	languages = languages_of(names)
	changed, failed = [], []
	for start in range(0, len(names), COMMIT_EVERY):
		batch = names[start : start + COMMIT_EVERY]
		batch_changed, batch_failed = answer_batch(batch, doc, may_approve, languages)
		changed += batch_changed
		failed += batch_failed
		tell_progress(user, job_key, len(batch), total or len(names))
	return finish_chunk(user, incident, job_key, chunk, chunks, changed, failed)


def answer_batch(names: list[str], doc, may_approve: bool, languages: dict) -> tuple[list, list]:
	"""Complaints answered each in its own savepoint and committed together (outside tests). A deadlock
	undoes the whole uncommitted batch: then each is taken again on its own."""
	changed, failed = [], []
	for name in names:
		try:
			with savepoint():
				answer_one(name, doc, may_approve, languages.get(name))
			changed.append(name)
		except frappe.QueryDeadlockError as error:
			frappe.db.rollback()
			if len(names) == 1:
				return [], [failure(name, error)]
			return one_by_one(names, doc, may_approve, languages)
		except Exception as error:
			failed.append(failure(name, error))
	if not frappe.flags.in_test:
		frappe.db.commit()
	return changed, failed


def one_by_one(names: list[str], doc, may_approve: bool, languages: dict) -> tuple[list, list]:
	changed, failed = [], []
	for name in names:
		one_changed, one_failed = answer_batch([name], doc, may_approve, languages)
		changed += one_changed
		failed += one_failed
	return changed, failed


def failure(name: str, error: Exception) -> dict:
	return {"complaint": name, "reason": bulk_actions.reason_of(error)}


def languages_of(names: list[str]) -> dict[str, str]:
	"""Each complaint's complainant's language ("ar" or "en"), in one query."""
	rows = frappe.get_all("Complaint", filters={"name": ("in", names)}, fields=["name", "language"])
	return {row.name: "en" if row.language == "en" else "ar" for row in rows}


def counter(job_key: str, part: str) -> str:
	"""The Redis key (made for the site) of a counter or list shared by the chunks of one job."""
	return frappe.cache.make_key(f"{job_key}:{part}")


def add_to_counter(job_key: str, part: str, amount: int = 1) -> int:
	key = counter(job_key, part)
	count = frappe.cache.incrby(key, amount)  # atomic: the chunks' workers add to it at once
	frappe.cache.expire(key, JOB_KEY_EXPIRY)
	return count


def tell_progress(user: str, job_key: str, done: int, total: int) -> None:
	"""The complaints done so far in all chunks of the job."""
	frappe.publish_realtime(
		bulk_actions.PROGRESS_EVENT,
		{"job": job_key, "done": add_to_counter(job_key, "done", done), "total": total},
		user=user,
	)


def finish_chunk(
	user: str, incident: str, job_key: str, chunk: int, chunks: int, changed: list, failed: list
) -> dict | None:
	"""The chunk's result kept in Redis; the last chunk to finish (counted atomically, after its
	complaints are committed) gathers all of them, sets the incident's status and tells the user."""
	results = f"{job_key}:results"
	frappe.cache.rpush(results, frappe.as_json({"chunk": chunk, "changed": changed, "failed": failed}))
	frappe.cache.expire(frappe.cache.make_key(results), JOB_KEY_EXPIRY)
	if add_to_counter(job_key, "finished") != chunks:
		return None
	parts = sorted(
		(json.loads(part) for part in frappe.cache.lrange(results, 0, -1)),
		key=lambda part: part["chunk"],
	)
	frappe.cache.delete(
		frappe.cache.make_key(results), counter(job_key, "finished"), counter(job_key, "done")
	)
	changed = [name for part in parts for name in part["changed"]]
	failed = [row for part in parts for row in part["failed"]]
	frappe.db.set_value(INCIDENT, incident, "status", status_after(incident), update_modified=False)
	if not frappe.flags.in_test:
		# the status committed before the result is kept: the page that reads the result reloads the form
		frappe.db.commit()
	result = {"job": job_key, "user": user, "action": ANSWER_ACTION, "changed": changed, "failed": failed}
	frappe.cache.set_value(f"{bulk_actions.DONE_EVENT}:{job_key}", result, expires_in_sec=JOB_KEY_EXPIRY)
	bulk_actions.tell_user(user, ANSWER_ACTION, len(changed), len(failed))
	frappe.publish_realtime(bulk_actions.DONE_EVENT, result, user=user, after_commit=True)
	return result


def answer_one(name: str, doc: "ComplaintIncident", may_approve: bool, language: str | None = None) -> None:
	"""One complaint through the single path, loaded once: Respond with the incident's answer (unless
	already answered), then the reviewer's Approve where the user may; noted on its timeline."""
	complaint = frappe.get_doc("Complaint", name)
	if complaint.status not in ANSWERED_STATES:
		complaint = bulk_actions.change_one(name, RESPOND, doc.answer, None, doc=complaint)
	if may_approve:
		bulk_actions.change_one(name, APPROVE, None, None, doc=complaint)
		note(name, doc, closed_text, language)
	else:
		note(name, doc, answered_text, language)


def answered_text(language: str) -> str:
	return _("Answered with incident {0}: {1}", lang=language)


def closed_text(language: str) -> str:
	return _("Answered and closed with incident {0}: {1}", lang=language)


def status_after(incident: str) -> str:
	"""Closed once none of its complaints is open, Answered once all open ones are answered."""
	statuses = {
		row.status
		for row in frappe.get_all(
			"Complaint",
			filters={"incident": incident, "status": ("not in", DONE_STATES)},
			fields=["status"],
			distinct=True,
		)
	}
	if not statuses:
		return CLOSED
	return ANSWERED if statuses <= set(ANSWERED_STATES) else OPEN
