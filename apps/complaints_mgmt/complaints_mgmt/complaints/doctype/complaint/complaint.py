# Copyright (c) 2026, complaints_mgmt developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document

from complaints_mgmt.messaging import registration_notices
from complaints_mgmt.lifecycle.assignment import choose_liaison_officer, sync_assignment
from complaints_mgmt.portal.citizen_input import restrict_citizen_input
from complaints_mgmt.intake.complainant import validate_complainant
from complaints_mgmt.intake.submission import insert_once, take_retried_request
from complaints_mgmt.lifecycle.transitions import (
	apply_transition_rules,
	enter_routed_state,
	note_routing,
	record_transition,
	WRITTEN_ON_ENTRY,
	start_at_intake,
)
from complaints_mgmt.places.complaint_place import take_typed_place
from complaints_mgmt.lifecycle.routing import route_new_complaint
from complaints_mgmt.service_levels.sla import apply_sla, follow_system_move, show_status_now
from complaints_mgmt.intake.tracking import next_tracking_number


class Complaint(Document):
	# begin: auto-generated types
	# end: auto-generated types

	def insert(self, ignore_permissions=None, *args, **kwargs):
		# A client's retry with the same request key gets the complaint its first request made (intake/submission.py)
		if take_retried_request(self, ignore_permissions):
			return self
		return insert_once(self, lambda: super(Complaint, self).insert(ignore_permissions, *args, **kwargs))

	def _validate_links(self):
		# a place sent as text (REST, sync, Open311, the portal) becomes the District it names first
		take_typed_place(self)
		super()._validate_links()

	def autoname(self):
		self.name = next_tracking_number()

	def onload(self):
		show_status_now(self)  # the SLA status as of now, not as of the last save or escalation run
		self.set_onload("written_on_entry", WRITTEN_ON_ENTRY)  # asked with the action (complaint.js)

	def validate(self):
		restrict_citizen_input(self)
		start_at_intake(self)
		validate_complainant(self)
		route_new_complaint(self)
		apply_transition_rules(self)
		choose_liaison_officer(self)
		apply_sla(self)

	def db_insert(self, *args, **kwargs):
		enter_routed_state(self)
		return super().db_insert(*args, **kwargs)

	def after_insert(self):
		note_routing(self)

	def run_notifications(self, method):
		# the "New" notices are sent by a job once the complaint is committed (messaging/registration_notices.py)
		if method == "after_insert" and not self.flags.send_registration_notices:
			return registration_notices.defer(self)
		return super().run_notifications(method)

	def on_change(self):
		follow_system_move(self)  # SLA deadlines of states the lifecycle sets with db_set

	def on_update(self):
		sync_assignment(self)
		record_transition(self)


def on_doctype_update():
	"""Indexes for the lists, reports and scheduled queries that filter complaints."""
	frappe.db.add_index("Complaint", ["directorate", "creation"])
	frappe.db.add_index("Complaint", ["unit", "creation"])
	frappe.db.add_index("Complaint", ["liaison_officer", "status"])
	frappe.db.add_index("Complaint", ["liaison_officer", "unit"])  # permissions.Scope.officer_condition
	frappe.db.add_index("Complaint", ["citizen_user", "creation"])
	frappe.db.add_index("Complaint", ["national_id_hash", "category"])
	frappe.db.add_index("Complaint", ["status", "deadline"])
	frappe.db.add_index("Complaint", ["status", "closed_on"])
	frappe.db.add_index(
		"Complaint", ["anonymised", "status", "closed_on"]
	)  # the retention job (security/retention.py)
	frappe.db.add_index("Complaint", ["next_escalation_on"])  # the escalation job's batches
	frappe.db.add_index("Complaint", ["registration_notified_on", "creation"])  # registration_notices.missed
	add_figures_indexes()


def add_figures_indexes():
	"""The reports' and cards' indexes (analytics.FIGURES_INDEXES): each holds every column a figure
	reads, so a year's national figures are read from one index instead of from the rows."""
	from complaints_mgmt.analytics.queries import FIGURES_INDEXES

	for name, columns in FIGURES_INDEXES.items():
		frappe.db.add_index("Complaint", list(columns), index_name=name)
	# the narrower indexes these replace (their columns lead the figures indexes)
	for name in (
		"received_on_index",
		"governorate_received_on_index",
		"directorate_received_on_index",
		"social_unit_received_on_index",
		"category_received_on_index",
		"channel_received_on_index",
	):
		if frappe.db.has_index("tabComplaint", name):
			frappe.db.commit()
			frappe.db.sql_ddl(f"ALTER TABLE `tabComplaint` DROP INDEX `{name}`")
