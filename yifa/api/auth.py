"""Bearer-token authentication for the staff API.

A request without a usable token gets 401 with a JSON `{"detail": …}` in Chinese and no data. The
token is never logged: ninja's own HttpBearer logs an unexpected Authorization header in DEBUG, so
this class reads the header itself; Django's 4xx log line names only the method and path.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError
from ninja.security import HttpBearer

from .actions import record_token_use
from .selectors import token_by_plaintext
from .tokens import looks_like_a_token

# Longer than any token: a header of megabytes is refused before it is split or hashed.
HEADER_LIMIT = 200


class TokenRefused(AuthenticationError):
    """401: the message says what to do, never what the token was."""

    def __init__(self, message: str) -> None:
        super().__init__(401, message)


class StaffToken(HttpBearer):
    """`Authorization: Bearer yifa_…`: the request acts as the token's user (`request.auth`)."""

    def __call__(self, request: HttpRequest) -> Any:
        header = request.headers.get(self.header, "")
        if not header.strip():
            raise TokenRefused(_("缺少访问令牌：请在请求头中提供 Authorization: Bearer <令牌>。"))
        scheme, _space, token = header[:HEADER_LIMIT].strip().partition(" ")
        if scheme.lower() != self.openapi_scheme or len(header) > HEADER_LIMIT:
            raise TokenRefused(_("Authorization 请求头格式不正确，应为：Bearer <令牌>。"))
        return self.authenticate(request, token.strip())

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        if not looks_like_a_token(token):
            raise TokenRefused(_("访问令牌无效。"))
        row = token_by_plaintext(token)
        if row is None or not row.user.is_active:
            raise TokenRefused(_("访问令牌无效。"))
        if row.is_revoked:
            raise TokenRefused(_("访问令牌已被吊销，请重新申请。"))
        if row.is_expired:
            raise TokenRefused(_("访问令牌已过期，请重新申请。"))
        record_token_use(row)
        return row.user
