from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "yifa.search"
    label = "search"
    verbose_name = _("中文检索")

    def ready(self) -> None:
        from yifa.core.modules import Module, register_module

        register_module(Module("search", verbose_name=self.verbose_name, benchmarks="yifa.search.bench:BENCHMARKS",
                               event_types={"search.reindexed": _("重建站内检索索引")}))
