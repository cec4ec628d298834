"""The back office's public-message screens and their menu entry."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from . import admin_views
from .models import Message
from .policies import message_policy

register_permission_policy(Message, message_policy)


@hooks.register("register_admin_urls")
def register_urls() -> list:
    return [
        path("interaction/", admin_views.message_queue, name="interaction_queue"),
        path("interaction/<int:pk>/", admin_views.message_detail, name="interaction_message"),
        path("interaction/<int:pk>/step/<slug:step>/", admin_views.message_step, name="interaction_step"),
    ]


@hooks.register("register_admin_menu_item")
def interaction_menu_item() -> MenuItem:
    return MenuItem(_("公众留言"), reverse("interaction_queue"), icon_name="mail", order=210)
