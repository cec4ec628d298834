from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "yifa.casework"
    label = "casework"
    verbose_name = _("案件基础")

    def ready(self) -> None:
        from yifa.audit.event_types import register_event_types

        register_event_types(
            {
                "case.attachment_added": _("上传附件"),
            }
        )
