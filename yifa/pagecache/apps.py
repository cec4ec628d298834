from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PageCacheConfig(AppConfig):
    name = "yifa.pagecache"
    label = "pagecache"
    verbose_name = _("页面缓存")

    def ready(self) -> None:
        from yifa.core.modules import Module, register_module

        from . import signals

        signals.connect()
        register_module(Module("pagecache", verbose_name=self.verbose_name,
                               benchmarks="yifa.pagecache.bench:BENCHMARKS"))
