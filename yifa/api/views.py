"""The back office's token screen (/admin/api-tokens/): one's own tokens (every token for a system
administrator), issuing a token for oneself, and revoking one — each write through the action.

A new token is shown once, in the response to the POST that issued it: not in a redirect's flash
message (the message store may be a cookie) and never again after.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from yifa.core.errors import ActionRefused

from .actions import issue_api_token, revoke_api_token
from .forms import IssueTokenForm
from .policies import is_system_admin
from .selectors import tokens_visible_to

PER_PAGE = 50


class TokenIndexView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "api/admin/tokens.html"
    page_title = gettext_lazy("接口令牌")
    header_icon = "key"
    http_method_names = ["get", "post"]

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        page = Paginator(tokens_visible_to(self.request.user), PER_PAGE).get_page(self.request.GET.get("p"))
        context.update(page=page, tokens=page.object_list, everyone=is_system_admin(self.request.user))
        context.setdefault("form", IssueTokenForm())
        return context

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = IssueTokenForm(request.POST)
        context: dict[str, Any] = {"form": form}
        if form.is_valid():
            try:
                row, plaintext = issue_api_token(actor=request.user, user=request.user,  # type: ignore[arg-type]
                                                 days=form.cleaned_data["days"], name=form.cleaned_data["name"])
            except (ActionRefused, PermissionDenied) as error:
                form.add_error(None, str(error))
            else:
                context.update(form=IssueTokenForm(), new_token=plaintext, new_row=row)
        response = self.render_to_response(self.get_context_data(**context))
        add_never_cache_headers(response)  # the page holding the token must not stay in a cache
        return response


def revoke_token(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method != "POST":
        return redirect("api_tokens")
    token = tokens_visible_to(request.user).filter(pk=pk).first()
    if token is None:
        raise Http404  # someone else's token does not exist for this user
    try:
        revoke_api_token(actor=request.user, token=token)
    except (ActionRefused, PermissionDenied) as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("已吊销令牌 %(prefix)s…；使用它的请求将被拒绝。") % {"prefix": token.prefix})
    return redirect("api_tokens")
