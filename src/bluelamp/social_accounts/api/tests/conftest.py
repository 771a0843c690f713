"""The API's shared fixtures (a DRF client, API tokens, a client signed in by token), from
``bluelamp.api.tests.conftest``."""

from bluelamp.api.tests.conftest import api_as, api_client, token_for  # noqa: F401
