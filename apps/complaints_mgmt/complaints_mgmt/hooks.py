app_name = "complaints_mgmt"
app_title = "Complaints Management"
app_publisher = "complaints_mgmt developers"
app_description = "National government complaints system"
app_email = "complaints@example.gov"
app_license = "mit"
required_apps = []

export_python_type_annotations = True

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
				],
			]
		],
	}
]

# Record-level access (permissions.py)
permission_query_conditions = {
	"Complaint": "complaints_mgmt.permissions.complaint_query_conditions",
	"Appeal": "complaints_mgmt.permissions.appeal_query_conditions",
}
has_permission = {
	"Complaint": "complaints_mgmt.permissions.complaint_has_permission",
	"Appeal": "complaints_mgmt.permissions.appeal_has_permission",
}

# Install and upkeep (tracking numbers need this year's and next year's sequences)
after_install = ["complaints_mgmt.tracking.ensure_tracking_sequences"]
after_migrate = ["complaints_mgmt.tracking.ensure_tracking_sequences"]
scheduler_events = {
	"daily": ["complaints_mgmt.tracking.ensure_tracking_sequences"],
}
