"""Arabic is the first language: every string the app shows must have its Arabic in locale/ar.po.

The strings are collected the way Frappe shows them: labels, options and descriptions of the app's
DocTypes and of its exported records (reports, cards, charts, workspaces, web forms), and every
literal passed to _() or __() in the app's Python, JavaScript and HTML.

Frappe 15's own Arabic leaves hundreds of its desk's strings in English: the timeline ("{0} changed the
value of {1} {2}"), the list's sidebar and filters, the form's grid, the toolbar. Staff work in that
desk all day, so the app ships the Arabic of every string of the desk's scripts that Frappe ships
without (the last part of locale/ar.po), and a test keeps it complete for the Frappe in the bench.
"""

import json
import re
from pathlib import Path

import frappe
from babel.messages.pofile import read_po
from frappe.tests.utils import FrappeTestCase

APP = Path(__file__).resolve().parents[1]
PO_FILE = APP / "locale" / "ar.po"

# _("..."), _('...'), __("...") and _lt("...") with a plain literal as the first argument
CALL = re.compile(r"""(?<![\w.])(?:_|__|_lt)\(\s*(?P<q>"|')(?P<text>(?:\\.|(?!(?P=q)).)*)(?P=q)\s*[,)]""")

# Keys of exported records whose values are shown to users
SHOWN_KEYS = {
	"doctype": ("label", "description"),
	"report": ("report_name",),
	"number_card": ("label",),
	"dashboard_chart": ("chart_name",),
	"workspace": ("label", "title"),
	"web_form": ("title", "label", "description", "success_title", "success_message", "button_label"),
	"print_format": (),
}


FRAPPE = Path(frappe.get_app_path("frappe"))  # Frappe's package
# The desk's scripts in Frappe (public/js/frappe/...): what staff see around the app's own screens
FRAPPE_DESK_SCRIPTS = ("list", "form", "ui", "views", "widgets", "utils")
# __("...") in those scripts, with a literal (a template with ${...} is not a message id)
DESK_CALL = re.compile(r"""(?<![\w.])__\(\s*(?P<q>"|'|`)(?P<text>(?:\\.|(?!(?P=q)).)*)(?P=q)\s*[,)]""")


def arabic_catalog(po_file: Path = PO_FILE) -> dict[str, str]:
	"""msgid -> Arabic, but for the plural forms of utils/plurals.py (their own test)."""
	with open(po_file, "rb") as f:
		catalog = read_po(f, locale="ar")
	return {
		message.id: message.string
		for message in catalog
		if message.id and not (message.context or "").startswith("plural ")
	}


def plural_forms(po_file: Path = PO_FILE) -> dict[tuple[str, str], str]:
	"""(msgid, context) -> Arabic, for the plural forms of counted phrases (utils/plurals.py)."""
	with open(po_file, "rb") as f:
		catalog = read_po(f, locale="ar")
	return {(m.id, m.context): m.string for m in catalog if m.id and (m.context or "").startswith("plural ")}


# Frappe's server code whose messages staff meet in the desk: validation and permission errors,
# assignments, bulk actions, saved reports, password resets (not its setup wizard, tests or patches)
FRAPPE_SERVER_MESSAGES = (
	"model",
	"desk",
	"client.py",
	"handler.py",
	"permissions.py",
	"utils/__init__.py",
	"automation/doctype/assignment_rule",
	"core/doctype/user",
)


def strings_of_frappes_desk() -> dict[str, str]:
	scripts = [
		path
		for folder in FRAPPE_DESK_SCRIPTS
		for path in sorted((FRAPPE / "public" / "js" / "frappe" / folder).rglob("*"))
		if path.suffix in (".js", ".html", ".vue")
	]
	server = [
		path
		for target in (FRAPPE / name for name in FRAPPE_SERVER_MESSAGES)
		for path in ([target] if target.is_file() else sorted(target.rglob("*.py")))
		if not ({"setup_wizard", "patches"} & set(path.parts) or path.name.startswith("test"))
	]
	return {**_messages(CALL, server), **_messages(DESK_CALL, scripts)}


def _messages(call: re.Pattern, paths: list[Path]) -> dict[str, str]:
	"""The literal message ids `call` finds in the files, each with the first file (relative to Frappe's
	package) it was found in."""
	found = {}
	for path in paths:
		for match in call.finditer(path.read_text(encoding="utf-8")):
			if "${" not in match.group("text"):
				found.setdefault(match.group("text"), str(path.relative_to(FRAPPE)))
	return found


