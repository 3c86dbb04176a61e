from complaints_mgmt.setup.workflow import add_citizen_reply_transition


def execute():
	add_citizen_reply_transition()
