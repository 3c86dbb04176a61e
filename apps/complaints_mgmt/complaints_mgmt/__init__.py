from complaints_mgmt.utils import legacy_paths

__version__ = "0.18.0"

legacy_paths.install()
