app_name = "complaints_mgmt"
app_title = "Complaints Management"
app_publisher = "complaints_mgmt developers"
app_description = "National government complaints system"
app_email = "complaints@example.gov"
app_license = "mit"
required_apps = []

export_python_type_annotations = True

# The desk: workflow states shown in the user's language, also in the timeline (public/js/desk.js);
# relative times with the word each number takes ("قبل 3 أسابيع", public/js/relative_times.js)
app_include_js = ["/assets/complaints_mgmt/js/desk.js", "/assets/complaints_mgmt/js/relative_times.js"]
# Lists of master data show each record's name in the reader's language (public/js/record_names_list.js)
doctype_list_js = {
	doctype: "public/js/record_names_list.js"
	for doctype in (
		"Region",
		"Governorate",
		"Directorate",
		"Complaints Sector",
		"Complaint Category",
		"Social Unit",
	)
}
# bulk work on the selected complaints (public/js/bulk_actions_list.js, staff_tools/bulk_actions.py)
doctype_list_js["Complaint"] = "public/js/bulk_actions_list.js"
# Place fields: a governorate's districts, a district's villages (public/js/place_fields.js)
doctype_js = {
	# and saved replies beside the complaint's free-text fields (public/js/saved_replies.js)
	"Complaint": ["public/js/place_fields.js", "public/js/saved_replies.js"],
	"Routing Rule": "public/js/place_fields.js",
	"Social Unit": "public/js/place_fields.js",
}

# Roles are fixed by the app: administrators assign them, they do not redefine them.
fixtures = [
	{
		"dt": "Role",
		"filters": [
			[
				"name",
				"in",
				[
					"Complaints Administrator",
					"Complaints Manager",
					"Directorate Head",
					"Liaison Officer",
					"Quality Reviewer",
					"Call Center Agent",
					"Appeals Board Member",
					"Citizen",
					"Central System Integration",
				],
			]
		],
	}
]

# Whether the desk shows Hijri dates beside the Gregorian ones (utils/hijri_dates.py)
extend_bootinfo = "complaints_mgmt.utils.hijri_dates.extend_bootinfo"

# The default notifications' subjects pick the reader's language (overrides/notifications.py)
jinja = {
	# notification templates in one language (overrides/notifications.py)
	"methods": [
		"complaints_mgmt.overrides.notifications.for_staff",
		"complaints_mgmt.overrides.notifications.for_complainant",
		"complaints_mgmt.utils.record_names.record_title",
		# the Hijri date beside the Gregorian one on the receipt (utils/hijri_dates.py)
		"complaints_mgmt.utils.hijri_dates.citizen_hijri",
		# the complaint's print format (Complaint Details): its direction and each field's value
		"complaints_mgmt.utils.print_bidi.page_direction",
		"complaints_mgmt.utils.print_bidi.printed_value",
	],
	# the receipt's Arabic and Latin runs laid out for wkhtmltopdf (utils/print_bidi.py)
	"filters": ["complaints_mgmt.utils.print_bidi.print_runs"],
}

# Record-level access (permissions.py)
permission_query_conditions = {
	"Complaint": "complaints_mgmt.permissions.complaint_query_conditions",
	"Appeal": "complaints_mgmt.permissions.appeal_query_conditions",
	# files attached to complaints and appeals are listed only to those who see the record
	"File": "complaints_mgmt.permissions.file_query_conditions",
	"Complaint Escalation": "complaints_mgmt.permissions.escalation_query_conditions",
	# a complaint's or an appeal's Workflow Actions only to those who see the record
	"Workflow Action": "complaints_mgmt.permissions.workflow_action_query_conditions",
	# users only to those who manage them; staff list the colleagues they work with
	"User": "complaints_mgmt.permissions.user_query_conditions",
}
has_permission = {
	"Complaint": "complaints_mgmt.permissions.complaint_has_permission",
	"Appeal": "complaints_mgmt.permissions.appeal_has_permission",
	# no File pointing at a private file the user cannot read; attaching needs write access
	"File": "complaints_mgmt.permissions.file_has_permission",
	"Complaint Escalation": "complaints_mgmt.permissions.escalation_has_permission",
	"Workflow Action": "complaints_mgmt.permissions.workflow_action_has_permission",
	"User": "complaints_mgmt.permissions.user_has_permission",
}

# Notification records send their SMS in background jobs through messaging/sms.py, never inside a save; the ToDo of
# a complaint being registered takes no locking read and no second load of the complaint (lifecycle/assignment.py)
override_doctype_class = {
	"Notification": "complaints_mgmt.overrides.notifications.QueuedSMSNotification",
	# no email copy of an in-app alert without an outgoing Email Account (overrides/notifications.py)
	"Notification Log": "complaints_mgmt.overrides.notifications.QuietNotificationLog",
	"ToDo": "complaints_mgmt.lifecycle.assignment.ComplaintToDo",
	# the citizen's form is the administrators' to edit and still runs its code (overrides/web_form.py)
	"Web Form": "complaints_mgmt.overrides.web_form.CitizenWebForm",
}

