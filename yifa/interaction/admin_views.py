"""Back-office screens for public messages: the queue, a message with its steps, deadline and event log.

Views parse the forms and call the actions; a refused action shows its message on the form.
Another department's message does not exist for the user: every screen answers 404.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from yifa.calendar.models import Deadline
from yifa.calendar.selectors import deadlines_of, with_state
from yifa.casework.selectors import case_events
from yifa.casework.transitions import Transition, available_transitions
from yifa.core.breadcrumbs import breadcrumbs
from yifa.core.errors import ActionRefused
from yifa.org.models import Department
from yifa.org.scoping import department_scope

from . import actions, forms
from . import transitions as steps
from .models import Message
from .policies import message_policy
from .selectors import messages_visible_to, public_message, queue


@dataclass(frozen=True)
class Step:
    transition: Transition
    form: type
    run: Callable[[Any, Message, dict[str, Any]], Any]
    initial: Callable[[Message], dict[str, Any]] = lambda message: {}


STEPS: dict[str, Step] = {
    "reply": Step(steps.REPLY, forms.ReplyForm, lambda user, message, data: actions.reply_message(
        actor=user, message=message, reply=data["reply"]), initial=lambda message: {"reply": message.reply}),
    "publish": Step(steps.PUBLISH, forms.PublishForm, lambda user, message, data: actions.publish_message(
        actor=user, message=message)),
    "withdraw": Step(steps.WITHDRAW, forms.WithdrawForm, lambda user, message, data: actions.withdraw_message(
        actor=user, message=message, reason=data["reason"])),
    "close": Step(steps.CLOSE, forms.CloseForm, lambda user, message, data: actions.close_message(
        actor=user, message=message, reason=data["reason"], note=data["note"])),
}

STATUS_FILTERS = [("open", gettext_lazy("待答复和待公开")), *Message.Status.choices, ("all", gettext_lazy("全部"))]


def _message_or_404(request: HttpRequest, pk: int) -> Message:
    found = messages_visible_to(request.user).select_related("department").filter(pk=pk).first()
    if found is None:
        raise Http404  # another department's message does not exist for this user
    return found


@require_GET
def message_queue(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status") or "open"
    if status not in dict(STATUS_FILTERS):
        status = "open"
    scope = department_scope(request.user)
    try:
        department_id = int(request.GET.get("department") or 0) or None
    except ValueError:
        department_id = None
    qs = queue(request.user, status="" if status == "all" else status, department_id=department_id)
    page = Paginator(qs, 50).get_page(request.GET.get("p"))
    deadline_ids = [m.reply_deadline_id for m in page if m.reply_deadline_id]  # type: ignore[attr-defined]
    states = dict(with_state(Deadline.objects.filter(pk__in=deadline_ids)).values_list("pk", "state"))  # type: ignore[misc]
    title = _("公众留言")
    return TemplateResponse(request, "interaction/admin/queue.html", {
        "page_obj": page, "status": status, "statuses": STATUS_FILTERS, "department_id": department_id,
        "rows": [(m, states.get(m.reply_deadline_id)) for m in page],  # type: ignore[attr-defined]
        "departments": Department.objects.filter(is_active=True) if scope.all_departments else [],
        "page_title": title, "header_title": title, "header_icon": "mail",
        "breadcrumbs_items": breadcrumbs(("", title)),
    })


@require_GET
def message_detail(request: HttpRequest, pk: int) -> HttpResponse:
    found = _message_or_404(request, pk)
    available = available_transitions(found, [s.transition for s in STEPS.values()], actor=request.user,
                                      policy=message_policy)
    names = {s.transition.name: key for key, s in STEPS.items()}
    return TemplateResponse(request, "interaction/admin/message.html", {
        "item": found, "public": public_message(found), "deadlines": deadlines_of(found),
        "steps": [(names[t.name], t.label) for t in available], "events": case_events(found),
        "page_title": found.reference, "header_title": f"{found.reference} {found.subject}", "header_icon": "mail",
        "breadcrumbs_items": breadcrumbs((reverse("interaction_queue"), _("公众留言")), ("", found.reference)),
    })


@require_http_methods(["GET", "POST"])
def message_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    found = _message_or_404(request, pk)
    spec = STEPS.get(step)
    if spec is None:
        raise Http404
    form = spec.form(request.POST if request.method == "POST" else None, initial=spec.initial(found))
    if request.method == "POST" and form.is_valid():
        try:
            spec.run(request.user, found, form.cleaned_data)
        except (ActionRefused, PermissionDenied, ValidationError) as error:
            message = getattr(error, "message", None) or "；".join(getattr(error, "messages", [])) or str(error) \
                or _("您没有权限执行此操作。")
            form.add_error(None, str(message))
        else:
            messages.success(request, _("已完成：%(step)s。") % {"step": spec.transition.label})
            return redirect("interaction_message", pk=found.pk)
    title = str(spec.transition.label)
    return TemplateResponse(request, "interaction/admin/step.html", {
        "item": found, "form": form, "step": spec.transition, "name": step, "public": public_message(found),
        "page_title": title, "header_title": f"{found.reference} · {title}", "header_icon": "mail",
        "breadcrumbs_items": breadcrumbs((reverse("interaction_queue"), _("公众留言")),
                                          (reverse("interaction_message", args=[found.pk]), found.reference),
                                          ("", title)),
    })
