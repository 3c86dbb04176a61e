"""What managers measure about complaints and appeals, computed in the database.

Reports, number cards, dashboard charts and the public statistics page share these definitions, so a
figure means the same wherever it is shown:

- open: not in a final state (states.FINAL_STATES); a complaint with no state yet is open;
- overdue: open and past its deadline;
- within SLA: finished (final state, closed_on set) on or before the deadline it had. SLA compliance
  is that count over every finished complaint that had a deadline;
- days to close: received_on to closed_on, over complaints in the Closed state;
- processing time: received_on to closed_on once finished, to now while open.

Every figure is a sum in one grouped SELECT built with frappe.qb; averages and percentages are derived
from those sums, so a totals row is exact and no document is ever loaded. The viewer's scope
(permissions.Scope, the same conditions the list view uses) is one more condition on indexed columns:
a directorate head's figures come from their directorate only.
"""

import math
from collections.abc import Iterable
from typing import NamedTuple

import frappe
from frappe import _
from frappe.query_builder import Case, Criterion, CustomFunction, DocType, Order
from frappe.query_builder.functions import Coalesce, Count, Date, DateFormat, Round, Sum
from frappe.utils import add_days, cint, flt, get_datetime, getdate, now_datetime
from frappe.utils.caching import redis_cache
from pypika.terms import Field, PseudoColumn

from complaints_mgmt.lifecycle.states import CLOSED, FINAL_STATES, REJECTED
from complaints_mgmt.permissions import appeal_query_conditions, scope_of

Complaint = DocType("Complaint")
Appeal = DocType("Appeal")
Category = DocType("Complaint Category")

DAY = 86400  # seconds

# Processing-time bands in whole days, [from, to); the last band is open-ended.
PROCESSING_TIME_BANDS = ((0, 3), (3, 7), (7, 14), (14, 30), (30, None))

# A rating counts as satisfied from this share of the stars up (4 of 5).
SATISFIED_SHARE = 0.8

_TimestampDiff = CustomFunction("TIMESTAMPDIFF", ["unit", "start", "end"])
_DateDiff = CustomFunction("DATEDIFF", ["end", "start"])


class SqlCondition(Criterion):
	"""A condition given as SQL text: the record-level conditions permissions.py builds for list views."""

	def __init__(self, sql: str):
		super().__init__()
		self.sql = sql

	def get_sql(self, **kwargs) -> str:
		return f"({self.sql})"


class Dimension(NamedTuple):
	label: str  # untranslated: translated where it is shown
	fieldtype: str
	options: str | None = None
	translate_values: bool = False


COMPLAINT_DIMENSIONS = {
	"governorate": Dimension("Governorate", "Link", "Governorate"),
	"directorate": Dimension("Directorate", "Link", "Directorate"),
	"social_unit": Dimension("Social Unit", "Link", "Social Unit"),
	"category": Dimension("Category", "Link", "Complaint Category"),
	"channel": Dimension("Channel", "Data", translate_values=True),
	"status": Dimension("Status", "Link", "Workflow State"),
	"complaint_type": Dimension("Type", "Data", translate_values=True),
	"priority": Dimension("Priority", "Data", translate_values=True),
	"liaison_officer": Dimension("Liaison Officer", "Link", "Liaison Officer"),
	"month": Dimension("Month", "Data"),
	"processing_time": Dimension("Processing Time", "Data"),
}

APPEAL_DIMENSIONS = {
	"directorate": Dimension("Directorate", "Link", "Directorate"),
	"governorate": Dimension("Governorate", "Link", "Governorate"),
	"category": Dimension("Category", "Link", "Complaint Category"),
	"decision": Dimension("Decision", "Data", translate_values=True),
	"status": Dimension("Status", "Link", "Workflow State"),
	"month": Dimension("Month", "Data"),
}

# Filters that compare one Complaint field with the value given; each leads an index
# (Complaint.on_doctype_update).
_EQUALITY_FILTERS = (
	"governorate",
	"directorate",
	"social_unit",
	"channel",
	"complaint_type",
	"status",
	"liaison_officer",
)

# Every column a figure reads (measures(), processing time, the date filters).
FIGURE_COLUMNS = ("received_on", "status", "deadline", "closed_on", "accepted_on", "satisfaction_rating")

