"""Reading staff API tokens: the list a person may manage, and the token a request presents."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from .models import ApiToken
from .policies import api_token_policy
from .tokens import hash_token


def tokens_visible_to(user: Any) -> QuerySet[ApiToken]:
    """Their own tokens; every token for a system administrator. Newest first."""
    return api_token_policy.visible(user).select_related("user__staff").order_by("-created_at", "-id")


def token_by_plaintext(plaintext: str) -> ApiToken | None:
    """The token row with this hash, whatever its state (the caller says why it refuses one)."""
    return ApiToken.objects.select_related("user").filter(token_hash=hash_token(plaintext)).first()
