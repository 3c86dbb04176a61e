# Copyright (c) 2026, complaints_mgmt developers and contributors
# For license information, please see license.txt

import frappe
from frappe.model.document import Document

from complaints_mgmt.messaging import registration_notices
from complaints_mgmt.overrides import notifications
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
from complaints_mgmt.staff_tools import incidents


class Complaint(Document):
	# begin: auto-generated types
	# This code is auto-generated. Do not modify anything in this block.

	from typing import TYPE_CHECKING

	if TYPE_CHECKING:
		from frappe.types import DF

		accept_by: DF.Datetime | None
		accepted_on: DF.Datetime | None
		address: DF.SmallText | None
		anonymised: DF.Check
		anonymised_on: DF.Datetime | None
		category: DF.Link
		channel: DF.Literal[
			"Web Portal", "Hotline", "Counter", "Paper Mail", "Email", "Central Government System"
		]
		citizen_user: DF.Link | None
		client_request_key: DF.Data | None
		closed_on: DF.Datetime | None
		complainant_name: DF.Data | None
		complaint_type: DF.Literal["Complaint", "Request", "Inquiry", "Suggestion", "Distress Appeal"]
		deadline: DF.Datetime | None
		description: DF.Text
		directorate: DF.Link | None
		district: DF.Link | None
		district_text: DF.Data | None
		duplicate_of: DF.Link | None
		email: DF.Data | None
		escalation_level: DF.Int
		external_reference: DF.Data | None
		governorate: DF.Link
		hq_sector: DF.Link | None
		incident: DF.Link | None
		information_request: DF.SmallText | None
		is_anonymous: DF.Check
		is_confidential: DF.Check
		language: DF.Link | None
		liaison_officer: DF.Link | None
		merged_into: DF.Link | None
		mobile: DF.Data | None
		national_id: DF.Data | None
		national_id_encrypted: DF.SmallText | None
		national_id_hash: DF.Data | None
		next_escalation_on: DF.Datetime | None
		priority: DF.Literal["Low", "Medium", "High", "Urgent"]
		received_on: DF.Datetime
		registration_notified_on: DF.Datetime | None
		rejection_reason: DF.SmallText | None
		reopen_count: DF.Int
		resolve_by: DF.Datetime | None
		responded_on: DF.Datetime | None
		response: DF.Text | None
		review_note: DF.SmallText | None
		review_outcome: DF.Literal["", "Approved", "Returned"]
		routing_level: DF.Literal["", "Social Unit", "Directorate", "Headquarters", "Central Triage"]
		routing_note: DF.SmallText | None
		satisfaction_comment: DF.SmallText | None
		satisfaction_rating: DF.Rating
		sla_paused_hours: DF.Float
		sla_paused_on: DF.Datetime | None
		sla_policy: DF.Link | None
		sla_status: DF.Literal["", "On Track", "Breached", "Met"]
		social_unit: DF.Link | None
		status: DF.Link | None
		subject: DF.Data
		transfer_reason: DF.SmallText | None
		unit: DF.DynamicLink | None
		unit_doctype: DF.Link | None
		village: DF.Link | None
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
		incidents.join_known_incident(self)  # an open incident of its category and place
		apply_transition_rules(self)
		choose_liaison_officer(self)
		apply_sla(self)

	def db_insert(self, *args, **kwargs):
		enter_routed_state(self)
		return super().db_insert(*args, **kwargs)

	def after_insert(self):
		note_routing(self)
		incidents.note_known_incident(self)

	def run_notifications(self, method):
		# the "New" notices are sent by a job once the complaint is committed (messaging/registration_notices.py)
		if method == "after_insert" and not self.flags.send_registration_notices:
			return registration_notices.defer(self)
		return notifications.run_notifications(self, method)  # records read from the cache

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
