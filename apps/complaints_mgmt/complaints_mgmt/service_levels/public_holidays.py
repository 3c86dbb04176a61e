"""Public holidays for the working calendar, from the `holidays` package (PyPI).

The package knows the official holidays of Egypt, Jordan and Iraq, Islamic ones included as estimates
(their dates follow the moon and are announced shortly before), in Arabic and English. A year is added
once: the calendar remembers the years it received, so a holiday an administrator corrected or removed
is never put back. A daily job adds next year's holidays to every calendar that lacks them.
"""

import frappe
from frappe import _
from frappe.utils import getdate, now_datetime

CALENDAR = "Working Calendar"
DEFAULT_CALENDAR = "Egypt"
DEFAULT_COUNTRY = "EG"
FIRST_YEAR = 2000
LAST_YEAR = 2100


class HolidayYearError(frappe.ValidationError):
	pass


def public_holidays(country: str, year: int) -> list[tuple]:
	"""[(date, Arabic name, English name)] of `country` in `year`, by date."""
	import holidays

	arabic = holidays.country_holidays(country, years=year, language=_arabic_language(country))
	english = holidays.country_holidays(country, years=year, language="en_US")
	return [(day, arabic.get(day), english.get(day)) for day in sorted(english)]


def add_public_holidays(calendar, year: int) -> int:
	"""Add `year`'s public holidays to `calendar` (a Working Calendar document, not saved here) and
	note the year; dates already listed are left as they are. Returns how many were added."""
	if not FIRST_YEAR <= year <= LAST_YEAR:
		frappe.throw(_("Choose a year between {0} and {1}.").format(FIRST_YEAR, LAST_YEAR), HolidayYearError)
	listed = {getdate(row.holiday_date) for row in calendar.holidays}
	added = 0
	for day, arabic, english in public_holidays(calendar.country or DEFAULT_COUNTRY, year):
		if day in listed:
			continue
		calendar.append(
			"holidays", {"holiday_date": day, "holiday_name_ar": arabic, "holiday_name_en": english}
		)
		added += 1
	years = set(seeded_years(calendar)) | {year}
	calendar.seeded_years = "\n".join(str(y) for y in sorted(years))
	return added


def seeded_years(calendar) -> list[int]:
	return [int(y) for y in (calendar.seeded_years or "").split() if y.strip().isdigit()]


def ensure_working_calendar() -> None:
	"""Install and migrate: an Egyptian calendar (Friday and Saturday off) with this year's and next
	year's holidays when there is no calendar at all; Complaints Settings point to a calendar."""
	if not frappe.db.exists(CALENDAR, {}):
		calendar = frappe.new_doc(CALENDAR)
		calendar.calendar_name = DEFAULT_CALENDAR
		calendar.country = DEFAULT_COUNTRY
		year = now_datetime().year
		for each in (year, year + 1):
			add_public_holidays(calendar, each)
		calendar.insert(ignore_permissions=True)
	if not frappe.db.get_single_value("Complaints Settings", "working_calendar"):
		name = frappe.db.get_value(CALENDAR, {}, "name", order_by="creation asc")
		frappe.db.set_single_value("Complaints Settings", "working_calendar", name)
	seed_coming_years()


def seed_coming_years() -> None:
	"""Daily: every calendar gets this year's and next year's holidays when it has not had them."""
	year = now_datetime().year
	for name in frappe.get_all(CALENDAR, pluck="name"):
		calendar = frappe.get_doc(CALENDAR, name)
		missing = [each for each in (year, year + 1) if each not in seeded_years(calendar)]
		if not missing:
			continue
		for each in missing:
			add_public_holidays(calendar, each)
		calendar.save(ignore_permissions=True)


def _arabic_language(country: str) -> str | None:
	import holidays

	supported = holidays.country_holidays(country).supported_languages
	return next((lang for lang in supported if lang.startswith("ar")), None)