# Frappe 15.44's frappe.client.get_count counts records the user may not read (api/frappe_overrides.py),
# and its list sidebar's "Assigned To" counts records past the user's permissions too
override_whitelisted_methods = {
	"frappe.client.get_count": "complaints_mgmt.api.frappe_overrides.get_count",
	"frappe.desk.listview.get_group_by_count": "complaints_mgmt.api.frappe_overrides.get_group_by_count",
	# and its export of a list or report view repeats rows when values are translated
	"frappe.desk.reportview.export_query": "complaints_mgmt.api.frappe_overrides.export_query",
	# a workspace page carries its widgets' records: one request instead of one per card and chart
	"frappe.desk.desktop.get_desktop_page": "complaints_mgmt.api.workspace_page.get_desktop_page",
}

# District and Village link fields find places in either language, in any common spelling (places/search.py)
standard_queries = {
	"District": "complaints_mgmt.places.search.search_places",
	"Village": "complaints_mgmt.places.search.search_places",
}

# Install and upkeep (tracking numbers need this year's and next year's sequences)
after_install = [
	"complaints_mgmt.intake.tracking.ensure_tracking_sequences",
	"complaints_mgmt.setup.install.after_install",  # workflows, assignment rules (when missing)
	"complaints_mgmt.setup.site.set_user_creation_limit",  # staff accounts by the hundred, not 60 an hour
]
after_migrate = [
	"complaints_mgmt.intake.tracking.ensure_tracking_sequences",
	"complaints_mgmt.setup.install.after_migrate",  # workflows, assignment rules (when missing)
	"complaints_mgmt.setup.scheduler_clock.realign_scheduled_jobs",  # jobs a time zone put in the future
]
scheduler_events = {
	"daily": [
		"complaints_mgmt.intake.tracking.ensure_tracking_sequences",
		"complaints_mgmt.service_levels.public_holidays.seed_coming_years",  # next year's public holidays (when missing)
		"complaints_mgmt.security.retention.run",  # closed complaints past the retention period lose personal data
	],
	"cron": {
		# SLA: escalate late complaints (service_levels/escalation.py); resend SMS that failed (messaging/sms.py)
		"*/10 * * * *": ["complaints_mgmt.service_levels.escalation.run"],
		"*/2 * * * *": [
			"complaints_mgmt.messaging.sms.retry_due",
			"complaints_mgmt.messaging.registration_notices.send_missed",  # notices of new complaints whose job was lost
		],
		# Open APIs: resend status updates the central system has not acknowledged (integration/status_updates.py)
		"* * * * *": ["complaints_mgmt.integration.status_updates.retry_due"],
	},
}

# Open APIs: Open311 GeoReport v2 at /open311/v2/ and the OpenAPI document at /openapi.json
page_renderer = [
	"complaints_mgmt.api.open311.Open311Page",
	"complaints_mgmt.api.openapi.OpenAPIPage",
]

# Bodies sent to the generated Complaint resource larger than any complaint are refused (intake/submission.py)
before_request = [
	# a Host header that is not one of the site's names is a 400: no links to other hosts (security/host_names.py)
	"complaints_mgmt.security.host_names.check_host",
	# website pages (/login, /me, /statistics...) in the portal's language, Arabic first (portal/portal_page.py)
	"complaints_mgmt.portal.portal_page.use_language_on_pages",
	"complaints_mgmt.intake.submission.limit_resource_request_size",
	# a JSON array sent to the REST resources is a 400, not Frappe's 500 (intake/field_values.py)
	"complaints_mgmt.intake.field_values.refuse_list_body",
]

# Content-Security-Policy and other security headers on the portal's pages (security/portal_headers.py)
after_request = [
	"complaints_mgmt.security.portal_headers.add_security_headers",
	# a page load of a workspace: its page asked for at once, while the desk's scripts run (api/workspace_page.py)
	"complaints_mgmt.api.workspace_page.preload_workspace_page",
]

# Master data carries its Arabic name; the Translation Frappe shows Arabic readers follows it (utils/record_names.py)
_ARABIC_NAME_EVENTS = {
	"on_update": "complaints_mgmt.utils.record_names.sync_arabic_name",
	"on_trash": "complaints_mgmt.utils.record_names.drop_arabic_name",
	"after_rename": "complaints_mgmt.utils.record_names.move_arabic_name",
}

