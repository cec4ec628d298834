"""The back office's disclosure screens beyond the generic case screens: notices, statistics, fees, redaction."""

from __future__ import annotations

from django.urls import path
from wagtail import hooks

from . import admin_views


@hooks.register("register_admin_urls")
def register_urls() -> list:
    return [
        path("disclosure/statistics/", admin_views.statistics, name="disclosure_statistics"),
        path("disclosure/fees/", admin_views.fee_calculator, name="disclosure_fees"),
        path("disclosure/release-review/", admin_views.release_review_settings, name="disclosure_release_review"),
        path("disclosure/<int:pk>/notice/<slug:kind>.docx", admin_views.request_notice, name="disclosure_notice"),
        path("disclosure/<int:pk>/redaction/", admin_views.redaction_home, name="disclosure_redaction"),
        path("disclosure/<int:pk>/redaction/<int:attachment_id>/", admin_views.redact_screen, name="disclosure_redact"),
        path("disclosure/<int:pk>/redaction/result/<int:redaction_id>/", admin_views.redaction_result,
             name="disclosure_redaction_result"),
        path("disclosure/<int:pk>/page/<int:attachment_id>/<int:index>.png", admin_views.page_image,
             name="disclosure_page"),
    ]
