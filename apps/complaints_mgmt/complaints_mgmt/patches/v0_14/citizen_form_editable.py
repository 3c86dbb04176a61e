"""The citizen's form becomes an editable default: administrators add, order and remove its fields."""

from complaints_mgmt.setup.citizen_form import ensure_citizen_form, make_citizen_form_editable


def execute():
	make_citizen_form_editable()
	ensure_citizen_form()
