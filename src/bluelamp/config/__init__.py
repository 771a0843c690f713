"""Django project configuration: environment, settings, URLs and the WSGI/ASGI entry points."""