# Covering indexes: grouped by any column in them (or by none, by month or by processing time),
# MariaDB reads a year's figures from one index in group order, never from the rows. At 1,000,000
# complaints a year of Liaison Officer Performance nationally took 2.4 s from the rows and takes 0.6 s
# from its index (docs/PERFORMANCE.md). Each leads with its dimension, so it also serves that filter.
FIGURES_INDEXES = {
	"figures_index": (*FIGURE_COLUMNS, "complaint_type", "priority"),
	**{
		f"{dimension}_figures_index": (dimension, *FIGURE_COLUMNS)
		for dimension in (
			"governorate",
			"directorate",
			"social_unit",
			"category",
			"channel",
			"liaison_officer",
		)
	},
	"status_figures_index": ("status", *(column for column in FIGURE_COLUMNS if column != "status")),
}
COVERED_DIMENSIONS = {column for columns in FIGURES_INDEXES.values() for column in columns}


class UnknownGrouping(frappe.ValidationError):
	pass


def seconds_between(start, end):
	return _TimestampDiff(PseudoColumn("SECOND"), start, end)


def _count_if(condition):
	return Sum(Case().when(condition, 1).else_(0))


def _sum_if(condition, value):
	return Sum(Case().when(condition, value).else_(0))


def rating_stars() -> int:
	"""How many stars the satisfaction rating has (Frappe stores a rating as a share of them, 0..1)."""
	return cint(frappe.get_meta("Complaint").get_field("satisfaction_rating").options) or 5


def not_set() -> str:
	return _("Not Set")


def processing_time_label(band: str) -> str:
	start, end = _band_bounds(band)
	if end is None:
		return _("Over {0} days").format(start)
	if start == 0:
		return _("Under {0} days").format(end)
	return _("{0} to {1} days").format(start, end)


def processing_time_bands() -> list[str]:
	return [_band_key(start, end) for start, end in PROCESSING_TIME_BANDS]


def _band_key(start: int, end: int | None) -> str:
	return f"{start}-{end}" if end is not None else f"{start}+"


def _band_bounds(band: str) -> tuple[int, int | None]:
	for start, end in PROCESSING_TIME_BANDS:
		if _band_key(start, end) == band:
			return start, end
	frappe.throw(_("Unknown processing time band {0}").format(band))


def _column_to_group_by(group_by: str, table, dimensions: dict, refusal: str):
	"""The table's column a report groups by; a grouping the report does not offer is refused with
	`refusal` (translated, "{0}" the grouping asked for), never passed into the query."""
	if group_by in dimensions:
		return table[group_by]
	raise UnknownGrouping(refusal.format(group_by))


def _percent(part, whole) -> float | None:
	return flt(100.0 * part / whole, 1) if whole else None


def _days(seconds, count) -> float | None:
	return flt(seconds / count / DAY, 1) if count else None


