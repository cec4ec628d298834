"""Template helpers for the portal: the navigation columns, the footer's error-report link, file sizes as people
read them."""

from __future__ import annotations

from typing import Any

from django import template
from django.template.defaultfilters import filesizeformat
from wagtail.models import Page, Site

from ..selectors import top_columns

register = template.Library()


@register.simple_tag(takes_context=True)
def nav_columns(context: dict[str, Any]) -> Any:
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    root: Page | None = site.root_page if site is not None else None
    return top_columns(root)


@register.simple_tag(takes_context=True)
def site_root(context: dict[str, Any]) -> Page | None:
    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    return site.root_page if site is not None else None


@register.simple_tag(takes_context=True)
def error_report_link(context: dict[str, Any], portal: Any) -> str:
    """"我为政府网站找错" for the page being read, with the site identifier code ("" when none is set)."""
    if not portal or not getattr(portal, "error_report_url", ""):
        return ""
    request = context.get("request")
    return str(portal.error_report_link(request.build_absolute_uri() if request is not None else ""))


@register.filter
def document_type(document: Any) -> str:
    return (document.file_extension or "").upper()


@register.filter
def document_size(document: Any) -> str:
    try:
        return str(filesizeformat(document.file.size))
    except (OSError, ValueError):
        return ""
