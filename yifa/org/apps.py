from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "yifa.org"
    label = "org"
    verbose_name = _("组织机构")

    def ready(self) -> None:
        from yifa.core.modules import DemoLoader, Module, register_module

        register_module(Module(
            "org", verbose_name=self.verbose_name, demo=DemoLoader(10, "yifa.org.demo.load"),
            event_types={
                "org.region_saved": _("保存行政区划"),
                "org.department_saved": _("保存部门"),
                "org.staff_saved": _("保存工作人员"),
                "org.membership_granted": _("授予角色"),
                "org.membership_revoked": _("撤销角色"),
                "org.account_linked": _("关联用户账户"),
                "org.agency_info_saved": _("保存机构公开信息"),
                "org.internal_unit_saved": _("保存内设机构"),
                "org.internal_unit_deleted": _("删除内设机构"),
                "org.leader_saved": _("保存领导信息"),
                "org.leader_deleted": _("删除领导信息"),
                "org.staff_transferred": _("人员调离"),
                "org.staff_retired": _("人员退休"),
                "org.department_abolished": _("机构撤销"),
                "org.legal_qualification_recorded": _("登记法律职业资格"),
            },
        ))
