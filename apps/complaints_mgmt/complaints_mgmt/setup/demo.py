"""Demo data: the organisation, one user per role, and a few hundred complaints in every state.

Idempotent: a second run creates only what is missing. Complaints go through the normal insert path
(validation, naming, routing, assignment, deadlines), then are moved into a spread of states.
"""

import random
from datetime import timedelta

import frappe
from frappe import _
from frappe.utils import add_to_date, now_datetime, random_string

from complaints_mgmt.intake.national_id import EGYPT_GOVERNORATE_CODES
from complaints_mgmt.intake.submission import scoped_request_key
from complaints_mgmt.lifecycle import routing, states
from complaints_mgmt.lifecycle.assignment import pick_liaison_officer, sync_assignment_with_state
from complaints_mgmt.places.matching import resolve_place
from complaints_mgmt.setup import demo_data
from complaints_mgmt.setup.demo_names import set_arabic_names
from complaints_mgmt.setup.site import allow_many_users
from complaints_mgmt.utils.record_names import record_title

DEMO_DOMAIN = "demo.complaints.local"
TRIAGE_DIRECTORATE = "Central Triage (Headquarters)"

FIRST_NAMES = [
	"محمد",
	"أحمد",
	"منى",
	"فاطمة",
	"محمود",
	"سارة",
	"علي",
	"هدى",
	"مصطفى",
	"نادية",
	"خالد",
	"ياسمين",
]
LAST_NAMES = ["حسن", "إبراهيم", "عبد الله", "السيد", "مصطفى", "عثمان", "سليمان", "فؤاد", "نصر", "الشافعي"]

# How the demo complaints are spread over the lifecycle (state, weight).
STATE_SPREAD = [
	(states.ROUTED, 3),
	(states.ACCEPTED, 2),
	(states.IN_PROGRESS, 3),
	(states.AWAITING_CITIZEN, 1),
	(states.RESPONDED, 1),
	(states.UNDER_REVIEW, 1),
	(states.RETURNED, 1),
	(states.CLOSED, 6),
	(states.REOPENED, 1),
	(states.REJECTED, 1),
	(states.TRANSFERRED, 1),
]


def load_demo(
	complaints: int = 300,
	credentials_file: str | None = None,
	seed: int = 2026,
	governorate_codes: list[str] | None = None,
	language: str | None = None,
) -> dict:
	"""Load the demo organisation, users and complaints; returns what was created, by kind.

	`governorate_codes` limits the directorates, units and officers to those governorates (tests).
	What the complaints' timelines say (routing, assignments) is written in `language`, by default the
	site's: a command line has no user language, and the demo's Arabic staff read English entries.
	"""
	previous = frappe.local.lang
	frappe.local.lang = language or frappe.get_system_settings("language") or "ar"
	try:
		return _load(complaints, credentials_file, seed, governorate_codes)
	finally:
		frappe.local.lang = previous


def _load(
	complaints: int, credentials_file: str | None, seed: int, governorate_codes: list[str] | None
) -> dict:
	rng = random.Random(seed)
	allow_many_users()  # a few hundred staff accounts at once
	districts = {
		code: names
		for code, names in demo_data.DISTRICTS.items()
		if not governorate_codes or code in governorate_codes
	}
	created = {}
	created["Governorate"] = _governorates()
	created["Complaints Sector"] = _sectors()
	created["Directorate"] = _directorates(districts)
	created["Social Unit"] = _social_units(districts)
	created["Complaint Category"] = _categories()
	_settings()
	passwords = _read_credentials(credentials_file)
	created["User"] = _demo_users(passwords)
	created["Liaison Officer"] = _liaison_officers(districts)
	set_arabic_names()  # the master data's names in Arabic (demo_names.py)
	created["Complaint"] = _complaints(complaints, rng, districts)
	if "01" in districts:
		created["Complaint"] += _showcase(rng, districts)
		created["Appeal"] = _showcase_appeal()
	_write_credentials(credentials_file, passwords)
	return created


def _insert(doc: dict) -> bool:
	"""Insert a record unless one of that name exists; True when created."""
	name = doc.pop("__name")
	if frappe.db.exists(doc["doctype"], name):
		return False
	frappe.get_doc(doc).insert(ignore_permissions=True)
	return True


