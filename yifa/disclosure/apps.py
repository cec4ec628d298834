from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosureConfig(AppConfig):
    name = "yifa.disclosure"
    label = "disclosure"
    verbose_name = _("依申请公开")

    def ready(self) -> None:
        from yifa.audit.event_types import register_event_types
        from yifa.portal.registry import register_public_listing

        register_public_listing(
            "disclosure", label=_("依申请公开：在线提交政府信息公开申请"), url_name="disclosure:application",
            description=_("提交申请、查询办理进度和答复期限"),
        )

        register_event_types(
            {
                "disclosure.submitted": _("提交政府信息公开申请"),
                "disclosure.registered": _("登记申请"),
                "disclosure.correction_requested": _("告知补正"),
                "disclosure.corrected": _("收到补正"),
                "disclosure.closed_no_correction": _("逾期未补正，不再处理"),
                "disclosure.consultation_started": _("征求意见"),
                "disclosure.consultation_ended": _("收到意见"),
                "disclosure.extended": _("延长答复期限"),
                "disclosure.fee_notified": _("发出收费通知"),
                "disclosure.fee_paid": _("确认缴费"),
                "disclosure.closed_fee_unpaid": _("逾期未缴费，不再处理"),
                "disclosure.transferred": _("告知向负责公开的机关申请"),
                "disclosure.replied": _("答复申请"),
            }
        )
