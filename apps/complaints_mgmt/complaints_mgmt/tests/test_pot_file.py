"""locale/main.pot, the template a translator starts from, is checked in: it must be what
`bench generate-pot-file --app complaints_mgmt` makes of the code today, and every message in it must
have its Arabic (in the app's ar.po, or in Frappe's for Frappe's own words the app's records name).

test_translations collects the strings with its own patterns and checks ar.po against them; this reads
the messages as Frappe's extractor (Babel) finds them, which is what translators and Frappe's tools see.
"""

from pathlib import Path
from unittest.mock import patch

import frappe
from babel.messages.pofile import read_po
from frappe.gettext import translate
from frappe.tests.utils import FrappeTestCase

APP = "complaints_mgmt"
LOCALE = Path(frappe.get_app_path(APP, "locale"))
REGENERATE = "bench generate-pot-file --app complaints_mgmt"


def read_catalog(path: Path):
	with open(path, "rb") as f:
		return read_po(f)


def keys(catalog) -> set:
	return {(message.id, message.context) for message in catalog if message.id}


def generated_catalog():
	"""What `bench generate-pot-file --app complaints_mgmt` would write, without writing it."""
	made = []
	with patch.object(
		translate, "write_catalog", side_effect=lambda app, catalog, locale=None: made.append(catalog)
	):
		translate.generate_pot(APP)
	[catalog] = made
	return catalog


def has_arabic(catalog, message_id, context) -> bool:
	found = catalog.get(message_id, context=context)
	if found is None:
		return False
	strings = found.string if isinstance(found.string, list | tuple) else [found.string]
	return all(strings)


def only_in_tests(message) -> bool:
	"""Test data (place names a test looks up, a message a test compares), never shown to anyone."""
	return all("/tests/" in f"/{filename}" for filename, _line in message.locations)


class TestPotFile(FrappeTestCase):
	def test_main_pot_is_what_the_code_gives(self):
		checked_in = keys(read_catalog(LOCALE / "main.pot"))
		generated = keys(generated_catalog())
		self.assertTrue(generated, "the extractor found no message in the app")
		self.assertEqual(
			sorted(generated - checked_in, key=str),
			[],
			f"messages missing from locale/main.pot: run `{REGENERATE}` and commit it",
		)
		self.assertEqual(
			sorted(checked_in - generated, key=str),
			[],
			f"messages of locale/main.pot no longer in the code: run `{REGENERATE}` and commit it",
		)

	def test_every_message_of_main_pot_has_its_arabic(self):
		arabic = read_catalog(LOCALE / "ar.po")
		frappes = read_catalog(Path(frappe.get_app_path("frappe", "locale")) / "ar.po")
		missing = [
			(message.id, message.context, message.locations[0][0])
			for message in read_catalog(LOCALE / "main.pot")
			if message.id
			and not only_in_tests(message)
			and not has_arabic(arabic, message.id, message.context)
			and not has_arabic(frappes, message.id, message.context)
		]
		self.assertEqual(missing, [], "messages of locale/main.pot without Arabic: add them to locale/ar.po")
