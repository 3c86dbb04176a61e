"""Datetimes at the API boundary.

Inside, Frappe stores naive datetimes in the system time zone. Outside, integrators exchange ISO 8601
/ W3C date-times with an offset ("2026-01-31T09:00:00+02:00" or "...Z"). These two functions convert
between them; a value without an offset is read as system time.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from frappe.utils import get_datetime, get_system_timezone


def to_w3c(value) -> str | None:
	"""A stored datetime as W3C date-time with the system time zone's offset, to the second."""
	if not value:
		return None
	if isinstance(value, str):
		value = get_datetime(value)
	return value.replace(tzinfo=ZoneInfo(get_system_timezone()), microsecond=0).isoformat()


def from_w3c(value: str) -> datetime:
	"""A W3C / ISO 8601 date-time as a naive datetime in the system time zone. Raises ValueError."""
	if not isinstance(value, str):
		raise ValueError(value)
	parsed = datetime.fromisoformat(value.strip())
	if parsed.tzinfo:
		parsed = parsed.astimezone(ZoneInfo(get_system_timezone())).replace(tzinfo=None)
	return parsed
