"""Logging out ends the session on the server, whether the link is followed (GET) or the form sent (POST).

Wagtail's logout view lets Django's refuse a GET (405) and still deletes the session cookie, so the
browser forgets the session while the server keeps it valid: anyone holding the old cookie stays in."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from wagtail.admin.views.account import LogoutView as WagtailLogoutView


class LogoutView(WagtailLogoutView):
    http_method_names = ["get", "post", "options"]

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.post(request, *args, **kwargs)
