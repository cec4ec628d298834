from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "yifa.notifications"
    label = "notifications"
    verbose_name = _("通知")

    def ready(self) -> None:
        from yifa.core.modules import register_module

        from . import events
        from .registration import MODULE

        events.connect()
        register_module(MODULE)
