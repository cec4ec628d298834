"""The back office of the lists: each list (scoped to the user's departments), the change requests as
case screens, the import and export screens, and the menu that holds them."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSetGroup
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permissions import register_permission_policy

from yifa.backoffice.viewsets import ScopedIndexView, ScopedInspectView, ScopedModelViewSet

from . import admin_views
from .models import (
    Adjustment,
    ApprovalVersion,
    Catalogue,
    IntermediaryVersion,
    Item,
    PowerVersion,
)
from .policies import (
    adjustment_policy,
    approval_version_policy,
    intermediary_version_policy,
    item_policy,
    power_version_policy,
)

register_permission_policy(Item, item_policy)
register_permission_policy(PowerVersion, power_version_policy)
register_permission_policy(IntermediaryVersion, intermediary_version_policy)
register_permission_policy(ApprovalVersion, approval_version_policy)
register_permission_policy(Adjustment, adjustment_policy)


def _refused(**_kwargs: Any) -> Any:
    raise PermissionError("lists change only through adjustments")


class InForceIndexView(ScopedIndexView):
    """The user's departments' items in force today; changes are proposed from an item's screen."""

    catalogue = Catalogue.POWER

    def get_base_queryset(self) -> QuerySet:
        today = timezone.localdate()
        return super().get_base_queryset().filter(effective_from__lte=today).filter(
            Q(effective_to__isnull=True) | Q(effective_to__gt=today)).select_related("department")

    @property
    def header_buttons(self) -> list:
        buttons = []
        if admin_views.proposing_departments(self.request.user).exists():
            buttons.append(HeaderButton(_("提出新增事项"), url=reverse("powers_admin_new", args=[self.catalogue]),
                                        icon_name="plus"))
            if self.catalogue == Catalogue.POWER:
                buttons.append(HeaderButton(_("导入"), url=reverse("powers_admin_import"), icon_name="upload"))
        buttons.append(HeaderButton(_("导出"), url=reverse("powers_admin_export") + f"?catalogue={self.catalogue}"
                                    "&status=in_force&format=xlsx", icon_name="download"))
        return buttons


class VersionInspectView(ScopedInspectView):
    template_name = "powers/admin/version.html"
    page_title = _("事项详情")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context.update(admin_views.version_context(self.request.user, self.object))
        return context


def _version_viewset(model: type, catalogue: str, name: str, label: Any, icon: str, columns: list) -> type:
    index = type(f"{name}Index", (InForceIndexView,), {"catalogue": catalogue})
    return type(f"{name}ViewSet", (ScopedModelViewSet,), {
        "model": model, "name": name, "url_prefix": f"powers/{name}", "icon": icon, "menu_label": label,
        "list_display": columns, "search_fields": ["name", "code"], "list_filter": ["department"],
        "index_view_class": index, "inspect_view_class": VersionInspectView, "form_fields": ["name"],
        "write_action": staticmethod(_refused), "list_per_page": 50,
    })


PowerItemViewSet = _version_viewset(
    PowerVersion, Catalogue.POWER, "power_items", _("权力事项"), "list-ul",
    ["code", "name", Column("power_type", label=_("事项类型"), accessor="get_power_type_display"), "department",
     "effective_from"])
PowerItemViewSet.list_filter = ["power_type", "department"]  # type: ignore[attr-defined]
IntermediaryViewSet = _version_viewset(
    IntermediaryVersion, Catalogue.INTERMEDIARY, "power_intermediaries", _("中介服务事项"), "link",
    ["code", "name", "department", Column("fee_nature", label=_("收费性质"), accessor="get_fee_nature_display"),
     "effective_from"])
ApprovalViewSet = _version_viewset(
    ApprovalVersion, Catalogue.APPROVAL, "power_approvals", _("行政审批项目"), "tick-inverse",
    ["code", "name", "department", Column("category", label=_("审批类别"), accessor="get_category_display"),
     "effective_from"])


class ImportMenuItem(MenuItem):
    """导入权力清单 only for those who may propose changes somewhere: the screen refuses everyone else."""

    def is_shown(self, request: Any) -> bool:
        return admin_views.proposing_departments(request.user).exists()


class ListsGroup(ModelViewSetGroup):
    menu_label = _("权责清单")
    menu_icon = "list-ul"
    menu_order = 300
    items = (PowerItemViewSet, IntermediaryViewSet, ApprovalViewSet)

    def get_submenu_items(self) -> list:
        items = super().get_submenu_items()
        order = len(items) + 1
        # The change requests' queue is the generic case screen of the "power-change" case type.
        items.append(MenuItem(_("清单调整申请"), reverse("power-change:index"), icon_name="tasks", order=order))
        items.append(ImportMenuItem(_("导入权力清单"), reverse("powers_admin_import"), icon_name="upload",
                                    order=order + 1))
        items.append(MenuItem(_("导出清单"), reverse("powers_admin_export"), icon_name="download", order=order + 2))
        return items


@hooks.register("register_admin_viewset")
def register_lists() -> ListsGroup:
    return ListsGroup()


@hooks.register("register_admin_urls")
def register_urls() -> list:
    v = admin_views
    return [
        path("powers/propose/<str:catalogue>/new/", v.propose_new, name="powers_admin_new"),
        path("powers/propose/<str:catalogue>/<int:pk>/change/", v.propose_change, name="powers_admin_change"),
        path("powers/propose/<str:catalogue>/<int:pk>/end/", v.propose_end, name="powers_admin_end"),
        path("powers/draft/<str:catalogue>/<int:pk>/", v.draft_preview, name="powers_admin_draft"),
        path("powers/adjustments/<int:pk>/remove/", v.remove_adjustment, name="powers_admin_remove"),
        path("powers/import/", v.import_list, name="powers_admin_import"),
        path("powers/export/", v.export_list, name="powers_admin_export"),
    ]