def _governorates() -> int:
	return sum(
		_insert(
			{
				"__name": english,
				"doctype": "Governorate",
				"governorate_name": english,
				"code": code,
				"region": demo_data.GOVERNORATE_REGIONS[code],
			}
		)
		for code, (english, _arabic) in EGYPT_GOVERNORATE_CODES.items()
	)


def _sectors() -> int:
	return sum(
		_insert({"__name": name, "doctype": "Complaints Sector", "sector_name": name})
		for name in demo_data.SECTORS
	)


def directorate_name(governorate: str) -> str:
	return f"{governorate} Directorate of Social Solidarity"


def _governorate_of(code: str) -> str:
	return EGYPT_GOVERNORATE_CODES[code][0]


def _directorates(districts: dict[str, list[str]]) -> int:
	count = 0
	for code in districts:
		governorate = _governorate_of(code)
		count += _insert(
			{
				"__name": directorate_name(governorate),
				"doctype": "Directorate",
				"directorate_name": directorate_name(governorate),
				"governorate": governorate,
				"parent_sector": "Social Protection Sector",
				"email": f"directorate.{code}@{DEMO_DOMAIN}",
			}
		)
	count += _insert(
		{
			"__name": TRIAGE_DIRECTORATE,
			"doctype": "Directorate",
			"directorate_name": TRIAGE_DIRECTORATE,
			"governorate": _governorate_of("01"),
			"parent_sector": "Citizen Services Sector",
		}
	)
	return count


def unit_code(governorate_code: str, district_index: int, unit_no: int) -> str:
	return f"SU-{governorate_code}-{district_index + 1:02d}{unit_no}"


def _social_units(districts: dict[str, list[str]]) -> int:
	count = 0
	for code, names in districts.items():
		directorate = directorate_name(_governorate_of(code))
		for index, district in enumerate(names):
			place = resolve_place(district, _governorate_of(code))
			for unit_no in (1, 2):
				unit = unit_code(code, index, unit_no)
				count += _insert(
					{
						"__name": unit,
						"doctype": "Social Unit",
						"unit_code": unit,
						"unit_name": f"{district} Social Unit {unit_no}",
						"directorate": directorate,
						"places": [{"district": place.district}] if place else [],
					}
				)
	return count


def _categories() -> int:
	count = 0
	groups = {parent for _n, parent, *_rest in demo_data.CATEGORIES if parent}
	for name, parent, level, sector, hours, days in demo_data.CATEGORIES:
		count += _insert(
			{
				"__name": name,
				"doctype": "Complaint Category",
				"category_name": name,
				"parent_complaint_category": parent,
				"is_group": int(name in groups),
				"routing_level": level,
				"hq_sector": sector,
				"acceptance_hours": hours,
				"resolution_days": days,
			}
		)
	return count


def _settings() -> None:
	settings = frappe.get_single("Complaints Settings")
	if not settings.triage_directorate:
		settings.triage_directorate = TRIAGE_DIRECTORATE
		settings.save(ignore_permissions=True)


def _ensure_user(email: str, first: str, last: str, roles: list[str], password: str | None = None) -> bool:
	created = not frappe.db.exists("User", email)
	if created:
		user = frappe.get_doc(
			{
				"doctype": "User",
				"email": email,
				"first_name": first,
				"last_name": last,
				"send_welcome_email": 0,
				"language": "ar",
				"user_type": "Website User" if roles == ["Citizen"] else "System User",
				"roles": [{"role": role} for role in roles],
			}
		)
		user.insert(ignore_permissions=True)
	else:
		if frappe.db.get_value("User", email, ["first_name", "last_name"]) != (first, last):
			# a site loaded by an earlier version of this loader, which named its people in English
			frappe.db.set_value(
				"User", email, {"first_name": first, "last_name": last, "full_name": f"{first} {last}"}
			)
			frappe.db.set_value("Liaison Officer", {"user": email}, "full_name", f"{first} {last}")
		if set(roles) - set(frappe.get_roles(email)):
			frappe.get_doc("User", email).add_roles(*roles)
	if password:
		from frappe.utils.password import update_password

		update_password(email, password)
	return created


