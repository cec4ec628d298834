"""The token screen in the back office, linked from the settings menu and the account page."""

from __future__ import annotations

from typing import Any

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import views


@hooks.register("register_admin_urls")
def register_urls() -> list:
    return [
        path("api-tokens/", views.TokenIndexView.as_view(), name="api_tokens"),
        path("api-tokens/<int:pk>/revoke/", views.revoke_token, name="api_token_revoke"),
    ]


@hooks.register("register_settings_menu_item")
def tokens_menu_item() -> MenuItem:
    return MenuItem(_("接口令牌"), reverse("api_tokens"), icon_name="key", order=900)


@hooks.register("register_account_menu_item")
def tokens_account_item(request: Any) -> dict[str, Any]:
    return {"url": reverse("api_tokens"), "label": _("接口令牌"),
            "help_text": _("签发和吊销调用工作人员接口（/api/cases）用的令牌。")}
