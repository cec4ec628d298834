"""What an API request must be: JSON that a browser cannot send across sites without asking first."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext as _

# A cross-site form may post text/plain that happens to be JSON; only application/json needs the
# browser's preflight, which another site's page does not get. So a JSON endpoint accepts nothing else.


def is_json(request: HttpRequest) -> bool:
    return request.content_type == "application/json"


def not_json() -> str:
    """The 415 message, in the caller's language."""
    return _("请求体应为 JSON，Content-Type 须为 application/json。")