class ComplaintQuery:
	"""The complaints one viewer may see, narrowed by a report's filters.

	filters: from_date/to_date (received on), closed_from_date (finished since), open_only, governorate,
	directorate, social_unit, category (with its sub-categories), channel, status, liaison_officer,
	min_days/max_days (processing time in whole days, both ends included).
	national=True skips the viewer's scope: only for figures published to everyone (statistics page).
	"""

	def __init__(
		self, filters: dict | None = None, user: str | None = None, *, national: bool = False, now=None
	):
		self.filters = frappe._dict(filters or {})
		self.now = get_datetime(now) if now else now_datetime()
		self.scope_condition = (
			"" if national else scope_of(user or frappe.session.user).complaint_conditions()
		)
		self.stars = rating_stars()

	# What is measured

	def is_finished(self):
		return Complaint.status.isin(FINAL_STATES)

	def is_open(self):
		return Complaint.status.isnull() | Complaint.status.notin(FINAL_STATES)

	def processing_seconds(self):
		end = Case().when(self.is_finished(), Coalesce(Complaint.closed_on, self.now)).else_(self.now)
		return seconds_between(Complaint.received_on, end)

	def measures(self) -> dict:
		finished = self.is_finished()
		timed_close = (Complaint.status == CLOSED) & Complaint.closed_on.notnull()
		sla_measured = finished & Complaint.closed_on.notnull() & Complaint.deadline.notnull()
		accepted = Complaint.accepted_on.notnull()
		rated = Complaint.satisfaction_rating > 0
		stars = Round(Complaint.satisfaction_rating * self.stars)
		measures = {
			"total": Count("*"),
			"finished": _count_if(finished),
			"closed": _count_if(Complaint.status == CLOSED),
			"rejected": _count_if(Complaint.status == REJECTED),
			"overdue": Sum(Case().when(finished, 0).when(Complaint.deadline < self.now, 1).else_(0)),
			"sla_measured": _count_if(sla_measured),
			"sla_met": _count_if(sla_measured & (Complaint.closed_on <= Complaint.deadline)),
			"close_count": _count_if(timed_close),
			"close_seconds": _sum_if(
				timed_close, seconds_between(Complaint.received_on, Complaint.closed_on)
			),
			"accept_count": _count_if(accepted),
			"accept_seconds": _sum_if(
				accepted, seconds_between(Complaint.received_on, Complaint.accepted_on)
			),
			"rated": _count_if(rated),
			"rating_total": _sum_if(rated, Complaint.satisfaction_rating * self.stars),
			"satisfied": _count_if(rated & (stars >= math.ceil(SATISFIED_SHARE * self.stars))),
		}
		for star in range(1, self.stars + 1):
			measures[f"stars_{star}"] = _count_if(rated & (stars == star))
		return measures

	def dimension(self, group_by: str):
		if group_by == "month":
			return DateFormat(Complaint.received_on, "%Y-%m")
		if group_by == "processing_time":
			seconds = self.processing_seconds()
			band = Case()
			for start, end in PROCESSING_TIME_BANDS:
				if end is not None:
					band = band.when(seconds < end * DAY, _band_key(start, end))
			return band.else_(_band_key(*PROCESSING_TIME_BANDS[-1]))
		return _column_to_group_by(
			group_by, Complaint, COMPLAINT_DIMENSIONS, _("Complaints cannot be grouped by {0}")
		)

	# Which complaints

	def conditions(self) -> list:
		f = self.filters
		conditions = within_dates(Complaint.received_on, f)
		if f.closed_from_date:
			closed_since = get_datetime(getdate(f.closed_from_date))
			conditions.append(self.is_finished() & (Complaint.closed_on >= closed_since))
		if f.open_only:
			conditions.append(self.is_open())
		for field in _EQUALITY_FILTERS:
			if f.get(field):
				conditions.append(Complaint[field] == f.get(field))
		if f.category:
			conditions.append(Complaint.category.isin(category_subtree(f.category)))
		if f.min_days not in (None, ""):
			conditions.append(self.processing_seconds() >= cint(f.min_days) * DAY)
		if f.max_days not in (None, ""):
			conditions.append(self.processing_seconds() < (cint(f.max_days) + 1) * DAY)
		if self.scope_condition:
			conditions.append(SqlCondition(self.scope_condition))
		return conditions

	# Queries

	def grouped(self, group_by: str | None, measures: Iterable[str]) -> list[frappe._dict]:
		"""One row per group (or one row if group_by is None) with the measures named and the figures
		derived from them (open, sla_compliance, avg_days_to_close...)."""
		raw = self.grouped_query(group_by, measures).run(as_dict=True)
		if group_by:
			raw = merge_blank_groups(raw, measures)
		rows = [derive(row, self.stars) for row in raw]
		if not group_by:
			return rows or [derive(frappe._dict({name: 0 for name in measures}), self.stars)]
		return sort_groups(rows, group_by)

	def grouped_query(self, group_by: str | None, measures: Iterable[str]):
		terms = self.measures()
		query = frappe.qb.from_(Complaint).where(Criterion.all(self.conditions()))
		if group_by:
			dimension = self.dimension(group_by)
			if (
				isinstance(dimension, Field)
				and group_by not in COVERED_DIMENSIONS
				and set(measures) - {"total"}
			):
				# No figures index holds this column: on the bare column MariaDB would walk that column's
				# index in group order and read every complaint through it, one random read each (3.4 s
				# for a year nationally at 1,000,000 complaints, 0.9 s as a scan of the rows).
				dimension = Coalesce(dimension)
			query = query.select(dimension.as_("group_value")).groupby(dimension)
		return query.select(*(terms[name].as_(name) for name in measures))

	def totals(self, measures: Iterable[str]) -> frappe._dict:
		return self.grouped(None, measures)[0]

	def overdue(self, fields: Iterable[str], limit: int | None = None) -> list[frappe._dict]:
		"""Open complaints past their deadline, the longest overdue first (the first `limit` of them)."""
		query = (
			frappe.qb.from_(Complaint)
			.select(*(Complaint[field] for field in fields))
			.select(seconds_between(Complaint.deadline, self.now).as_("overdue_seconds"))
			.where(Criterion.all([*self.conditions(), Complaint.deadline < self.now, self.is_open()]))
			.orderby(Complaint.deadline, order=Order.asc)
		)
		if limit:
			query = query.limit(limit)
		rows = query.run(as_dict=True)
		for row in rows:
			row.days_overdue = flt(row.pop("overdue_seconds") / DAY, 1)
		return rows

	def daily(self, days: int) -> dict:
		"""Complaints received and finished on each of the last `days` days, oldest first."""
		first_day = add_days(getdate(self.now), 1 - days)
		since = get_datetime(first_day)
		conditions = self.conditions()
		received = dict(
			frappe.qb.from_(Complaint)
			.select(Date(Complaint.received_on), Count("*"))
			.where(Criterion.all([*conditions, Complaint.received_on >= since]))
			.groupby(Date(Complaint.received_on))
			.run()
		)
		finished = dict(
			frappe.qb.from_(Complaint)
			.select(Date(Complaint.closed_on), Count("*"))
			.where(Criterion.all([*conditions, self.is_finished(), Complaint.closed_on >= since]))
			.groupby(Date(Complaint.closed_on))
			.run()
		)
		dates = [add_days(first_day, offset) for offset in range(days)]
		return {
			"dates": dates,
			"received": [cint(received.get(day)) for day in dates],
			"finished": [cint(finished.get(day)) for day in dates],
		}

	def processing_time_distribution(self) -> dict:
		"""How many finished complaints took, and open complaints have waited, each band of days."""
		rows = {row.group_value: row for row in self.grouped("processing_time", ("total", "finished"))}
		bands = processing_time_bands()
		return {
			"bands": bands,
			"finished": [cint(rows[band].finished) if band in rows else 0 for band in bands],
			"open": [cint(rows[band].open) if band in rows else 0 for band in bands],
		}


