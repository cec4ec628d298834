from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "yifa.portal"
    label = "portal"
    verbose_name = _("政务公开网站")

    def ready(self) -> None:
        from yifa.core.modules import DemoLoader, Module, SearchSource, register_module
        from yifa.search.index import set_listing_columns

        from . import search, signals  # noqa: F401  (connects the receivers)
        from .selectors import column_slug_of_listing

        set_listing_columns(column_slug_of_listing)

        register_module(Module(
            "portal", verbose_name=self.verbose_name, demo=DemoLoader(30, "yifa.portal.demo.load_portal_demo"),
            search_sources=[SearchSource(search.SOURCE, _("文章"), search.article_documents)],
            event_types={
                "portal.page_published": _("网页发布"),
                "portal.page_scheduled": _("网页定时发布"),
                "portal.page_unpublished": _("网页撤下"),
                "portal.page_scheduled_withdrawal": _("网页定时撤下"),
                "portal.page_approved": _("网页审核通过"),
                "portal.page_rejected": _("网页审核退回"),
                "portal.page_deleted": _("网页删除"),
            },
        ))
