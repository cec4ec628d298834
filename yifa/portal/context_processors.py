"""Template context for module pages on the portal: the column (栏目) that shows the module.

A module's public pages (e.g. /hudong/ of 互动交流) live outside Wagtail's page tree; their navigation,
breadcrumbs and ColumnName meta tag need the column an editor chose to show the module's listing. The
column is found by the listing the module declared, never by a slug, and only when a template uses it.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from yifa.core import modules


def _column_for(namespace: str) -> Any:
    from .models import ColumnPage

    # The listing's namespace is all but its last part: "portal:agencies:index" frames "portal:agencies" pages.
    names = [listing.name for listing in modules.listings() if listing.url_name.rsplit(":", 1)[0] == namespace]
    if not names:
        return None
    return ColumnPage.objects.live().filter(module_listing__in=names).order_by("path").first()


def module_column(request: HttpRequest) -> dict[str, Any]:
    match = getattr(request, "resolver_match", None)
    namespace = getattr(match, "namespace", "") or ""
    # The portal's own pages (search, the catalogue) set their column themselves.
    if not namespace or namespace == "portal" or namespace.startswith(("wagtail", "admin")):
        return {}
    return {"column": SimpleLazyObject(lambda: _column_for(namespace))}
