from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "yifa.audit"
    label = "audit"
    verbose_name = _("审计日志")

    def ready(self) -> None:
        from yifa.core.modules import Module, register_module

        from .event_types import AUDIT_EVENT_TYPES

        register_module(Module("audit", verbose_name=self.verbose_name, event_types=AUDIT_EVENT_TYPES))
