"""Sites installed before setup/seeding.py: every default they have had is marked as made, so that one
the administrator renamed, deleted or emptied is not made again by this or any later migrate."""

from complaints_mgmt.setup import notifications, portal, service_levels
from complaints_mgmt.setup.seeding import mark_seeded


def execute():
	mark_seeded(
		*(notifications.seed_key(definition["name"]) for definition in notifications.DEFAULT_NOTIFICATIONS),
		*(service_levels.policy_key(name) for name, *_rest in service_levels.DEFAULT_POLICIES),
		service_levels.LEVELS_KEY,
		portal.DEFAULT_ROLE_KEY,
	)