def _demo_users(passwords: dict[str, str]) -> int:
	count = 0
	for email, first, last, role in demo_data.DEMO_USERS:
		new_password = None
		if email not in passwords:
			new_password = passwords[email] = f"Demo-{random_string(10)}"
		count += _ensure_user(email, first, last, [role], new_password)
	cairo = directorate_name(_governorate_of("01"))
	frappe.db.set_value("Directorate", cairo, "head", "head.cairo@demo.complaints.local")
	return count


def _liaison_officers(districts: dict[str, list[str]]) -> int:
	"""A liaison officer per directorate who answers for it and all its social units, a second officer
	for the first Nasr City unit (the demo login), a triage officer, one for each headquarters sector,
	and a head for every directorate."""
	count = 0
	for code, names in districts.items():
		governorate = _governorate_of(code)
		directorate = directorate_name(governorate)
		if code != "01":
			head = f"head.{code}@{DEMO_DOMAIN}"
			_ensure_user(head, "مدير مديرية", _arabic_governorate(code), ["Directorate Head"])
			if not frappe.db.get_value("Directorate", directorate, "head"):
				frappe.db.set_value("Directorate", directorate, "head", head)
		units = [("Directorate", directorate)] + [
			("Social Unit", unit_code(code, index, unit_no))
			for index in range(len(names))
			for unit_no in (1, 2)
		]
		count += _officer(f"officer.{code}@{DEMO_DOMAIN}", _arabic_governorate(code), units)
	if "01" in districts:
		count += _officer(
			"officer.nasrcity@demo.complaints.local", "مدينة نصر", [("Social Unit", unit_code("01", 0, 1))]
		)
	count += _officer(f"officer.triage@{DEMO_DOMAIN}", "الفرز المركزي", [("Directorate", TRIAGE_DIRECTORATE)])
	for sector in demo_data.SECTORS:
		slug = sector.lower().replace(" sector", "").replace(" ", "-")
		label = demo_data.ARABIC_SECTORS.get(sector, sector)
		count += _officer(f"officer.{slug}@{DEMO_DOMAIN}", label, [("Complaints Sector", sector)])
	return count


def _arabic_governorate(code: str) -> str:
	return EGYPT_GOVERNORATE_CODES[code][1]


def _officer(email: str, label: str, units: list[tuple[str, str]]) -> bool:
	"""Create the officer, or give an existing one the units it lacks (a site loaded by an earlier
	version of this loader); True when created."""
	_ensure_user(email, "ضابط اتصال", label, ["Liaison Officer"])
	if frappe.db.exists("Liaison Officer", email):
		officer = frappe.get_doc("Liaison Officer", email)
		missing = [unit for unit in units if unit not in {(r.unit_doctype, r.unit) for r in officer.units}]
		if missing:
			for unit_doctype, unit in missing:
				officer.append("units", {"unit_doctype": unit_doctype, "unit": unit})
			officer.save(ignore_permissions=True)  # its units' rules follow (lifecycle/assignment.py)
		return False
	frappe.get_doc(
		{
			"doctype": "Liaison Officer",
			"user": email,
			"mobile": "010" + str(random.Random(email).randrange(10**7, 10**8)),
			"units": [{"unit_doctype": dt, "unit": name} for dt, name in units],
		}
	).insert(ignore_permissions=True)
	return True


def demo_national_id(rng: random.Random, governorate_code: str) -> str:
	birth = rng.randrange(1950, 2005)
	century = "2" if birth < 2000 else "3"
	serial = rng.randrange(100, 999)
	return (
		f"{century}{birth % 100:02d}{rng.randrange(1, 13):02d}{rng.randrange(1, 29):02d}"
		f"{governorate_code}{serial}{rng.randrange(10)}{rng.randrange(10)}"
	)


def demo_request_key(index: int) -> str:
	"""The stored request key of the demo's complaint number `index`: a second run skips it."""
	return scoped_request_key("demo", f"demo-{index:04d}")


