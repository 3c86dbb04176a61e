"""The registration SMS says where the portal's receipt SMS is, and the other way round."""

from complaints_mgmt.setup.notifications import note_where_the_portals_receipt_is


def execute():
	note_where_the_portals_receipt_is()
