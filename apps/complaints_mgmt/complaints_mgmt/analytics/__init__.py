from complaints_mgmt.utils.legacy_paths import names_of_renamed_module

__getattr__ = names_of_renamed_module(__name__)
