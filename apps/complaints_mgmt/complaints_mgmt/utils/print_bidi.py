"""Mixed Arabic and Latin text that wkhtmltopdf prints right: the `print_runs` Jinja filter.

Debian's wkhtmltopdf is built on Qt WebKit without wkhtmltopdf's patches, and lays out right-to-left text
badly: a text run that holds Arabic together with punctuation, digits or Latin words is placed past the
right edge of its box (the first and last words of a sentence are cut off), a Latin run inside an Arabic
sentence is drawn over its neighbours, and Arabic text does not wrap. What it does right: a run of Arabic
letters and spaces alone, a left-to-right run alone, and lines that wrap between inline blocks.

So the print format passes every text through `print_runs`: each Arabic word becomes an inline block of
its own (lines wrap between words), each left-to-right run (Latin words, numbers, a URL, a masked
number, with the spaces and punctuation between them) an isolated left-to-right inline block that keeps
its order, and the spaces and punctuation between them stay plain text. A browser shows the result
exactly as it shows the plain text.
"""

import re

import frappe
from frappe.utils import cint, escape_html, flt
from markupsafe import Markup

PAGE_TEMPLATE = "complaints_mgmt/templates/receipt_page.html"

# Hebrew, Arabic, Syriac, Thaana, NKo... and the Arabic presentation forms: right-to-left letters and
# the marks and Arabic-Indic digits written with them
_RTL = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc"
# A left-to-right character that starts or ends a run: letters of Latin scripts, digits and the signs
# that belong to numbers and codes
_LTR_EDGE = r"A-Za-z0-9\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff*#@%&+_/\\"
# What a left-to-right run holds between its edges: also spaces and punctuation
_LTR_INSIDE = _LTR_EDGE + r" .,:;\-–'’()\[\]=?!~|"
# Arabic punctuation (، ؛ ؟) is left out of the words, as plain text between them: "وبعد،" in one block
# was drawn over the word before it
_RTL_PUNCTUATION = "\u060c\u061b\u061f"
_HAS_RTL = re.compile(f"[{_RTL}]")
_RUN = re.compile(
	rf"(?P<rtl>(?:(?![{_RTL_PUNCTUATION}])[{_RTL}])+)|(?P<ltr>[{_LTR_EDGE}](?:[{_LTR_INSIDE}]*[{_LTR_EDGE}])?)"
)


def print_runs(text) -> Markup:
	"""`text` escaped, with its Arabic words and its left-to-right runs each in an inline block. A text
	without a right-to-left letter (an English sentence, a number) is one left-to-right block, its
	punctuation included: its full stop stays at its end."""
	text = "" if text is None else str(text)
	if text.strip() and not _HAS_RTL.search(text):
		return Markup(f'<span class="bidi-ltr" dir="ltr">{escape_html(text)}</span>')
	out, last = [], 0
	for match in _RUN.finditer(text):
		out.append(escape_html(text[last : match.start()]))
		kind = "rtl" if match.group("rtl") else "ltr"
		out.append(f'<span class="bidi-{kind}" dir="{kind}">{escape_html(match.group())}</span>')
		last = match.end()
	out.append(escape_html(text[last:]))
	return Markup("".join(out))


def page_direction() -> str:
	"""The direction of the language printed in (a Jinja method: print formats set it on their own box)."""
	from frappe.utils.jinja_globals import is_rtl

	return "rtl" if is_rtl() else "ltr"


# Values that name a record or an option: printed in the reader's language (the master data's Arabic names)
_NAMED_TYPES = ("Link", "Dynamic Link", "Select")
_RICH_TYPES = ("Text Editor", "HTML Editor", "Markdown Editor")


def printed_value(doc, df) -> Markup:
	"""A field's value as a print format shows it (a Jinja method): formatted as Frappe's Standard format
	prints it (a link's title), named in the reader's language, a check as Yes or No, rich text as
	sanitised HTML, and everything else through `print_runs`."""
	from frappe import _
	from frappe.utils.html_utils import sanitize_html

	if df.fieldtype == "Check":
		return print_runs(_("Yes") if doc.get(df.fieldname) else _("No"))
	if df.fieldtype == "Rating":  # stored as a fraction of the stars
		stars = cint(df.options) or 5
		return print_runs(f"{round(flt(doc.get(df.fieldname)) * stars)} / {stars}")
	value = doc.get_formatted(df.fieldname, doc, translated=df.translatable)
	if df.fieldtype in _RICH_TYPES:
		return Markup(sanitize_html(value or ""))
	if df.fieldtype in _NAMED_TYPES:
		value = _(value)
	return print_runs(value)


def print_page_html(doc, print_format_name: str) -> str:
	"""A print format's body and style alone, in a page of its own (templates/receipt_page.html), in the
	request's language and direction: no toolbar or gutter meant for the screen, and nothing wkhtmltopdf
	must fetch from a web server. The caller has checked the right to see the document."""
	# imported here: this module is loaded with the Jinja environment, the print view needs it
	from frappe.utils.jinja_globals import is_rtl
	from frappe.www.printview import get_print_style, get_rendered_template

	from complaints_mgmt.utils import app_templates

	print_format = frappe.get_doc("Print Format", print_format_name)
	previous = frappe.flags.ignore_print_permissions
	frappe.flags.ignore_print_permissions = True
	try:
		body = get_rendered_template(doc=doc, print_format=print_format, meta=doc.meta, no_letterhead=1)
	finally:
		frappe.flags.ignore_print_permissions = previous
	return app_templates.render(
		PAGE_TEMPLATE,
		{
			"lang": frappe.local.lang,
			"direction": "rtl" if is_rtl() else "ltr",
			"title": doc.name,
			"style": get_print_style(print_format=print_format),
			"body": body,
		},
	)


def print_page_pdf(doc, print_format_name: str, options: dict) -> bytes:
	from frappe.utils.pdf import get_pdf

	return get_pdf(print_page_html(doc, print_format_name), options=dict(options))