def _complaints(count: int, rng: random.Random, districts: dict[str, list[str]]) -> int:
	codes = list(districts)
	leaf_categories = [name for name, parent, *_r in demo_data.CATEGORIES if parent] + [
		"Productive Families and Microloans",
		"Elderly Care",
		"Staff Conduct",
		"General Inquiries",
	]
	weights = [w for _s, w in STATE_SPREAD]
	created = 0
	for i in range(count):
		key = demo_request_key(i)
		if frappe.db.exists("Complaint", {"client_request_key": key}):
			continue
		code = rng.choice(codes)
		subject, description = rng.choice(demo_data.SUBJECTS)
		doc = frappe.get_doc(
			{
				"doctype": "Complaint",
				"client_request_key": key,
				"complaint_type": rng.choice(demo_data.TYPES),
				"channel": rng.choice(demo_data.CHANNELS),
				"category": rng.choice(leaf_categories),
				"subject": subject,
				"description": description,
				"complainant_name": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
				"national_id": demo_national_id(rng, code),
				"mobile": f"01{rng.choice('0125')}{rng.randrange(10**7, 10**8)}",
				"governorate": _governorate_of(code),
				"district": rng.choice(districts[code]),
			}
		)
		if i % 10 == 0:
			doc.citizen_user = "citizen@demo.complaints.local"
		doc.flags.request_key_checked = True  # the key is already in its stored form (intake/submission.py)
		doc.insert(ignore_permissions=True)
		target = rng.choices([s for s, _w in STATE_SPREAD], weights)[0]
		_age_and_move(doc, target, rng)
		created += 1
	return created


# The first screen of every demo login has work on it: the printed liaison officer's unit holds a
# complaint in each state of their day (new, accepted, late, returned by the reviewer), the reviewer has
# answers waiting, the citizen has complaints in several states (one closed and not rated yet), and the
# appeals board a pending appeal. (key, state, filed by the demo citizen, late)
SHOWCASE_OFFICER = "officer.nasrcity@demo.complaints.local"
SHOWCASE_CITIZEN = "citizen@demo.complaints.local"
SHOWCASE = [
	("new", states.ROUTED, True, False),
	("accepted", states.ACCEPTED, False, False),
	("late", states.IN_PROGRESS, False, True),
	("returned", states.RETURNED, False, False),
	("awaiting-citizen", states.AWAITING_CITIZEN, True, False),
	("responded", states.RESPONDED, False, False),
	("under-review", states.UNDER_REVIEW, True, False),
	("to-rate", states.CLOSED, True, False),
	("appealed", states.CLOSED, True, False),
]
SHOWCASE_CATEGORY = "Takaful and Karama"  # routed to the social unit of the district


def showcase_request_key(key: str) -> str:
	return scoped_request_key("demo", f"demo-showcase-{key}")


def _showcase(rng: random.Random, districts: dict[str, list[str]]) -> int:
	"""The showcase complaints (SHOWCASE) that are missing, in the printed officer's unit."""
	created = 0
	unit = unit_code("01", 0, 1)
	for key, target, citizen, late in SHOWCASE:
		request_key = showcase_request_key(key)
		if frappe.db.exists("Complaint", {"client_request_key": request_key}):
			continue
		subject, description = rng.choice(demo_data.SUBJECTS)
		doc = frappe.get_doc(
			{
				"doctype": "Complaint",
				"client_request_key": request_key,
				"complaint_type": "Complaint",
				"channel": "Web Portal" if citizen else "Hotline",
				"category": SHOWCASE_CATEGORY,
				"subject": subject,
				"description": description,
				"complainant_name": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
				"national_id": demo_national_id(rng, "01"),
				"mobile": f"010{rng.randrange(10**7, 10**8)}",
				"governorate": _governorate_of("01"),
				"district": districts["01"][0],
				"citizen_user": SHOWCASE_CITIZEN if citizen else None,
			}
		)
		doc.flags.request_key_checked = True
		doc.insert(ignore_permissions=True)
		now = now_datetime()
		extra = {"unit_doctype": "Social Unit", "unit": unit, "social_unit": unit}
		if target not in states.FINAL_STATES:
			extra["liaison_officer"] = SHOWCASE_OFFICER
		if late:
			extra.update(deadline=add_to_date(now, days=-3), sla_status="Breached")
		elif target not in (states.ROUTED, states.CLOSED):
			extra.update(deadline=add_to_date(now, days=10))
		if target == states.CLOSED:
			extra.update(closed_on=add_to_date(now, days=-2), satisfaction_rating=0)
		# a new complaint arrived today; the others were answered (if at all) before the closed ones closed
		_age_and_move(doc, target, rng, extra, received_days=(0, 1) if target == states.ROUTED else (20, 25))
		created += 1
	return created


