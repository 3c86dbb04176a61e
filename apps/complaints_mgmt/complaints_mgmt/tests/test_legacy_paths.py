import importlib
import inspect

import frappe
from frappe.tests.utils import FrappeTestCase

from complaints_mgmt.utils.legacy_paths import MOVED, RENAMED_INTO_PACKAGE


def own_name(module):
	"""A function or class the module defines, or (states.py) one of its constants."""
	defined = [
		name
		for name, value in inspect.getmembers(module, lambda v: inspect.isfunction(v) or inspect.isclass(v))
		if value.__module__ == module.__name__
	]
	return (defined or [name for name in vars(module) if name.isupper()])[0]


class TestLegacyPaths(FrappeTestCase):
	def test_every_moved_module_is_listed(self):
		self.assertGreaterEqual(len(MOVED), 50)

	def test_an_old_module_path_imports_the_new_module_object(self):
		for old, new in MOVED.items():
			with self.subTest(old=old):
				moved = importlib.import_module(f"complaints_mgmt.{new}")
				self.assertIs(importlib.import_module(f"complaints_mgmt.{old}"), moved)
				self.assertEqual(moved.__spec__.name, f"complaints_mgmt.{new}")

	def test_an_old_dotted_function_path_is_the_new_function(self):
		for old, new in MOVED.items():
			with self.subTest(old=old):
				moved = importlib.import_module(f"complaints_mgmt.{new}")
				function = own_name(moved)
				self.assertIs(frappe.get_attr(f"complaints_mgmt.{old}.{function}"), getattr(moved, function))

	def test_from_an_old_path_imports_the_new_names(self):
		from complaints_mgmt.messaging import sms
		from complaints_mgmt.sms import send_pending

		self.assertIs(send_pending, sms.send_pending)

	def test_a_job_queued_under_its_old_path_finds_its_function(self):
		# what a worker does with a job that 0.13 queued before the upgrade
		from complaints_mgmt.messaging import registration_notices

		self.assertIs(
			frappe.get_attr("complaints_mgmt.registration_notices.send_pending"),
			registration_notices.send_pending,
		)

	def test_a_whitelisted_method_under_its_old_path_stays_whitelisted(self):
		method = frappe.get_attr("complaints_mgmt.duplicates.merge_into")
		self.assertIn(method, frappe.whitelisted)

	def test_an_old_path_into_a_module_that_gave_its_name_to_a_package_is_the_new_function(self):
		for package, module in RENAMED_INTO_PACKAGE.items():
			moved = importlib.import_module(f"complaints_mgmt.{package}.{module}")
			names = [
				name
				for name, value in vars(moved).items()
				if not name.startswith("_") and getattr(value, "__module__", None) == moved.__name__
			]
			self.assertTrue(names, module)
			for name in names:
				with self.subTest(package=package, name=name):
					self.assertIs(frappe.get_attr(f"complaints_mgmt.{package}.{name}"), getattr(moved, name))

	def test_hooks_cached_by_the_old_code_find_their_functions(self):
		# Redis keeps the hooks until the cache is cleared: a request's first hook named the old module
		from complaints_mgmt.intake import submission

		self.assertIs(
			frappe.get_attr("complaints_mgmt.intake.limit_resource_request_size"),
			submission.limit_resource_request_size,
		)
		self.assertIs(
			frappe.get_attr("complaints_mgmt.intake.check_text_lengths"), submission.check_text_lengths
		)

	def test_a_package_named_like_an_old_module_gives_its_own_modules_first(self):
		from complaints_mgmt.lifecycle import appeals, states

		self.assertEqual(states.__name__, "complaints_mgmt.lifecycle.states")
		self.assertEqual(appeals.__name__, "complaints_mgmt.lifecycle.appeals")
		with self.assertRaises(AttributeError):
			importlib.import_module("complaints_mgmt.intake").no_such_name

	def test_an_unknown_old_name_is_still_an_import_error(self):
		with self.assertRaises(ModuleNotFoundError):
			importlib.import_module("complaints_mgmt.no_such_module")
