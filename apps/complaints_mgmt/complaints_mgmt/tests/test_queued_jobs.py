import frappe
from frappe.tests.utils import FrappeTestCase
from frappe.utils.background_jobs import get_job, get_queue

from complaints_mgmt.messaging import queued_jobs

JOB_ID = "complaints-mgmt-test-drain"
METHOD = "frappe.utils.now"


class TestDrainRequests(FrappeTestCase):
	def tearDown(self):
		job = get_job(JOB_ID)
		if job:
			job.delete()

	def test_one_job_is_queued_however_often_it_is_asked_for(self):
		for _i in range(3):
			queued_jobs.request_drain(METHOD, JOB_ID, "test")
		job = get_job(JOB_ID)
		self.assertEqual(job.get_status(), "queued")
		self.assertEqual(job.timeout, queued_jobs.DRAIN_TIMEOUT_SECONDS)  # a backlog outlasts 5 minutes
		queue = get_queue("short")
		self.assertEqual([j for j in queue.get_job_ids() if j == job.id], [job.id])

	def test_a_queued_job_lost_from_its_queue_does_not_keep_the_next_out(self):
		queued_jobs.request_drain(METHOD, JOB_ID, "test")
		lost = get_job(JOB_ID)
		get_queue("short").remove(lost)  # its hash says queued, no queue holds it
		self.assertIsNone(lost.get_position())
		queued_jobs.request_drain(METHOD, JOB_ID, "test")
		self.assertIsNotNone(get_job(JOB_ID).get_position())

	def test_a_running_job_asked_again_looks_again_before_it_stops(self):
		calls = []

		def batch():
			calls.append(1)
			if len(calls) == 1:  # a row committed while the job ran asks for it
				queued_jobs.request_drain(METHOD, JOB_ID, "test")
			return 0

		self.assertEqual(queued_jobs.drain(JOB_ID, batch), 0)
		self.assertEqual(len(calls), 2)
		self.assertEqual(queued_jobs.drain(JOB_ID, batch), 0)  # nobody asked: one look
		self.assertEqual(len(calls), 3)