def _showcase_appeal() -> int:
	"""A pending appeal of the demo citizen on the showcase complaint closed for it."""
	complaint = frappe.db.get_value("Complaint", {"client_request_key": showcase_request_key("appealed")})
	if not complaint or frappe.db.exists("Appeal", {"complaint": complaint}):
		return 0
	frappe.get_doc(
		{
			"doctype": "Appeal",
			"complaint": complaint,
			"grounds": "لم يصلني الدعم حتى الآن رغم إغلاق الشكوى.",
		}
	).insert(ignore_permissions=True)
	return 1


def _age_and_move(
	doc,
	target: str,
	rng: random.Random,
	extra: dict | None = None,
	received_days: tuple[int, int] = (0, 90),
) -> None:
	"""Backdate a demo complaint and put it in `target` with dates and texts that agree (`extra`: values
	set over those)."""
	received = add_to_date(now_datetime(), days=-rng.randrange(*received_days), hours=-rng.randrange(0, 24))
	values = {"received_on": received, "creation": received, "status": target}
	accepted = received + timedelta(hours=rng.randrange(2, 30))
	after_accept = target not in (states.ROUTED, states.TRANSFERRED, states.REJECTED)
	if after_accept:
		values.update(accepted_on=accepted, deadline=accepted + timedelta(days=rng.randrange(7, 21)))
	if target in (states.RESPONDED, states.UNDER_REVIEW, states.RETURNED, states.CLOSED, states.REOPENED):
		values.update(
			response="راجعنا ملفكم، وسيُصرف المبلغ في الدورة القادمة.",
			responded_on=accepted + timedelta(days=rng.randrange(1, 12)),
		)
	if target == states.RETURNED:
		values.update(review_outcome="Returned", review_note="الرد لا يذكر موعد استحقاق الصرف.")
	if target in (states.CLOSED, states.REOPENED):
		values.update(
			review_outcome="Approved",
			closed_on=values["responded_on"] + timedelta(days=1),
			satisfaction_rating=rng.choice([0, 0.2, 0.4, 0.6, 0.8, 1.0]),
		)
	if target == states.REOPENED:
		values["reopen_count"] = 1
	if target == states.REJECTED:
		values["rejection_reason"] = "خارج اختصاص الوزارة: يُرجى التوجه إلى وزارة الصحة."
	if target == states.AWAITING_CITIZEN:
		values["information_request"] = "أرسل رقم بطاقة تكافل وكرامة وآخر شهر صُرف فيه المبلغ."
	if target == states.TRANSFERRED:
		values["transfer_reason"] = "المركز يتبع وحدة اجتماعية أخرى."
		route = routing.triage_route(
			_("Transferred by {0}: {1}").format(
				record_title(doc.unit_doctype, doc.unit), values["transfer_reason"]
			)
		)
		values.update(
			routing_level=route.level,
			unit_doctype=route.unit_doctype,
			unit=route.unit,
			directorate=route.directorate,
			social_unit=None,
			hq_sector=None,
			routing_note=route.note,
		)
	values.update(extra or {})
	frappe.db.set_value("Complaint", doc.name, values, update_modified=False)
	# the assignment follows the state, as the workflow would have left it
	old_state, old_officer = doc.status, doc.liaison_officer
	doc.update(values)
	if target == states.TRANSFERRED:
		doc.liaison_officer = pick_liaison_officer(doc)
		frappe.db.set_value(
			"Complaint", doc.name, "liaison_officer", doc.liaison_officer, update_modified=False
		)
	sync_assignment_with_state(doc, old_state, old_officer)


def _read_credentials(path: str | None) -> dict[str, str]:
	passwords = {}
	if path:
		try:
			with open(path) as f:
				for line in f:
					parts = line.split()
					if len(parts) >= 2 and "@" in parts[0]:
						passwords[parts[0]] = parts[1]
		except FileNotFoundError:
			pass
	return passwords


def _write_credentials(path: str | None, passwords: dict[str, str]) -> None:
	if not path:
		return
	lines = []
	try:
		with open(path) as f:
			lines = [line.rstrip("\n") for line in f if "@" not in line.split(" ")[0]]
	except FileNotFoundError:
		pass
	roles = {email: role for email, _f, _l, role in demo_data.DEMO_USERS}
	lines += [f"{email} {password}   ({roles.get(email, '')})" for email, password in passwords.items()]
	with open(path, "w") as f:
		f.write("\n".join(lines) + "\n")
