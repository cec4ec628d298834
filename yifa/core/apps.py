from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "yifa.core"
    label = "core"
    verbose_name = _("核心")

    def ready(self) -> None:
        from .cache import create_cache_tables

        # The shared database cache's table (yifa.core.cache), wherever migrate runs.
        post_migrate.connect(create_cache_tables, sender=self, dispatch_uid="yifa.core.create_cache_tables")
