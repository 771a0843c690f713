from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "bluelamp.ops"
    label = "ops"
    verbose_name = "Operations"
