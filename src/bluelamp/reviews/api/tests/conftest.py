from bluelamp.reviews.tests.conftest import fake_x, no_sleep, people, room, vault_key  # noqa: F401
