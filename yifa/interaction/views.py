"""The public side on the portal: the message form and its confirmation, the published messages with
their replies, and the author's lookup by query code. Views parse, validate and call the actions."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from yifa.audit.actors import PublicVisitor
from yifa.calendar.selectors import deadline_of
from yifa.core.errors import ActionRefused
from yifa.core.ratelimit import hit, refund
from yifa.org.models import Department
from yifa.org.selectors import department_filter

from . import actions
from .forms import LookupForm, MessageForm
from .models import Message
from .selectors import find_for_lookup, public_message, public_status, published_message, published_messages

SESSION_KEY = "interaction_submitted"
PER_PAGE = 10
LOOKUPS_PER_HOUR = 60


def messages_per_hour() -> int:
    return int(settings.YIFA_MESSAGE_LIMIT_PER_HOUR)


def leave_message(visitor: PublicVisitor, form: MessageForm) -> Message | None:
    """Save a valid form through the action; a refusal goes onto the form. Shared with the API."""
    message: Message = form.save(commit=False)
    try:
        return actions.submit_message(actor=visitor, message=message)
    except ValidationError as error:
        for field, errors in getattr(error, "message_dict", {"__all__": error.messages}).items():
            form.add_error(field if field in form.fields else None, errors)
    except ActionRefused as error:
        form.add_error(None, error.message)
    return None


def _chosen_department(request: HttpRequest) -> dict[str, int]:
    """?department=<code> (the link on an agency's page) preselects that department; an unknown code, none."""
    code = request.GET.get("department", "").strip()[:30]
    found = Department.objects.filter(code=code, is_active=True).values_list("pk", flat=True).first() if code else None
    return {"department": found} if found else {}


@require_http_methods(["GET", "POST"])
def submit(request: HttpRequest) -> HttpResponse:
    """我要留言."""
    form = MessageForm(request.POST if request.method == "POST" else None, initial=_chosen_department(request))
    status = 200
    if request.method == "POST" and form.is_valid():
        # Counted once the message is complete: a citizen correcting a typo is not held back.
        limit = messages_per_hour()
        if not hit(request, "interaction-message", limit=limit, window_seconds=3600):
            status = 429
            form.add_error(None, _("留言过于频繁：同一网络每小时最多提交 %(n)s 条留言，请一小时后再试。") % {"n": limit})
        else:
            visitor = PublicVisitor("message-author", request.META.get("REMOTE_ADDR", ""))
            message = leave_message(visitor, form)
            if message is None:
                # Refused: it stored nothing, so it costs nothing.
                refund(request, "interaction-message", limit=limit, window_seconds=3600)
            else:
                request.session[SESSION_KEY] = [message.query_code, message.reference, message.department.name]
                return redirect("interaction:submitted")
    recent = [public_message(m) for m in published_messages()[:5]]
    return TemplateResponse(request, "interaction/portal/submit.html", {
        "form": form, "recent": recent, "limit": messages_per_hour(),
        "reply_days": actions.reply_days(), "complex_days": actions.complex_reply_days(), "reply_rule": actions.reply_rule(),
    }, status=status)


@require_GET
def submitted(request: HttpRequest) -> HttpResponse:
    data = request.session.get(SESSION_KEY)
    if not data:
        return redirect("interaction:submit")
    code, reference, department = data
    return TemplateResponse(request, "interaction/portal/submitted.html", {
        "code": code, "reference": reference, "department": department})


@require_GET
def published(request: HttpRequest) -> HttpResponse:
    """留言选登: published messages and their replies, newest first, by department."""
    departments, chosen, unknown = department_filter(request.GET.get("department", ""))
    notice = _("没有代码为“%(code)s”的部门，已显示全部部门的留言。") % {"code": unknown} if unknown else ""
    page = Paginator(published_messages(department_id=chosen.pk if chosen else None), PER_PAGE).get_page(
        request.GET.get("p"))
    return TemplateResponse(request, "interaction/portal/published.html", {
        "page_obj": page, "items": [public_message(m) for m in page.object_list], "departments": departments,
        "chosen": chosen, "notice": notice,
        "querystring": f"department={chosen.code}" if chosen else "",
    })


@require_GET
def detail(request: HttpRequest, reference: str) -> HttpResponse:
    message = published_message(reference)
    if message is None:
        raise Http404
    return TemplateResponse(request, "interaction/portal/detail.html", {
        "item": public_message(message)})


@require_http_methods(["GET", "POST"])
def lookup(request: HttpRequest) -> HttpResponse:
    """The author follows their message with its query code and phone: nobody else's data is shown."""
    # POST: the code and the phone stay out of access logs and browser history (a GET would carry them).
    form = LookupForm(request.POST if request.method == "POST" else None)
    message = None
    not_found = False
    status = 200
    if request.method == "POST" and form.is_valid():
        if not hit(request, "interaction-lookup", limit=LOOKUPS_PER_HOUR, window_seconds=3600):
            status = 429
            form.add_error(None, _("查询过于频繁，请稍后再试。"))
        else:
            message = find_for_lookup(form.cleaned_data["code"], form.cleaned_data["phone"])
            not_found = message is None
            status = 404 if not_found else 200
    deadline = deadline_of(message, actions.REPLY, running=False) if message else None
    return TemplateResponse(request, "interaction/portal/lookup.html", {
        "form": form, "item": message, "not_found": not_found, "status_label": public_status(message) if message else "",
        "public": public_message(message) if message and message.is_public else None,
        "deadline": deadline,
    }, status=status)
