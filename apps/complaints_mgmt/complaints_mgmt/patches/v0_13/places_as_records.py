"""Places become records: the districts are made, and the districts complaints, social units
and routing rules wrote as text are mapped to them; what names no place is listed in the Unmatched
Places report."""

from complaints_mgmt.places import unmatched
from complaints_mgmt.places.install import ensure_places


def execute():
	ensure_places()
	unmatched.map_complaint_texts()
	unmatched.map_unit_texts()
	unmatched.map_rule_texts()
