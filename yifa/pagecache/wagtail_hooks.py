"""Marks the requests whose response may be stored: a published page anyone may see."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from wagtail import hooks

from .middleware import CACHEABLE_PAGE


@hooks.register("before_serve_page")
def mark_cacheable_page(page: Any, request: HttpRequest, serve_args: Any, serve_kwargs: Any) -> None:
    # Password-, login- and group-restricted pages (and their subpages) are never stored.
    if not page.get_view_restrictions().exists():
        setattr(request, CACHEABLE_PAGE, True)
