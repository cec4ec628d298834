"""The back office: 我的通知 in the menu with the unread count on every page, the inbox, the settings,
and the delivery log in the settings menu (system administrators)."""

from __future__ import annotations

from typing import Any

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.site_summary import SummaryItem
from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent
from wagtail.permissions import register_permission_policy

from . import selectors, views
from .models import Delivery
from .policies import delivery_policy

register_permission_policy(Delivery, delivery_policy)


@hooks.register("register_admin_urls")
def register_urls() -> list:
    return [
        path("notifications/", views.InboxView.as_view(), name="notifications_inbox"),
        path("notifications/<int:pk>/", views.open_notification, name="notifications_open"),
        path("notifications/settings/", views.PreferenceView.as_view(), name="notifications_preferences"),
        path("notifications/deliveries/", views.DeliveryLogView.as_view(), name="notifications_deliveries"),
    ]


class InboxMenuItem(MenuItem):
    """我的通知, with the number unread: in the label (read out, and the tooltip of the slim sidebar) and
    as a badge on the icon. Menu items are built once; the count is the request's own."""

    def render_component(self, request: Any) -> LinkMenuItemComponent:
        unread = selectors.unread_count(request.user)
        label = str(self.label)
        attrs = dict(self.attrs)
        if unread:
            label = _("%(label)s（%(n)s 条未读）") % {"label": label, "n": unread}
            attrs["data-yifa-unread"] = str(unread) if unread < 100 else "99+"
        return LinkMenuItemComponent(self.name, label, self.url, icon_name=self.icon_name, classname=self.classname,
                                     attrs=attrs)


@hooks.register("register_admin_menu_item")
def inbox_menu_item() -> MenuItem:
    return InboxMenuItem(gettext_lazy("我的通知"), reverse("notifications_inbox"), name="notifications",
                         icon_name="mail", order=145)


class DeliveryLogMenuItem(MenuItem):
    def is_shown(self, request: Any) -> bool:
        return delivery_policy.can(request.user, "view")


@hooks.register("register_settings_menu_item")
def delivery_log_menu_item() -> MenuItem:
    return DeliveryLogMenuItem(gettext_lazy("通知发送记录"), reverse("notifications_deliveries"),
                               name="notification-deliveries", icon_name="list-ul", order=900)


class UnreadSummaryItem(SummaryItem):
    """未读通知 N on the dashboard's summary line, beside the pages and documents."""

    order = 50
    template_name = "notifications/admin/summary_item.html"

    def get_context_data(self, parent_context: Any) -> dict[str, Any]:
        return {"unread": selectors.unread_count(self.request.user)}


@hooks.register("construct_homepage_summary_items")
def add_unread_summary_item(request: Any, items: list) -> None:
    items.insert(0, UnreadSummaryItem(request))


@hooks.register("register_account_menu_item")
def preferences_account_item(request: Any) -> dict[str, Any]:
    return {"url": reverse("notifications_preferences"), "label": _("通知设置"),
            "help_text": _("选择哪些事项同时用电子邮件或短信通知您。")}


@hooks.register("insert_global_admin_css")
def notifications_css() -> str:
    return format_html('<link rel="stylesheet" href="{}">', static("notifications/admin.css"))
