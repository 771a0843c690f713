"""The API's fixtures (``api_client``, ``token_for``, ``api_as``) are shared by every app's API
tests: they live in ``bluelamp.core.testing.plugin``."""
