"""Record names in the reader's language.

Master data (governorates, directorates, sectors, categories, social units, districts, villages) is
named in English and carries its Arabic name in `name_ar`. Frappe 15 shows a record of a
`translated_doctype` through the translation of its name (or of its title, when the DocType shows its
title in links): link fields, lists, reports, charts, and `_()` in SMS texts, receipts and routing
notes. Each record keeps a Translation from its English to its Arabic in step with `name_ar`, so an
administrator edits the Arabic on the record itself; the app's ar.po still serves records without one.
"""

import contextlib

import frappe
from frappe import _

ARABIC = "ar"
# The system's own accounts: what assignment rules, scheduled jobs and the set-up do is done as
# Administrator. Their stored full name is the English word, which Frappe writes into the texts it
# stores (an assignment's "{0} assigned {1}: {2}" on a complaint's timeline).
SYSTEM_ACCOUNTS = ("Administrator", "Guest")


def shown_name(doc) -> str:
	"""What Frappe shows for the record: its title where links show titles, else its name."""
	if doc.meta.show_title_field_in_link and doc.meta.title_field:
		return doc.get(doc.meta.title_field) or doc.name
	return doc.name


def record_title(doctype: str | None, name: str | None, language: str | None = None) -> str:
	"""A record as a reader of `language` (default: the current one) reads it, for texts Frappe does not
	render through a link field: timeline notes, notification templates (Jinja: record_title). Its shown
	title (a unit's name, not its code; an officer's full name, not the user id) through the Translation
	that carries its Arabic name."""
	if not name:
		return ""
	title = name
	if doctype and frappe.db.exists("DocType", doctype):
		meta = frappe.get_meta(doctype)
		if meta.show_title_field_in_link and meta.title_field:
			title = frappe.db.get_value(doctype, name, meta.title_field) or name
	return frappe._(title, lang=language) if language else frappe._(title)


def sync_arabic_name(doc, method=None) -> None:
	"""doc_events on_update: the Translation of the record's shown name follows its Arabic name."""
	before = doc.get_doc_before_save()
	if before and shown_name(before) != shown_name(doc):
		set_arabic_name(shown_name(before), None)
	set_arabic_name(shown_name(doc), (doc.get("name_ar") or "").strip() or None)


def drop_arabic_name(doc, method=None) -> None:
	"""doc_events on_trash."""
	if doc.get("name_ar"):
		set_arabic_name(shown_name(doc), None)


def move_arabic_name(doc, method=None, old_name=None, new_name=None, merge=False) -> None:
	"""doc_events after_rename: the Translation follows the new name."""
	if old_name and doc.get("name_ar") and not doc.meta.show_title_field_in_link:
		set_arabic_name(old_name, None)
		set_arabic_name(new_name, doc.name_ar)


def set_arabic_name(source: str, arabic: str | None) -> None:
	"""The Arabic Translation of a record's name: made, changed, or removed (arabic=None)."""
	existing = frappe.get_all(
		"Translation",
		filters={"language": ARABIC, "source_text": source, "context": ("is", "not set")},
		pluck="name",
	)
	if arabic is None or arabic == source:
		for name in existing:
			frappe.delete_doc("Translation", name, ignore_permissions=True)
		return
	if existing:
		doc = frappe.get_doc("Translation", existing[0])
		if doc.translated_text != arabic:
			doc.translated_text = arabic
			doc.save(ignore_permissions=True)
		return
	frappe.get_doc(
		{"doctype": "Translation", "language": ARABIC, "source_text": source, "translated_text": arabic}
	).insert(ignore_permissions=True)


@contextlib.contextmanager
def system_accounts_named_in_language():
	"""Within the block, Frappe's `get_fullname` names the system accounts in the current language
	(through its per-request cache, `frappe.local.fullnames`), unless an administrator gave one a name
	of its own. The cache is as it was after the block."""
	if not hasattr(frappe.local, "fullnames"):
		frappe.local.fullnames = {}
	cache = frappe.local.fullnames
	before = {account: cache.get(account) for account in SYSTEM_ACCOUNTS}
	for account in SYSTEM_ACCOUNTS:
		if frappe.utils.get_fullname(account) == account:
			cache[account] = _(account)
	try:
		yield
	finally:
		for account, name in before.items():
			if name is None:
				cache.pop(account, None)
			else:
				cache[account] = name
