from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo loader (``manage.py load_demo``): development only."""

    name = "bluelamp.demo"
    label = "demo"
    verbose_name = "Demo force"
