from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackofficeConfig(AppConfig):
    name = "yifa.backoffice"
    label = "backoffice"
    verbose_name = _("后台")

    def ready(self) -> None:
        from . import login_throttle  # noqa: F401  (connects the failed-login counter)
