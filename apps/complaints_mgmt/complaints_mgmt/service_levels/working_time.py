"""Working time: the clock that SLA deadlines run on.

A Working Calendar (a record administrators edit) names the weekly days off (Friday and Saturday in
Egypt) and the public holidays. The clock runs only on working days, all day long: a deadline of 24
working hours set on Thursday at 10:00 falls on Sunday at 10:00, and one of 2 working days set on a
Friday counts Sunday and Monday.

Datetimes are naive and in the site's time zone, as Frappe stores them; a day is a day of that time
zone. A datetime that carries a time zone (from an API, or UTC) is converted to the site's first, so
a complaint registered on Thursday at 23:30 UTC is a Friday complaint in Cairo.

The arithmetic is pure (`WorkingCalendar` is a plain value); `load_calendar` reads the record once
per version of it and keeps it in the cache.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import frappe
from frappe import _
from frappe.utils import convert_utc_to_system_timezone, get_datetime, getdate

SETTINGS = "Complaints Settings"
CALENDAR = "Working Calendar"
# Weekday numbers as Python counts them (Monday 0) and the calendar's check fields.
DAY_FIELDS = {
	0: "monday_off",
	1: "tuesday_off",
	2: "wednesday_off",
	3: "thursday_off",
	4: "friday_off",
	5: "saturday_off",
	6: "sunday_off",
}
EGYPT_DAYS_OFF = frozenset({4, 5})  # Friday and Saturday
# No deadline is looked for further than this: a calendar without working days would never end.
SEARCH_DAYS = 3 * 366
CACHE_SECONDS = 24 * 3600


class CalendarError(frappe.ValidationError):
	pass


@dataclass(frozen=True)
class WorkingCalendar:
	days_off: frozenset[int] = EGYPT_DAYS_OFF
	holidays: frozenset[date] = frozenset()

	def is_working_day(self, day: date) -> bool:
		return day.weekday() not in self.days_off and day not in self.holidays


def add_working_time(start, hours: float, calendar: WorkingCalendar) -> datetime:
	"""The moment `hours` of working time after `start`."""
	current = to_system_time(start)
	remaining = timedelta(hours=float(hours))
	for _day in range(SEARCH_DAYS):
		day = current.date()
		if calendar.is_working_day(day):
			end_of_day = datetime.combine(day + timedelta(days=1), time())
			available = end_of_day - current
			if remaining < available:  # a day filled exactly ends at the next working day's start
				return current + remaining
			remaining -= available
		current = datetime.combine(day + timedelta(days=1), time())
	frappe.throw(_("The working calendar has no working day in the next three years."), CalendarError)


def subtract_working_time(end, hours: float, calendar: WorkingCalendar) -> datetime:
	"""The moment `hours` of working time before `end`."""
	current = to_system_time(end)
	remaining = timedelta(hours=float(hours))
	for _day in range(SEARCH_DAYS):
		start_of_day = datetime.combine(current.date(), time())
		if current == start_of_day:  # midnight belongs to the day that ends there
			start_of_day -= timedelta(days=1)
		if calendar.is_working_day(start_of_day.date()):
			available = current - start_of_day
			if remaining <= available:
				return current - remaining
			remaining -= available
		current = start_of_day
	frappe.throw(_("The working calendar has no working day in the last three years."), CalendarError)


def add_working_days(start, days: int, calendar: WorkingCalendar) -> datetime:
	"""`days` working days after `start`, at the same time of day (from the next working day's start
	when `start` is not a working day)."""
	return add_working_time(start, 24 * int(days), calendar)


def working_hours_between(start, end, calendar: WorkingCalendar) -> float:
	"""How much working time lies between `start` and `end`, in hours."""
	start, end = to_system_time(start), to_system_time(end)
	total = timedelta()
	current = start
	while current < end:
		next_day = datetime.combine(current.date() + timedelta(days=1), time())
		if calendar.is_working_day(current.date()):
			total += min(end, next_day) - current
		current = next_day
	return total.total_seconds() / 3600


def to_system_time(value) -> datetime:
	"""A naive datetime in the site's time zone. Aware values are converted; naive ones are taken as
	already in the site's time zone (Frappe's storage)."""
	value = get_datetime(value)
	if value.tzinfo is not None:
		value = convert_utc_to_system_timezone(value).replace(tzinfo=None)
	return value


# The calendar record ------------------------------------------------------------------------------


def _calendar_version(name: str | None) -> tuple[str | None, object]:
	"""(name, modified) of the calendar `name`, or of the default one: the calendar Complaints Settings
	name, else the first one made. (None, None) without any. Read from Frappe's document cache, which
	a save of the calendar clears (and a rollback after it)."""
	if name:
		return name, frappe.get_cached_value(CALENDAR, name, "modified")
	configured = frappe.db.get_single_value(SETTINGS, "working_calendar")
	modified = configured and frappe.get_cached_value(CALENDAR, configured, "modified")
	if modified:
		return configured, modified
	return tuple(frappe.db.get_value(CALENDAR, {}, ["name", "modified"], order_by="creation asc") or (None, None))


def load_calendar(name: str | None = None) -> WorkingCalendar:
	"""The calendar `name` (default: the one Complaints Settings names). Without any calendar record:
	Friday and Saturday off, no holidays.

	Cached per name and `modified`, so an edit (or a rolled-back test) is never served stale."""
	name, modified = _calendar_version(name)
	if not modified:
		return WorkingCalendar()
	key = f"complaints_mgmt:working_calendar:{name}:{modified}"
	calendar = _parsed.get((frappe.local.site, key))
	if calendar is None:
		cached = frappe.cache.get_value(key)
		if cached is None:
			cached = _read_calendar(name)
			frappe.cache.set_value(key, cached, expires_in_sec=CACHE_SECONDS)
		days_off, holidays = cached
		calendar = WorkingCalendar(frozenset(days_off), frozenset(date.fromisoformat(day) for day in holidays))
		if len(_parsed) >= PARSED_CALENDARS:
			_parsed.clear()
		_parsed[(frappe.local.site, key)] = calendar
	return calendar


# Calendars parsed in this process, by site and cache key (which holds the record's `modified`): the
# escalation run reads the calendar for every due complaint, and parsing its holidays each time was a
# fifth of the run. A WorkingCalendar is immutable, so sharing one is safe.
_parsed: dict[tuple[str, str], "WorkingCalendar"] = {}
PARSED_CALENDARS = 64


def _read_calendar(name: str) -> tuple[list[int], list[str]]:
	days_off = frappe.db.get_value(CALENDAR, name, list(DAY_FIELDS.values()), as_dict=True)
	holidays = frappe.get_all(
		"Working Calendar Holiday",
		filters={"parent": name, "parenttype": CALENDAR},
		pluck="holiday_date",
	)
	return (
		[weekday for weekday, field in DAY_FIELDS.items() if days_off.get(field)],
		[str(day) for day in holidays],
	)


def validate_calendar(doc) -> None:
	"""Validate hook of Working Calendar: a working day in the week, holidays sorted and each date once."""
	if all(doc.get(field) for field in DAY_FIELDS.values()):
		frappe.throw(_("A working calendar needs at least one working day in the week."), CalendarError)
	seen = set()
	for row in doc.holidays:
		day = getdate(row.holiday_date)
		if day in seen:
			frappe.throw(
				_("{0} is listed twice among the holidays.").format(frappe.format(day, "Date")), CalendarError
			)
		seen.add(day)
	doc.holidays.sort(key=lambda row: getdate(row.holiday_date))
	for idx, row in enumerate(doc.holidays, start=1):
		row.idx = idx
