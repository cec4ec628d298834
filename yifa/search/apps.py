from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "yifa.search"
    label = "search"
    verbose_name = _("中文检索")

    def ready(self) -> None:
        from yifa.audit.event_types import register_event_types

        register_event_types({"search.reindexed": _("重建站内检索索引")})