# Frappe's website pages a citizen meets on the way: its login form and its messages, My Account, the
# password page, the navbar and footer, the "not found" page
FRAPPE_CITIZEN_PAGES = (
	"www/login.html",
	"templates/includes/login/login.js",
	"www/me.html",
	"www/update-password.html",
	"www/third_party_apps.html",
	"www/404.html",
	"templates/signup.html",
	"templates/includes/navbar/navbar.html",
	"templates/includes/navbar/navbar_login.html",
	"templates/includes/footer/footer_powered.html",
	"website/doctype/website_settings/website_settings.py",
)


def strings_of_frappes_citizen_pages() -> dict[str, str]:
	return _messages(CALL, [FRAPPE / name for name in FRAPPE_CITIZEN_PAGES])


def strings_in_code() -> dict[str, str]:
	found = {}
	for path in APP.rglob("*"):
		if path.suffix not in (".py", ".js", ".html") or "tests" in path.parts or "dist" in path.parts:
			continue
		for match in CALL.finditer(path.read_text(encoding="utf-8")):
			text = match.group("text").encode().decode("unicode_escape").encode("latin-1").decode("utf-8")
			found.setdefault(text, str(path.relative_to(APP)))
	return found


def strings_in_records() -> dict[str, str]:
	found = {}
	for path in APP.rglob("*.json"):
		kind = path.parent.parent.name  # complaints/<kind>/<name>/<name>.json
		if kind not in SHOWN_KEYS or path.stem != path.parent.name:
			continue
		record = json.loads(path.read_text(encoding="utf-8"))
		where = str(path.relative_to(APP))
		if kind == "doctype":
			found.setdefault(record["name"], where)
		for item in [
			record,
			*record.get("fields", []),
			*record.get("web_form_fields", []),
			*record.get("shortcuts", []),
		]:
			for key in (*SHOWN_KEYS[kind], "label"):
				if isinstance(item.get(key), str) and item[key].strip():
					found.setdefault(item[key], where)
			if item.get("fieldtype") == "Select" and item.get("options"):
				for option in item["options"].split("\n"):
					if option.strip():
						found.setdefault(option, where)
	return found


class TestArabicTranslations(FrappeTestCase):
	def test_catalog_has_no_empty_translation(self):
		empty = [msgid for msgid, msgstr in arabic_catalog().items() if not msgstr]
		self.assertEqual(empty, [])

	def test_every_string_in_code_has_its_arabic(self):
		catalog = arabic_catalog()
		missing = {text: where for text, where in strings_in_code().items() if not catalog.get(text)}
		self.assertEqual(missing, {}, f"{len(missing)} strings in code have no Arabic in ar.po")

	def test_every_label_of_the_apps_records_has_its_arabic(self):
		catalog = arabic_catalog()
		missing = {text: where for text, where in strings_in_records().items() if not catalog.get(text)}
		self.assertEqual(missing, {}, f"{len(missing)} labels have no Arabic in ar.po")

	def test_every_string_of_frappes_desk_has_its_arabic_from_frappe_or_from_the_app(self):
		ours = arabic_catalog()
		frappes = arabic_catalog(Path(frappe.get_app_path("frappe")) / "locale" / "ar.po")
		desk = strings_of_frappes_desk()
		self.assertGreater(len(desk), 1200)  # the scripts and modules were found and read
		missing = {text: where for text, where in desk.items() if not (ours.get(text) or frappes.get(text))}
		self.assertEqual(missing, {}, f"{len(missing)} strings of Frappe's desk have no Arabic")

	def test_every_string_of_frappes_pages_that_citizens_meet_has_its_arabic(self):
		ours = arabic_catalog()
		frappes = arabic_catalog(Path(frappe.get_app_path("frappe")) / "locale" / "ar.po")
		pages = strings_of_frappes_citizen_pages()
		self.assertIn("Login with Email Link", pages)  # the files were found and read
		missing = {text: where for text, where in pages.items() if not (ours.get(text) or frappes.get(text))}
		self.assertEqual(missing, {}, f"{len(missing)} strings of Frappe's website pages have no Arabic")

	def test_translations_keep_their_placeholders(self):
		placeholder = re.compile(r"\{\d*\}")
		broken = {
			msgid: msgstr
			for msgid, msgstr in arabic_catalog().items()
			if msgstr and sorted(placeholder.findall(msgid)) != sorted(placeholder.findall(msgstr))
		}
		self.assertEqual(broken, {})

	def test_plural_forms_keep_the_number_but_for_one_and_two(self):
		# Arabic says "دقيقة واحدة" and "دقيقتان": the word carries the number, which the text leaves out
		broken = {
			key: msgstr
			for key, msgstr in plural_forms().items()
			if ("{0}" in msgstr) == (key[1] in ("plural one", "plural two"))
		}
		self.assertEqual(broken, {})
		self.assertTrue(plural_forms())
