"""The back office's disclosure screens and their menu entry."""

from __future__ import annotations

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.permissions import register_permission_policy

from . import admin_views
from .models import DisclosureRequest
from .policies import request_policy

register_permission_policy(DisclosureRequest, request_policy)


@hooks.register("register_admin_urls")
def register_urls() -> list:
    return [
        path("disclosure/", admin_views.request_queue, name="disclosure_queue"),
        path("disclosure/statistics/", admin_views.statistics, name="disclosure_statistics"),
        path("disclosure/fees/", admin_views.fee_calculator, name="disclosure_fees"),
        path("disclosure/<int:pk>/", admin_views.request_detail, name="disclosure_request"),
        path("disclosure/<int:pk>/step/<slug:step>/", admin_views.request_step, name="disclosure_step"),
        path("disclosure/<int:pk>/notice/<slug:kind>.docx", admin_views.request_notice, name="disclosure_notice"),
        path("disclosure/<int:pk>/attachment/<int:attachment_id>/", admin_views.request_attachment,
             name="disclosure_attachment"),
    ]


@hooks.register("register_admin_menu_item")
def disclosure_menu_item() -> MenuItem:
    return MenuItem(_("依申请公开"), reverse("disclosure_queue"), icon_name="doc-full", order=200)
