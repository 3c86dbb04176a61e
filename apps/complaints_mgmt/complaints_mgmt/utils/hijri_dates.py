"""Hijri (Umm al-Qura) dates beside the Gregorian ones, where Complaints Settings ask for them.

Umm al-Qura is the Hijri calendar of official dates, computed from its published tables by `hijridate`
(1343 to 1500 AH: 1924 to 2077) and the one Chromium's Intl names `islamic-umalqura`, which the desk
uses. The two agree on every day from 1420 to 1450 AH (1999 to 2029, the years of the calendar's
present rule; tests/browser/test_hijri_dates.py); before and after they part by a day in many months.
A date is written as Chromium writes it for `ar-EG-u-ca-islamic-umalqura-nu-latn`,
"27 جمادى الآخرة 1448 هـ", with Latin digits like every other date of the app; in English
"27 Jumada al-Akhirah 1448 AH". The Gregorian calendar day of the value is converted: a datetime is
read in the site's time zone, as it is stored.

Where: `hijri_for_citizens` (the receipt, the tracking page, the receipt SMS; on by default) and
`hijri_in_desk` (the complaint form; off by default), both in Complaints Settings.
"""

import frappe
from frappe import _
from frappe.utils import cint, format_date, getdate
from hijridate import Gregorian

from complaints_mgmt.utils.bidi_text import ltr_marked

SETTINGS = "Complaints Settings"
FOR_CITIZENS = "hijri_for_citizens"
IN_DESK = "hijri_in_desk"


def hijri_date(value, lang: str | None = None) -> str:
	"""The Hijri date of a Gregorian date or datetime in `lang` (default: the current one); "" for no
	value or a date outside the Umm al-Qura tables."""
	if not value:
		return ""
	day = getdate(value)
	try:
		hijri = Gregorian(day.year, day.month, day.day).to_hijri()
	except (OverflowError, ValueError):
		return ""
	lang = (lang or frappe.local.lang or "en").split("-")[0]
	month = hijri.month_name("ar" if lang == "ar" else "en")
	# {0} the day, {1} the month's name, {2} the year
	return _("{0} {1} {2} AH", lang=lang).format(hijri.day, month, hijri.year)


def citizen_hijri(value, lang: str | None = None) -> str:
	"""Jinja method and helper of the citizens' pages: the Hijri date when the setting shows it, else ""."""
	if not cint(frappe.db.get_single_value(SETTINGS, FOR_CITIZENS)):
		return ""
	return hijri_date(value, lang)


def citizen_dated(value, lang: str | None = None) -> str:
	"""For an SMS: the Gregorian date marked left to right, and its Hijri date after it in brackets where
	the setting shows it to citizens: "07-12-2026 (27 جمادى الآخرة 1448 هـ)"."""
	if not value:
		return ""
	gregorian = ltr_marked(format_date(value, "dd-MM-yyyy"))
	hijri = citizen_hijri(value, lang)
	return f"{gregorian} ({hijri})" if hijri else gregorian


def extend_bootinfo(bootinfo) -> None:
	"""The desk's form script reads whether to show Hijri dates from the boot (complaint.js)."""
	bootinfo.complaints_hijri_in_desk = cint(frappe.db.get_single_value(SETTINGS, IN_DESK))
