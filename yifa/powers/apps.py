from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PowersConfig(AppConfig):
    name = "yifa.powers"
    label = "powers"
    verbose_name = _("权责清单")

    def ready(self) -> None:
        from yifa.audit.event_types import register_event_types
        from yifa.portal.registry import register_public_listing

        from . import search

        register_event_types(
            {
                "powers.changes_proposed": _("提出清单调整"),
                "powers.adjustment_removed": _("删除拟调整事项"),
                "powers.list_imported": _("导入权力清单"),
                "powers.request_submitted": _("提交合法性审查"),
                "powers.request_recalled": _("撤回提交"),
                "powers.request_approved": _("合法性审查通过"),
                "powers.request_returned": _("合法性审查退回"),
                "powers.request_withdrawn": _("撤销清单调整申请"),
                "powers.adjustments_took_effect": _("清单调整生效并公布"),
            }
        )
        register_public_listing(
            "powers", label=_("权责清单"), url_name="powers:list",
            description=_("各部门行政权力事项、责任事项、中介服务事项和行政审批项目，含权力运行流程图"),
        )
        search.register()
