"""The app's modules under their old dotted paths, from before they moved into packages.

A site upgraded from 0.13 or older may still hold an old path: a job queued in Redis before the
upgrade ("complaints_mgmt.sms.send_pending"), a whitelisted method that a desk script cached in a
browser calls, a function pickled into a job. A finder at the end of `sys.meta_path` answers the
import of an old name with the module object of its new one: one module, imported once, whichever
name reaches it first. The app's `__init__.py` installs it, so every process that imports the app
(web, worker, scheduler, bench) has it.

Three old modules gave their name to the package they moved into (`intake` is now
`intake/submission.py`, `lifecycle` `lifecycle/transitions.py`, `analytics` `analytics/queries.py`):
their old path names the package, which no finder can alias. The package's `__getattr__`
(`names_of_renamed_module`) answers an old dotted path to one of their names instead
("complaints_mgmt.intake.check_text_lengths", a hook that Redis may hold until the cache is cleared),
with the renamed module's object; the package's own modules are found first.

Standard library only: flit reads the app's version while building it, without Frappe.
"""

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys

APP = "complaints_mgmt"

# old module under complaints_mgmt -> its new dotted path under complaints_mgmt
MOVED = {
	# layout-moves: begin
	"app_templates": "utils.app_templates",
	"bidi_text": "utils.bidi_text",
	"plurals": "utils.plurals",
	"print_bidi": "utils.print_bidi",
	"record_names": "utils.record_names",
	"settings_values": "utils.settings_values",
	"timestamps": "utils.timestamps",
	"translations": "utils.translations",
	"complainant": "intake.complainant",
	"national_id": "intake.national_id",
	"phone": "intake.phone",
	"duplicates": "intake.duplicates",
	"tracking": "intake.tracking",
	"required_fields": "intake.required_fields",
	"field_values": "intake.field_values",
	"states": "lifecycle.states",
	"workflow_states": "lifecycle.workflow_states",
	"routing": "lifecycle.routing",
	"assignment": "lifecycle.assignment",
	"appeals": "lifecycle.appeals",
	"sla": "service_levels.sla",
	"escalation": "service_levels.escalation",
	"working_time": "service_levels.working_time",
	"public_holidays": "service_levels.public_holidays",
	"sms": "messaging.sms",
	"registration_notices": "messaging.registration_notices",
	"queued_jobs": "messaging.queued_jobs",
	"georeport": "integration.georeport",
	"openapi": "integration.openapi",
	"central_intake": "integration.central_intake",
	"status_updates": "integration.status_updates",
	"delivery_attempts": "integration.delivery_attempts",
	"personal_data": "security.personal_data",
	"retention": "security.retention",
	"guest_challenge": "security.guest_challenge",
	"host_names": "security.host_names",
	"client_limits": "security.client_limits",
	"signed_tokens": "security.signed_tokens",
	"one_time_code": "security.one_time_code",
	"portal_headers": "security.portal_headers",
	"citizen_filing": "portal.citizen_filing",
	"citizen_form": "portal.citizen_form",
	"citizen_input": "portal.citizen_input",
	"citizen_actions": "portal.citizen_actions",
	"citizen_tracking": "portal.citizen_tracking",
	"citizen_sms": "portal.citizen_sms",
	"receipt": "portal.receipt",
	"attachments": "portal.attachments",
	"public_status": "portal.public_status",
	"portal_page": "portal.portal_page",
	"notifications": "overrides.notifications",
	"customization": "complaints.customization",
	# layout-moves: end
}


# package -> the module of the package's name that moved into it
RENAMED_INTO_PACKAGE = {"intake": "submission", "lifecycle": "transitions", "analytics": "queries"}


def names_of_renamed_module(package: str):
	"""The `__getattr__` of a package named like the module that moved into it (PEP 562): a name the
	package lacks that is not one of its modules is looked up in that module."""
	renamed = f"{package}.{RENAMED_INTO_PACKAGE[package.rpartition('.')[2]]}"

	def __getattr__(name: str):
		if name.startswith("__") or importlib.util.find_spec(f"{package}.{name}") is not None:
			raise AttributeError(f"module {package!r} has no attribute {name!r}")
		try:
			return getattr(importlib.import_module(renamed), name)
		except AttributeError:
			raise AttributeError(f"module {package!r} has no attribute {name!r}") from None

	return __getattr__


class _SameModule(importlib.abc.Loader):
	def __init__(self, name: str):
		self.name = name

	def create_module(self, spec):
		module = importlib.import_module(self.name)
		self.spec = module.__spec__
		return module

	def exec_module(self, module):
		# the import system labelled the module with the old name's spec: give it its own back
		module.__spec__ = self.spec


class LegacyPathFinder(importlib.abc.MetaPathFinder):
	def find_spec(self, fullname, path=None, target=None):
		app, _, old = fullname.partition(".")
		if app != APP or old not in MOVED:
			return None
		return importlib.machinery.ModuleSpec(fullname, _SameModule(f"{APP}.{MOVED[old]}"))


def install() -> None:
	if not any(isinstance(finder, LegacyPathFinder) for finder in sys.meta_path):
		sys.meta_path.append(LegacyPathFinder())
