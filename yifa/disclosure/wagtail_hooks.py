"""The back office's disclosure screens beyond the generic case screens: notices, statistics, fees."""

from __future__ import annotations

from django.urls import path
from wagtail import hooks

from . import admin_views


@hooks.register("register_admin_urls")
def register_urls() -> list:
    return [
        path("disclosure/statistics/", admin_views.statistics, name="disclosure_statistics"),
        path("disclosure/fees/", admin_views.fee_calculator, name="disclosure_fees"),
        path("disclosure/<int:pk>/notice/<slug:kind>.docx", admin_views.request_notice, name="disclosure_notice"),
    ]
