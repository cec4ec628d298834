from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "yifa.portal"
    label = "portal"
    verbose_name = _("政务公开网站")

    def ready(self) -> None:
        from yifa.audit.event_types import register_event_types

        from . import search, signals  # noqa: F401  (connects the receivers)

        register_event_types(
            {
                "portal.page_published": _("网页发布"),
                "portal.page_scheduled": _("网页定时发布"),
                "portal.page_unpublished": _("网页撤下"),
                "portal.page_scheduled_withdrawal": _("网页定时撤下"),
                "portal.page_approved": _("网页审核通过"),
                "portal.page_rejected": _("网页审核退回"),
                "portal.page_deleted": _("网页删除"),
            }
        )
        search.register()
