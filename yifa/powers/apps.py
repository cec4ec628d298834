from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PowersConfig(AppConfig):
    name = "yifa.powers"
    label = "powers"
    verbose_name = _("权责清单")

    def ready(self) -> None:
        from yifa.core.modules import register_module

        from .registration import MODULE

        register_module(MODULE)
