from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate


def _sync_roles(sender, using="default", **kwargs) -> None:
    # post_migrate is sent once per app with models, in INSTALLED_APPS order, and each app's
    # permissions are created on its own signal: sync once, after the last app's.
    with_models = [config for config in apps.get_app_configs() if config.models_module]
    if with_models and sender.label != with_models[-1].label:
        return
    from bluelamp.core.roles import sync_role_groups

    sync_role_groups(using=using)


class CoreConfig(AppConfig):
    """Users, roles and permissions, errors, and the shared page furniture."""

    name = "bluelamp.core"
    label = "core"
    verbose_name = "Users and roles"

    def ready(self) -> None:
        import os

        from bluelamp.core import signals  # noqa: F401 - registers on import
        from bluelamp.engine.stat import stage

        # The engine reads no environment: the statistical stage is on unless the
        # installation says off (BLUELAMP_STATISTICAL_STAGE=off, docs/statistical-stage.md).
        stage.configure(os.environ)

        # After every migrate (and after the test database is flushed): the role groups
        # exist and hold exactly the permissions core.roles declares.
        post_migrate.connect(_sync_roles, dispatch_uid="bluelamp.core.sync_roles")
