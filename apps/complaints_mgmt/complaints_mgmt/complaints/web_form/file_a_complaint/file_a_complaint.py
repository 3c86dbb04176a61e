"""The web form citizens file complaints with: /file-a-complaint/new, for guests and website users.

Frappe renders the form from the Web Form record; this module gives it what the record cannot hold:
the portal's language and direction, the category tree and the places as choices in the citizen's
language, the attachment limits, and the texts the form's script shows. The script (file_a_complaint.js)
sends the form to api/portal.file_complaint, which files it through the Complaint's own validation.

The record is the administrators' (an editable default: portal/citizen_form.py, setup/citizen_form.py): they
add the fields they made with Customize Form, order, require and remove fields in the desk. This
context and the script are run for it by overrides/web_form.py. What else administrators tune (limits,
SMS texts, the default language) is in Citizen Portal Settings; categories and places are their own
records.
"""

import frappe
from frappe import _
from frappe.core.api.file import get_max_file_size

from complaints_mgmt.places.normalise import normalise
from complaints_mgmt.portal.attachments import max_attachments, max_size_mb
from complaints_mgmt.portal.citizen_filing import own_details
from complaints_mgmt.portal.citizen_input import choosable_categories, choosable_governorates
from complaints_mgmt.portal.portal_page import page_context

PATH_SEPARATOR = " › "


def get_context(context):
	page_context(context)
	context.title = _(context.title)  # the tab's title: Frappe writes the record's title untranslated
	context.portal_current = "file"
	context.is_guest = frappe.session.user == "Guest"
	context.introduction_text = _(
		"Fill in the form to send a complaint, a request or an inquiry. Fields marked with * are required. You will receive a tracking number to follow it."
	)
	choose = [{"value": "", "label": _("Choose…")}]
	choices = {
		"category": choose + category_choices(),
		"governorate": choose + governorate_choices(),
		"district": choose,
	}
	complaint = frappe.get_meta("Complaint")
	for field in context.web_form_doc.web_form_fields:
		if field.fieldname in choices:
			field.options = choices[field.fieldname]
		if field.fieldtype == "Data" and complaint.get_field(field.fieldname):
			# as long as the complaint's own field (Frappe's control cuts at 140 characters otherwise)
			field.length = complaint.get_field(field.fieldname).length or None
	context.district_choices = district_choices()
	context.attachment_limits = {
		"count": max_attachments(),
		"file_mb": max_size_mb("document"),
		"video_mb": max_size_mb("video"),
		"request_mb": int(get_max_file_size() / 1024 / 1024),
	}
	context.form_messages = {
		**context.portal_messages,
		"choose": _("Choose…"),
		"find_district": _("Type to find your district"),
		"no_district": _("No district matches; choose from the list or write it in the address."),
		"attachments_label": _("Attach files (optional)"),
		"attachments_hint": _(
			"Up to {0} files: photos (JPG, PNG) or PDF documents of at most {1} MB each, and MP4 videos of at most {2} MB."
		).format(
			context.attachment_limits["count"],
			context.attachment_limits["file_mb"],
			context.attachment_limits["video_mb"],
		),
		"too_many_files": _("At most {0} files can be attached.").format(context.attachment_limits["count"]),
		"wrong_type": _("{0}: only photos (JPG, PNG), PDF documents and MP4 videos can be attached."),
		"file_too_large": _("{0} is larger than {1} MB, the most allowed for this kind of file."),
		"remove": _("Remove {0}"),
		"size_kb": _("{0} KB"),
		"size_mb": _("{0} MB"),
		"success_title": _("Your complaint has been registered"),
		"tracking_number": _("Your tracking number"),
		"keep_it": _("Keep this number: with your national ID it lets you follow your complaint."),
		"sms_sent": _("We have also sent it to your mobile by SMS."),
		"receipt": _("Printable receipt (PDF)"),
		"track": _("Follow your complaint"),
		"mine": _("My complaints"),
		"another": _("File another complaint"),
	}
	context.user_details = own_details()
	context.style = (context.get("style") or "") + context.portal_css
	context.portal_nav = frappe.render_template("complaints_mgmt/templates/includes/portal_nav.html", context)
	return context


def category_choices() -> list[dict]:
	"""The categories a citizen may choose, in tree order, each labelled with its path in the tree."""
	parents = dict(
		frappe.get_all("Complaint Category", fields=["name", "parent_complaint_category"], as_list=True)
	)
	choices = []
	for category in choosable_categories():
		path, node = [], category.name
		while node and len(path) < 10:
			path.append(_(node))
			node = parents.get(node)
		label = PATH_SEPARATOR.join(reversed(path))
		choices.append({"value": category.name, "label": frappe.utils.escape_html(label)})
	return choices


def governorate_choices() -> list[dict]:
	names = choosable_governorates()
	return [{"value": name, "label": frappe.utils.escape_html(_(name))} for name in names]


def district_choices() -> dict[str, list[dict]]:
	"""Every district, by governorate, named and sorted in the page's language; `key` holds its names
	and aliases in both languages, normalised, for the form's search box (places/normalise.py)."""
	arabic = (frappe.local.lang or "").startswith("ar")
	aliases: dict[str, list[str]] = {}
	for row in frappe.get_all(
		"Place Alias", filters={"parenttype": "District"}, fields=["parent", "alias"], order_by="idx asc"
	):
		aliases.setdefault(row.parent, []).append(row.alias)
	choices: dict[str, list[dict]] = {}
	for row in frappe.get_all("District", fields=["name", "governorate", "name_ar", "name_en"]):
		names = (row.name_ar, row.name_en, *aliases.get(row.name, ()))
		choices.setdefault(row.governorate, []).append(
			{
				"value": row.name,
				"label": row.name_ar if arabic else row.name_en,
				"key": "|".join(normalise(name) for name in names),
			}
		)
	for districts in choices.values():
		districts.sort(key=lambda choice: choice["label"])
		for choice in districts:
			choice["label"] = frappe.utils.escape_html(choice["label"])
	return choices
