"""The WSGI entry point: ``bluelamp.config.wsgi:application``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bluelamp.config.settings")

application = get_wsgi_application()