doc_events = {
	"Region": _ARABIC_NAME_EVENTS,
	"Governorate": _ARABIC_NAME_EVENTS,
	"Directorate": _ARABIC_NAME_EVENTS,
	"Complaints Sector": _ARABIC_NAME_EVENTS,
	"Complaint Category": _ARABIC_NAME_EVENTS,
	"Social Unit": _ARABIC_NAME_EVENTS,
	"Complaint": {
		# objects in text fields and unreadable dates: a clear error instead of the database's (intake/field_values.py)
		"before_validate": "complaints_mgmt.intake.field_values.check_field_values",
		# long texts fit their columns: a clear error instead of the database's (intake/submission.py)
		"validate": "complaints_mgmt.intake.submission.check_text_lengths",
		# missing mandatory fields named by label, for every channel (intake/required_fields.py)
		"before_save": "complaints_mgmt.intake.required_fields.require_filled_fields",
		# status changes are reported to the central government system (integration/status_updates.py)
		"before_insert": "complaints_mgmt.integration.status_updates.mark_registration",
		"on_change": "complaints_mgmt.integration.status_updates.on_status_change",
	},
	"Appeal": {
		"before_validate": "complaints_mgmt.intake.field_values.check_field_values",
	},
	# No copy of a complainant's national ID or mobile in versions or error logs (security/personal_data.py)
	"Version": {
		"before_insert": "complaints_mgmt.security.personal_data.scrub_version",
	},
	"Error Log": {
		"before_insert": "complaints_mgmt.security.personal_data.scrub_error_log",
	},
	# A ToDo made or removed by hand in the desk keeps the complaint's liaison officer (lifecycle/assignment.py)
	"ToDo": {
		"on_update": "complaints_mgmt.lifecycle.assignment.on_todo_update",
	},
	# A disabled account's liaison officer stops taking complaints (lifecycle/assignment.py)
	"User": {
		"on_update": "complaints_mgmt.lifecycle.assignment.deactivate_officer_of_disabled_user",
	},
	# No mandatory field on Complaint that the portal, the sync or Open311 cannot fill (intake/required_fields.py)
	# and complaints administrators customise the app's DocTypes only (complaints/customization.py)
	"Custom Field": {
		"before_insert": "complaints_mgmt.complaints.customization.latin_fieldname",
		"validate": [
			"complaints_mgmt.intake.required_fields.check_custom_field",
			"complaints_mgmt.complaints.customization.keep_custom_field_to_app",
		],
	},
	"Property Setter": {
		"validate": [
			"complaints_mgmt.intake.required_fields.check_property_setter",
			"complaints_mgmt.complaints.customization.keep_property_setter_to_app",
		],
	},
	# The citizen's form shows only fields a citizen may fill in, and keeps those a complaint needs
	"Web Form": {
		"validate": "complaints_mgmt.portal.citizen_form.check_citizen_form",
	},
	# A new time zone can leave the scheduled jobs' last run in the future: they are counted from now
	"System Settings": {
		"on_update": "complaints_mgmt.setup.scheduler_clock.realign_after_time_zone_change",
	},
	# Escalation switched on or off, or its levels changed: open complaints are rescheduled (service_levels/escalation.py)
	# ... and the desk's boot carries the Hijri date setting (utils/hijri_dates.py): dropped to be read again
	"Complaints Settings": {
		"on_update": [
			"complaints_mgmt.service_levels.escalation.reschedule_when_levels_change",
			"complaints_mgmt.utils.translations.refresh_boots",
		],
	},
	# The states the code relies on stay in the Complaint and Appeal workflows (lifecycle/workflow_states.py)
	"Workflow": {
		"validate": [
			"complaints_mgmt.lifecycle.workflow_states.keep_states_in_use",
			"complaints_mgmt.lifecycle.workflow_states.keep_workflow_active",
		],
		"on_trash": "complaints_mgmt.lifecycle.workflow_states.keep_workflow_active",
	},
	# A translation saved in the desk shows at the next page load, not the next login (utils/translations.py)
	"Translation": {
		"on_update": "complaints_mgmt.utils.translations.refresh_boots",
		"on_trash": "complaints_mgmt.utils.translations.refresh_boots",
	},
	"Workflow State": {
		"before_rename": "complaints_mgmt.lifecycle.workflow_states.keep_state_record",
		"on_trash": "complaints_mgmt.lifecycle.workflow_states.keep_state_record",
	},
	# Files citizens attach to complaints and appeals: type read from the content, size limits (portal/attachments.py)
	"File": {
		"before_insert": "complaints_mgmt.portal.attachments.validate_citizen_file",
	},
}


# Every website page: `lang` and `dir` on <html>, right-to-left rules Frappe's pages lack (portal/portal_page.py)
update_website_context = "complaints_mgmt.portal.portal_page.website_context"

# Citizen portal: one of a citizen's complaints at /my-complaints/<tracking number> (www/my-complaint.html)
website_route_rules = [{"from_route": "/my-complaints/<name>", "to_route": "my-complaint"}]

# Tests: a fresh site needs one System Manager besides Administrator (tests/utils.before_tests)
before_tests = ["complaints_mgmt.tests.utils.before_tests"]
