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

from frappe.utils import escape_html
from markupsafe import Markup

# Hebrew, Arabic, Syriac, Thaana, NKo... and the Arabic presentation forms: right-to-left letters and
# the marks and Arabic-Indic digits written with them
_RTL = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc"
# A left-to-right character that starts or ends a run: letters of Latin scripts, digits and the signs
# that belong to numbers and codes
_LTR_EDGE = r"A-Za-z0-9\u00c0-\u024f\u0370-\u03ff\u0400-\u04ff*#@%&+_/\\"
# What a left-to-right run holds between its edges: also spaces and punctuation
_LTR_INSIDE = _LTR_EDGE + r" .,:;\-–'’()\[\]=?!~|"
_RUN = re.compile(rf"(?P<rtl>[{_RTL}]+)|(?P<ltr>[{_LTR_EDGE}](?:[{_LTR_INSIDE}]*[{_LTR_EDGE}])?)")


def print_runs(text) -> Markup:
	"""`text` escaped, with its Arabic words and its left-to-right runs each in an inline block."""
	text = "" if text is None else str(text)
	out, last = [], 0
	for match in _RUN.finditer(text):
		out.append(escape_html(text[last : match.start()]))
		kind = "rtl" if match.group("rtl") else "ltr"
		out.append(f'<span class="bidi-{kind}" dir="{kind}">{escape_html(match.group())}</span>')
		last = match.end()
	out.append(escape_html(text[last:]))
	return Markup("".join(out))
