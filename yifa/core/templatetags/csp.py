"""`{% csp_nonce %}`: the nonce of this response's Content-Security-Policy, for an inline script that must exist."""

from __future__ import annotations

from django import template

from yifa.core.middleware import current_nonce

register = template.Library()


@register.simple_tag
def csp_nonce() -> str:
    return current_nonce()
