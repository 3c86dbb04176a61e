app_name = "complaints_mgmt"
app_title = "Complaints Management"
app_publisher = "complaints_mgmt developers"
app_description = "National government complaints system"
app_email = "complaints@example.gov"
app_license = "mit"
required_apps = []

export_python_type_annotations = True
