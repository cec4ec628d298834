from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InteractionConfig(AppConfig):
    name = "yifa.interaction"
    label = "interaction"
    verbose_name = _("互动交流")

    def ready(self) -> None:
        from yifa.core.modules import register_module

        from .registration import MODULE

        register_module(MODULE)