def derive(row: frappe._dict, stars: int = 5) -> frappe._dict:
	"""Add the figures that follow from a row's sums; every sum becomes an int."""
	for key, value in list(row.items()):
		if key != "group_value":
			row[key] = (
				cint(value) if key not in ("close_seconds", "accept_seconds", "rating_total") else flt(value)
			)
	if "finished" in row:
		row.open = row.total - row.finished
	if "sla_measured" in row:
		row.sla_breached = row.sla_measured - row.sla_met
		row.sla_compliance = _percent(row.sla_met, row.sla_measured)
	if "close_count" in row:
		row.avg_days_to_close = _days(row.close_seconds, row.close_count)
	if "accept_count" in row:
		row.avg_days_to_accept = _days(row.accept_seconds, row.accept_count)
	if "rated" in row:
		row.avg_rating = flt(row.rating_total / row.rated, 2) if row.rated else None
		row.satisfied_share = _percent(row.get("satisfied", 0), row.rated)
		if "closed" in row:
			row.rated_share = _percent(row.rated, row.closed)
	if "decided" in row:
		row.pending = row.total - row.decided
		row.upheld_share = _percent(row.upheld + row.partly_upheld, row.decided)
		row.avg_days_to_decide = flt(row.decide_days / row.decide_count, 1) if row.decide_count else None
	return row


def merge_blank_groups(rows: list, measures: Iterable[str]) -> list:
	"""NULL and an empty value are one group to a reader ("not set"), not two rows of the same name."""
	blank = [row for row in rows if row.group_value in (None, "")]
	if len(blank) < 2:
		return rows
	merged = frappe._dict(group_value=None)
	merged.update({name: sum(row[name] or 0 for row in blank) for name in measures})
	return [row for row in rows if row.group_value not in (None, "")] + [merged]


def sort_groups(rows: list, group_by: str) -> list:
	"""Months and processing bands in their order, everything else the biggest first."""
	if group_by == "month":
		return sorted(rows, key=lambda row: row.group_value or "")
	if group_by == "processing_time":
		order = processing_time_bands()
		return sorted(rows, key=lambda row: order.index(row.group_value))
	return sorted(rows, key=lambda row: (-row.total, row.group_value or ""))


def within_dates(column, filters) -> list:
	"""Conditions on a datetime column: on or after the day `from_date`, up to the end of the day
	`to_date` (each where the filters give it)."""
	conditions = []
	if filters.from_date:
		conditions.append(column >= get_datetime(getdate(filters.from_date)))
	if filters.to_date:
		conditions.append(column < get_datetime(add_days(getdate(filters.to_date), 1)))
	return conditions


def add_totals(rows: list, measures: Iterable[str], stars: int = 5) -> frappe._dict:
	"""The totals of grouped rows, derived again from the summed sums."""
	total = frappe._dict({name: sum(row[name] for row in rows) for name in measures})
	return derive(total, stars)


