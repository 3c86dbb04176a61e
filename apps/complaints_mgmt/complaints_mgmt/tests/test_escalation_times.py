import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import get_datetime

from complaints_mgmt.lifecycle import states
from complaints_mgmt.service_levels import escalation
from complaints_mgmt.service_levels.working_time import WorkingCalendar

ARRIVED = get_datetime("2026-03-02 09:00:00")  # a Monday, a working day


def level(number: int, timing: str, hours: float):
	return frappe._dict(level=number, timing=timing, hours=hours, notify=escalation.LIAISON_OFFICER)


class TestEscalationTimes(FrappeTestCase):
	"""With 6 hours to accept and a first level 24 hours before the deadline, the level was scheduled 18
	hours before the complaint arrived."""

	def complaint(self, accept_hours: float):
		return frappe._dict(
			status=states.ROUTED,
			received_on=ARRIVED,
			accept_by=get_datetime("2026-03-02 09:00:00").replace(hour=9 + int(accept_hours)),
			escalation_level=0,
		)

	def test_a_level_reaching_back_past_the_arrival_falls_when_the_complaint_arrives(self):
		due = escalation.next_escalation_time(
			self.complaint(accept_hours=6),
			calendar=WorkingCalendar(),
			levels=[level(1, escalation.BEFORE, 24), level(2, "After the Deadline", 0)],
		)
		self.assertEqual(due, ARRIVED)

	def test_a_level_within_the_time_to_accept_keeps_its_hour(self):
		due = escalation.next_escalation_time(
			self.complaint(accept_hours=6),
			calendar=WorkingCalendar(),
			levels=[level(1, escalation.BEFORE, 2)],
		)
		self.assertEqual(due, get_datetime("2026-03-02 13:00:00"))
