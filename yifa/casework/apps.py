from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "yifa.casework"
    label = "casework"
    verbose_name = _("案件基础")

    def ready(self) -> None:
        from yifa.core.modules import Module, register_module

        register_module(Module("casework", verbose_name=self.verbose_name, event_types={
            "case.attachment_added": _("上传附件"),
            "case.step_refused": _("办理步骤被拒绝"),
            "case.assigned": _("分派案件"),
            "case.personal_data_read": _("查看当事人个人信息"),
        }))
