"""What a logged-in citizen does with their own complaints: list them, answer a request for information,
rate the answer, reopen, appeal.

Everything runs as the citizen, on complaints they may read (permissions.py: a citizen reads only the
complaints whose citizen account is theirs) and that are theirs. Citizens have no write permission on
complaints, so nothing they send through REST changes one; these actions are the only way, and each
goes through the rules the desk obeys: the rating through citizen_input.py (only the rating, only
once closed), reopening through the Complaint workflow (a transition into Reopened that the citizen's
roles may take; lifecycle/transitions.py checks the days allowed), a reply to a request for information through
the workflow too (a transition out of Awaiting Citizen that the citizen may take: back to the officer),
an appeal through appeals.py (window, one at a time). This module only finds the right transition and reports plainly what is not possible.
"""

import frappe
from frappe import _
from frappe.model.workflow import apply_workflow, get_transitions
from frappe.utils import cstr

from complaints_mgmt.lifecycle import appeals, states
from complaints_mgmt.lifecycle.transitions import is_staff
from complaints_mgmt.portal import public_status
from complaints_mgmt.security import signed_tokens

RATING_MAX = public_status.RATING_STARS
LIST_LIMIT = 200
REPLY_MAX_LENGTH = 5000
# A proof given on the tracking page lets a logged-in citizen add the complaint to their account.
PROOF_PURPOSE = "complainant-proof"
PROOF_MINUTES = 30


class CitizenActionError(frappe.ValidationError):
	pass


def my_complaints(limit: int = LIST_LIMIT) -> list[frappe._dict]:
	"""The session user's complaints (their citizen account), newest first; the permission query applies
	too. Served by the (citizen_user, creation) index."""
	rows = frappe.get_list(
		"Complaint",
		filters={"citizen_user": frappe.session.user},
		fields=["name", "subject", "status", "complaint_type", "received_on", "creation"],
		order_by="creation desc",
		limit_page_length=limit,
	)
	for row in rows:
		row.status_label = public_status.state_label(row.status)
		row.complaint_type_label = _(row.complaint_type)
	return rows


def get_own_complaint(name: str, ptype: str = "read"):
	"""The session user's own complaint (its citizen account), when they may `ptype` it; otherwise the
	same error as for a complaint that does not exist, whether it exists or not."""
	user = frappe.session.user
	citizen_user = frappe.db.get_value("Complaint", name, "citizen_user") if name else None
	if user == "Guest" or citizen_user != user:
		raise frappe.DoesNotExistError(_("Complaint not found."))
	doc = frappe.get_doc("Complaint", name)
	if not doc.has_permission(ptype):
		raise frappe.DoesNotExistError(_("Complaint not found."))
	return doc


def available_actions(doc) -> dict:
	"""What the citizen may do with the complaint now, with the deadlines that apply."""
	reopen_until = public_status.reopen_until(doc) if _reopen_transition(doc) else None
	appeal_until = public_status.appeal_until(doc)
	return {
		"can_reply": bool(_reply_transition(doc)),
		"can_rate": doc.status == states.CLOSED,
		"can_reopen": bool(reopen_until),
		"reopen_until": frappe.utils.format_datetime(reopen_until) if reopen_until else None,
		"can_appeal": bool(appeal_until),
		"appeal_until": frappe.utils.format_datetime(appeal_until) if appeal_until else None,
	}


def rate(name: str, stars: str | int | None, comment: str | None = None):
	doc = get_own_complaint(name)
	stars = _whole_number(stars)
	if stars is None or not 1 <= stars <= RATING_MAX:
		frappe.throw(_("Choose from 1 to {0} stars.").format(RATING_MAX), CitizenActionError)
	if doc.status != states.CLOSED:
		frappe.throw(_("A complaint can be rated once it is closed."), CitizenActionError)
	doc.satisfaction_rating = stars / RATING_MAX
	doc.satisfaction_comment = cstr(comment).strip() or None
	doc.save(ignore_permissions=True)  # their own complaint; citizen_input.py allows only the rating
	return doc


def reopen(name: str, reason: str):
	doc = get_own_complaint(name)
	reason = cstr(reason).strip()
	if not reason:
		frappe.throw(_("Say why the complaint should be reopened."), CitizenActionError)
	appeals.refuse_reopening_while_appealed(doc)
	return _move_own_complaint(
		doc,
		_reopen_transition(doc),
		_("This complaint cannot be reopened now."),
		_("Reason for reopening: {0}").format(frappe.utils.escape_html(reason)),
	)