def group_label(group_by: str, value, dimensions: dict = COMPLAINT_DIMENSIONS) -> str:
	"""What a group is called to a reader: translated where the values are fixed words."""
	if value in (None, ""):
		return not_set()
	if group_by == "processing_time":
		return processing_time_label(value)
	if dimensions[group_by].translate_values:
		return _(value)
	return value


def category_subtree(category: str):
	"""The category and its sub-categories, as a sub-query on the category tree."""
	bounds = frappe.db.get_value("Complaint Category", category, ["lft", "rgt"])
	if not bounds:
		return [category]
	lft, rgt = bounds
	return (
		frappe.qb.from_(Category).select(Category.name).where((Category.lft >= lft) & (Category.rgt <= rgt))
	)


class AppealQuery:
	"""The appeals one viewer may see, narrowed by filters: from_date/to_date (submitted on), directorate,
	governorate and category (of the complaint appealed), decision, status."""

	def __init__(self, filters: dict | None = None, user: str | None = None):
		self.filters = frappe._dict(filters or {})
		self.scope_condition = appeal_query_conditions(user or frappe.session.user)

	def measures(self) -> dict:
		decided = Appeal.decision.notnull() & (Appeal.decision != "")
		timed = Appeal.decision_date.notnull() & Appeal.submitted_on.notnull()
		return {
			"total": Count("*"),
			"decided": _count_if(decided),
			"upheld": _count_if(Appeal.decision == "Upheld"),
			"partly_upheld": _count_if(Appeal.decision == "Partly Upheld"),
			"rejected": _count_if(Appeal.decision == "Rejected"),
			"decide_count": _count_if(timed),
			"decide_days": _sum_if(timed, _DateDiff(Appeal.decision_date, Appeal.submitted_on)),
		}

	def dimension(self, group_by: str):
		if group_by == "month":
			return DateFormat(Appeal.submitted_on, "%Y-%m")
		if group_by in ("governorate", "category"):
			return Complaint[group_by]
		return _column_to_group_by(group_by, Appeal, APPEAL_DIMENSIONS, _("Appeals cannot be grouped by {0}"))

	def conditions(self) -> list:
		f = self.filters
		conditions = within_dates(Appeal.submitted_on, f)
		for field in ("directorate", "decision", "status"):
			if f.get(field):
				conditions.append(Appeal[field] == f.get(field))
		if f.governorate:
			conditions.append(Complaint.governorate == f.governorate)
		if f.category:
			conditions.append(Complaint.category.isin(category_subtree(f.category)))
		if self.scope_condition:
			conditions.append(SqlCondition(self.scope_condition))
		return conditions

	def grouped(self, group_by: str) -> list[frappe._dict]:
		terms = self.measures()
		dimension = self.dimension(group_by)
		query = (
			frappe.qb.from_(Appeal)
			.left_join(Complaint)
			.on(Complaint.name == Appeal.complaint)
			.select(dimension.as_("group_value"), *(term.as_(name) for name, term in terms.items()))
			.where(Criterion.all(self.conditions()))
			.groupby(dimension)
		)
		rows = [derive(row) for row in query.run(as_dict=True)]
		return sort_groups(rows, group_by)


# The public statistics page: national aggregates over the last twelve months, no personal data.

PUBLIC_PERIOD_DAYS = 365
PUBLIC_TOP_CATEGORIES = 10


@redis_cache(ttl=300)
def public_statistics() -> dict:
	"""Counts and durations anyone may read. Cached for five minutes: only aggregates are cached, and
	labels are translated when the page is rendered."""
	now = now_datetime()
	since = add_days(getdate(now), -PUBLIC_PERIOD_DAYS)
	query = ComplaintQuery({"from_date": since}, national=True, now=now)
	summary = ("total", "finished", "overdue", "sla_measured", "sla_met", "close_count", "close_seconds")
	totals = query.totals(summary)

	def counts(group_by, limit=None):
		rows = query.grouped(group_by, ("total",))
		counted = [(row.group_value, row.total) for row in rows]
		if limit and len(counted) > limit:
			counted = [*counted[:limit], ("__other__", sum(total for _value, total in counted[limit:]))]
		return counted

	return {
		"since": str(since),
		"computed_on": str(now),
		"received": totals.total,
		"open": totals.open,
		"finished": totals.finished,
		"overdue": totals.overdue,
		"sla_compliance": totals.sla_compliance,
		"avg_days_to_close": totals.avg_days_to_close,
		"by_status": counts("status"),
		"by_governorate": counts("governorate"),
		"by_category": counts("category", PUBLIC_TOP_CATEGORIES),
		"by_channel": counts("channel"),
	}
