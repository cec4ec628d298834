from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationConfig(AppConfig):
    name = "yifa.publication"
    label = "publication"
    verbose_name = _("公开发布")

    def ready(self) -> None:
        from yifa.core.modules import DailyJob, Module, register_module

        from .actions import withdraw_expired_publications

        register_module(Module(
            "publication", verbose_name=self.verbose_name,
            event_types={
                "publication.published": _("公开发布"),
                "publication.withdrawn": _("撤回公开"),
                "publication.expired": _("公开期限届满撤回"),
            },
            daily_jobs=[DailyJob("publication.withdraw_expired", _("撤回公开期限届满的记录"),
                                 lambda day: withdraw_expired_publications(today=day))],
        ))
