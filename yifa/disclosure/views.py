"""The public side on the portal: the application form, its confirmation, and tracking by code."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from yifa.audit.actors import PublicVisitor
from yifa.calendar.explain import explain
from yifa.calendar.selectors import deadline_of, deadline_progress
from yifa.core.errors import ActionRefused
from yifa.core.ratelimit import hit, refund

from . import actions
from .forms import ApplicationForm, TrackForm
from .models import DisclosureRequest
from .selectors import find_for_tracking, public_steps

RATE_LIMIT = getattr(settings, "YIFA_DISCLOSURE_FORM_LIMIT", 5)  # requests per client per hour
SESSION_KEY = "disclosure_submitted"


def application(request: HttpRequest) -> HttpResponse:
    """政府信息公开申请: the national form's fields, online."""
    form = ApplicationForm(request.POST or None, request.FILES or None)
    limited = False
    if request.method == "POST" and form.is_valid():
        # Counted once the request is complete, and given back if it is refused: a citizen correcting a
        # mistake, or refused for another reason, is not held back.
        if not hit(request, "disclosure-application", limit=RATE_LIMIT, window_seconds=3600):
            limited = True
            form.add_error(None, _("提交过于频繁：同一网络每小时最多提交 %(n)s 件申请，请稍后再试。") % {"n": RATE_LIMIT})
        else:
            item: DisclosureRequest = form.save(commit=False)
            item.channel = "online"
            visitor = PublicVisitor("disclosure-applicant", request.META.get("REMOTE_ADDR", ""))
            try:
                actions.submit_request(actor=visitor, request=item, uploads=form.cleaned_data.get("attachments", []))
            except ValidationError as error:
                refund(request, "disclosure-application", limit=RATE_LIMIT, window_seconds=3600)
                for field, errors in getattr(error, "message_dict", {"__all__": error.messages}).items():
                    form.add_error(None if field == "__all__" or field not in form.fields else field, errors)
            except ActionRefused as error:
                refund(request, "disclosure-application", limit=RATE_LIMIT, window_seconds=3600)
                form.add_error(None, error.message)
            else:
                request.session[SESSION_KEY] = [item.tracking_code, item.reference, item.department.name]
                return redirect("disclosure:submitted")
    return TemplateResponse(request, "disclosure/portal/application.html", {
        "form": form}, status=429 if limited else 200)


def submitted(request: HttpRequest) -> HttpResponse:
    data = request.session.get(SESSION_KEY)
    if not data:
        return redirect("disclosure:application")
    code, reference, department = data
    return TemplateResponse(request, "disclosure/portal/submitted.html", {
        "code": code, "reference": reference, "department": department})


def track(request: HttpRequest) -> HttpResponse:
    """The applicant follows the request: its status, when the reply is due and how that date was computed."""
    # POST: the code and the phone stay out of access logs and browser history (a GET would carry them).
    form = TrackForm(request.POST if request.method == "POST" else None)
    item = None
    not_found = False
    if request.method == "POST" and form.is_valid():
        if not hit(request, "disclosure-track", limit=60, window_seconds=3600):
            form.add_error(None, _("查询过于频繁，请稍后再试。"))
        else:
            item = find_for_tracking(form.cleaned_data["code"], form.cleaned_data["phone"])
            not_found = item is None
    reply = deadline_of(item, actions.REPLY, running=False) if item else None
    return TemplateResponse(request, "disclosure/portal/track.html", {
        "form": form, "item": item, "not_found": not_found, "reply": reply,
        "trace": explain(reply.trace, reply.unit) if reply else [],
        "progress": deadline_progress(reply) if reply else None,
        "steps": public_steps(item) if item else [],
    }, status=404 if not_found else 200)