def reply(name: str, message: str):
	"""The citizen's answer to a request for information: on the complaint's timeline, and the complaint
	goes back to the officer by the workflow's transition."""
	doc = get_own_complaint(name)
	message = cstr(message).strip()
	if not message:
		frappe.throw(_("Write the information you were asked for."), CitizenActionError)
	if len(message) > REPLY_MAX_LENGTH:
		frappe.throw(
			_("Your reply can be at most {0} characters long.").format(REPLY_MAX_LENGTH), CitizenActionError
		)
	return _move_own_complaint(
		doc,
		_reply_transition(doc),
		_("No information is being asked of you on this complaint now."),
		_("The citizen's reply: {0}").format(frappe.utils.escape_html(message)),
	)


def _move_own_complaint(doc, transition, refused: str, comment: str):
	"""Apply the citizen's `transition` to their own complaint and put `comment` on its timeline; with no
	transition, the `refused` error."""
	if not transition:
		frappe.throw(refused, CitizenActionError)
	doc.flags.ignore_permissions = True  # their own complaint; the workflow checks the transition
	doc = apply_workflow(doc, transition.action)
	doc.add_comment("Comment", comment)
	return doc


def appeal(name: str, grounds: str):
	doc = get_own_complaint(name, "read")
	grounds = cstr(grounds).strip()
	if not grounds:
		frappe.throw(_("Give the grounds of your appeal."), CitizenActionError)
	return frappe.get_doc({"doctype": "Appeal", "complaint": doc.name, "grounds": grounds}).insert()


def proof_token(name: str) -> str:
	"""Given with a successful look-up on the tracking page (national ID or code): the finder filed it."""
	return signed_tokens.make_token(PROOF_PURPOSE, name, PROOF_MINUTES)


def may_claim(name: str) -> bool:
	"""Whether the session user is a citizen who could add this complaint to their account."""
	user = frappe.session.user
	if user == "Guest" or is_staff(user):
		return False
	return not frappe.db.get_value("Complaint", name, "citizen_user")


def claim(name: str, token: str) -> None:
	"""Add a complaint filed without an account to the session user's account, on the proof they gave
	on the tracking page. A complaint already in an account stays there."""
	user = frappe.session.user
	if user == "Guest" or is_staff(user) or not signed_tokens.token_is_valid(PROOF_PURPOSE, name, token):
		raise frappe.DoesNotExistError(_("Complaint not found."))
	# Not a citizen's edit of the complaint (citizen_input.py refuses those): the system records who
	# proved to be the complainant, only if no account has the complaint yet, and says so on the timeline.
	complaint = frappe.qb.DocType("Complaint")
	(
		frappe.qb.update(complaint)
		.set(complaint.citizen_user, user)
		.where(complaint.name == name)
		.where(complaint.citizen_user.isnull() | (complaint.citizen_user == ""))
	).run()
	if frappe.db.get_value("Complaint", name, "citizen_user") != user:
		frappe.throw(_("This complaint is already linked to another account."), CitizenActionError)
	frappe.get_doc("Complaint", name).add_comment(
		"Info",
		_("Added to the citizen account {0} after proof of identity on the tracking page.").format(user),
	)


def _whole_number(value) -> int | None:
	"""The value as a whole number, or None: missing, empty, text or a fraction are not read as stars
	(cint would read "3.5" as 3 and "abc" as 0)."""
	if isinstance(value, bool):
		return None
	if isinstance(value, int):
		return value
	if isinstance(value, float):
		return int(value) if value.is_integer() else None
	text = cstr(value).strip()
	return int(text) if text.isdecimal() else None  # isdecimal: Arabic-Indic digits too


def _reply_transition(doc):
	"""The workflow transition out of Awaiting Citizen that the session user may take now, if any."""
	if doc.status != states.AWAITING_CITIZEN:
		return None
	return next(iter(get_transitions(doc)), None)


def _reopen_transition(doc):
	"""The workflow transition into Reopened that the session user may take now, if any (none while an
	appeal of the complaint is before the board)."""
	if doc.status != states.CLOSED or appeals.pending_appeal(doc.name):
		return None
	return next((t for t in get_transitions(doc) if t.next_state == states.REOPENED), None)
