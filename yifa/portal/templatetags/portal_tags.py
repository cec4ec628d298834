"""Template helpers for the portal: the navigation columns, file sizes as people read them."""

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


@register.filter
def document_type(document: Any) -> str:
    return (document.file_extension or "").upper()


@register.filter
def document_size(document: Any) -> str:
    try:
        return str(filesizeformat(document.file.size))
    except (OSError, ValueError):
        return ""
