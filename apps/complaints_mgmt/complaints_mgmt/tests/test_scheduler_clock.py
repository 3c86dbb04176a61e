import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils import add_to_date, now_datetime

from complaints_mgmt.setup.scheduler_clock import realign_scheduled_jobs


class TestSchedulerClock(FrappeTestCase):
	"""A site installed under Asia/Kolkata and then set to Africa/Cairo: its jobs were created hours
	'in the future' and Frappe's scheduler found none of them due until that hour came."""

	def setUp(self):
		self.job = self.app_job()
		self.before = frappe.db.get_value(
			"Scheduled Job Type", self.job, ["creation", "last_execution"], as_dict=True
		)

	def tearDown(self):
		frappe.db.set_value("Scheduled Job Type", self.job, self.before, update_modified=False)

	def app_job(self) -> str:
		names = frappe.get_all(
			"Scheduled Job Type",
			filters={"method": ["like", "complaints_mgmt.%"], "frequency": ["in", ["All", "Cron"]]},
			pluck="name",
		)
		self.assertTrue(names, "the app schedules no frequent job")
		return names[0]

	def put_in_the_future(self, hours: float) -> None:
		ahead = add_to_date(now_datetime(), hours=hours)
		frappe.db.set_value(
			"Scheduled Job Type", self.job, {"creation": ahead, "last_execution": None}, update_modified=False
		)

	def due_within_an_hour(self) -> bool:
		job = frappe.get_doc("Scheduled Job Type", self.job)
		return job.is_event_due(add_to_date(now_datetime(), hours=1))

	def test_a_job_created_ahead_of_the_clock_is_due_again_once_realigned(self):
		self.put_in_the_future(hours=3.5)
		self.assertFalse(self.due_within_an_hour(), "the hole this closes: nothing is due for hours")

		self.assertGreaterEqual(realign_scheduled_jobs(), 1)

		self.assertTrue(self.due_within_an_hour())
		last = frappe.db.get_value("Scheduled Job Type", self.job, "last_execution")
		self.assertLessEqual(last, now_datetime())

	def test_saving_system_settings_realigns_the_jobs(self):
		self.put_in_the_future(hours=3.5)
		settings = frappe.get_doc("System Settings")
		settings.flags.ignore_mandatory = True
		settings.save()
		self.assertTrue(self.due_within_an_hour())

	def test_jobs_on_time_are_left_alone(self):
		last_run = add_to_date(now_datetime(), minutes=-2)
		frappe.db.set_value("Scheduled Job Type", self.job, "last_execution", last_run, update_modified=False)
		realign_scheduled_jobs()
		self.assertEqual(frappe.db.get_value("Scheduled Job Type", self.job, "last_execution"), last_run)
