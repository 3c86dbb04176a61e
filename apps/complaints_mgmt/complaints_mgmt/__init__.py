from complaints_mgmt.utils import legacy_paths

__version__ = "0.19.0"

legacy_paths.install()
