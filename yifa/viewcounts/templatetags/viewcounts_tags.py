"""`{% view_counter page %}`: a page's 点击数, kept exact by the beacon script (see views.beacon)."""

from __future__ import annotations

from typing import Any

from django import template

from ..selectors import view_total

register = template.Library()


@register.inclusion_tag("viewcounts/counter.html")
def view_counter(page: Any) -> dict[str, Any]:
    return {"page": page, "views": view_total(page.pk)}
