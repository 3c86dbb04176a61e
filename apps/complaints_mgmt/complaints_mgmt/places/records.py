"""What District and Village records share: their names, their Arabic in the reader's language, and
the index that matching reads.

A place is named by its English name; when that name is already taken (two governorates both have a
"Dar El Salam"), by the English name and its parent's, "Dar El Salam (Sohag)". The DocTypes are
`translated_doctype`: Frappe shows a link to one in the reader's language through a Translation record
from the English name to the Arabic one, which the record keeps in step with its Arabic name.
"""

import frappe
from frappe import _

from complaints_mgmt.places import matching
from complaints_mgmt.utils.record_names import set_arabic_name


class PlaceRecord:
	"""Mixin for District and Village: `parent_field` names the link to the place it belongs to."""

	parent_field: str

	def autoname(self):
		self.name = unique_name(self.doctype, self.name_en, self.get(self.parent_field))

	def validate_names(self):
		self.name_ar = " ".join((self.name_ar or "").split())
		self.name_en = " ".join((self.name_en or "").split())
		self.code = (self.code or "").strip() or None  # unique: several places may have none
		seen = set()
		for row in list(self.aliases or []):
			row.alias = " ".join((row.alias or "").split())
			key = matching.normalise(row.alias)
			if not key or key in seen:
				self.remove(row)
			seen.add(key)

	def on_update(self):
		set_arabic_name(self.name, self.arabic_label())
		matching.clear_index()

	def on_trash(self):
		set_arabic_name(self.name, None)
		matching.clear_index()

	def after_rename(self, old_name, new_name, merge=False):
		set_arabic_name(old_name, None)
		set_arabic_name(new_name, self.arabic_label())
		matching.clear_index()

	def arabic_label(self) -> str:
		"""The Arabic of the record's name: its Arabic name, with its parent's when the name carries it."""
		parent = self.get(self.parent_field)
		if parent and self.name.endswith(f"({parent})"):
			return f"{self.name_ar} ({parent_arabic(self.meta.get_field(self.parent_field).options, parent)})"
		return self.name_ar


def unique_name(doctype: str, english: str, parent: str | None) -> str:
	english = " ".join((english or "").split())
	if not english:
		frappe.throw(_("Enter the English name."), frappe.MandatoryError)
	if not frappe.db.exists(doctype, english) or not parent:
		return english
	return f"{english} ({parent})"


def parent_arabic(doctype: str, name: str) -> str:
	if doctype == "Governorate":
		from complaints_mgmt.places.governorates import arabic_name

		return arabic_name(name)
	return frappe.db.get_value(doctype, name, "name_ar") or name
