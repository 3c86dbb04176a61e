"""Site defaults `language` and `lang` follow System Settings' language (setup/site.py): sites set up by
script kept the setup wizard's English there, so complaints filed in the desk or over REST carried "en"
and their citizens got English SMS."""

from complaints_mgmt.setup.site import align_language_defaults


def execute():
	align_language_defaults()
