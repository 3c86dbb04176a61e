"""A number with the word it counts, in the reader's language.

Arabic has six plural forms (CLDR): 0 دقيقة, 1 دقيقة واحدة, 2 دقيقتان, 3 to 10 دقائق, 11 to 99 دقيقة,
100 دقيقة. English has two. Each counted phrase is one message per form, told apart by the context
"plural <form>" (msgctxt in locale/ar.po): `counted(10, "{0} minute", "{0} minutes")` reads
"{0} minutes" in the context "plural few", whose Arabic is "{0} دقائق". Without a translation (English)
the message is its own msgid: the singular for one, the plural for every other number.
"""

import frappe
from frappe import _


def plural_form(n: int, lang: str | None = None) -> str:
	"""The CLDR plural category of the whole number `n` in `lang` (Arabic, else English's rule)."""
	lang = (lang or frappe.local.lang or "en").split("-")[0]
	if lang != "ar":
		return "one" if n == 1 else "other"
	if n in (0, 1, 2):
		return ("zero", "one", "two")[n]
	if 3 <= n % 100 <= 10:
		return "few"
	if 11 <= n % 100 <= 99:
		return "many"
	return "other"


def counted(n: int, one: str, other: str, shown: str | None = None) -> str:
	"""`one` or `other` (each with {0} for the number), translated for the plural form of `n`; the
	number is written as `shown` when given (marked left to right, say)."""
	form = plural_form(n)
	message = one if form == "one" else other  # a variable: no literal for the .pot's extractor to take
	return _(message, context=f"plural {form}").format(n if shown is None else shown)
