from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "yifa.api"
    label = "api"
    verbose_name = _("接口")

    def ready(self) -> None:
        from yifa.core.modules import register_module

        from .registration import MODULE

        register_module(MODULE)
