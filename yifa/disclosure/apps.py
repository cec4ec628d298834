from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosureConfig(AppConfig):
    name = "yifa.disclosure"
    label = "disclosure"
    verbose_name = _("依申请公开")

    def ready(self) -> None:
        from yifa.core.modules import register_module

        from .registration import MODULE

        register_module(MODULE)
