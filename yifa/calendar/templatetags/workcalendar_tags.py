"""Template helpers for deadlines: a state's label, a period's length as statutes write it."""

from __future__ import annotations

from django import template

from ..periods import format_length
from ..selectors import DeadlineState

register = template.Library()


@register.filter
def state_label(state: str) -> str:
    try:
        return str(DeadlineState(state).label)
    except ValueError:
        return state


@register.simple_tag
def period_length(length: int, unit: str) -> str:
    return format_length(length, unit)
