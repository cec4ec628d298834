"""The back office's breadcrumbs: the dashboard first, then each (url, label); a last url of "" is the current page."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _


def breadcrumbs(*items: tuple[str, str]) -> list[dict[str, str]]:
    return [{"url": reverse("wagtailadmin_home"), "label": _("首页")},
            *({"url": url, "label": str(label)} for url, label in items)]
