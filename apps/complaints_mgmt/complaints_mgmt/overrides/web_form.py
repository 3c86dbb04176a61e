"""Web Form with the citizen's form bound to its code although the record is not standard.

Frappe runs a web form's Python context and script only for a standard (exported) record, and a
standard record cannot be edited outside developer mode. The citizen's form is an editable default
(portal/citizen_form.py): its context and script stay in the app, under complaints/web_form/file_a_complaint/,
and are run for it as for a standard form.
"""

from contextlib import contextmanager

from frappe.website.doctype.web_form.web_form import WebForm

from complaints_mgmt.portal.citizen_form import CITIZEN_FORM


class CitizenWebForm(WebForm):
	def add_custom_context_and_script(self, context):
		with self._as_standard():
			super().add_custom_context_and_script(context)

	@contextmanager
	def _as_standard(self):
		"""Frappe finds the form's module by its module and name when the record is standard."""
		own = self.name == CITIZEN_FORM and not self.is_standard
		if own:
			self.is_standard = 1
		try:
			yield
		finally:
			if own:
				self.is_standard = 0
