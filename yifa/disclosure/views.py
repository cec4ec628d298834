"""The public side on the portal: the application form, its confirmation, and tracking by code."""

from __future__ import annotations

from urllib.parse import quote, urlencode

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from yifa.audit.actors import PublicVisitor
from yifa.calendar.explain import explain
from yifa.calendar.selectors import deadline_of, deadline_progress
from yifa.casework.attachments import attachment_response, correspondence_of
from yifa.core.errors import ActionRefused
from yifa.core.ratelimit import hit, refund
from yifa.org.models import Department
from yifa.org.selectors import department_filter

from . import actions
from .documents import DOCX, NOTICES, notice_docx, remedies
from .forms import ApplicationForm, OnlineCorrectionForm, TrackForm
from .models import DisclosureRequest
from .publication import ANSWERS
from .selectors import (
    applicant_notices,
    find_for_tracking,
    public_answer,
    public_steps,
    published_answer,
    published_answers,
    released_files,
)

RATE_LIMIT = getattr(settings, "YIFA_DISCLOSURE_FORM_LIMIT", 5)  # requests per client per hour
SESSION_KEY = "disclosure_submitted"


def application(request: HttpRequest) -> HttpResponse:
    """政府信息公开申请: the national form's fields, online."""
    # ?department=<code> (the link on an agency's page) preselects that agency; an unknown code, none.
    code = request.GET.get("department", "").strip()[:30]
    chosen = Department.objects.filter(code=code, is_active=True).values_list("pk", flat=True).first() if code else None
    form = ApplicationForm(request.POST or None, request.FILES or None, initial={"department": chosen} if chosen else {})
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
                remember(request, item)
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
    """The applicant finds a request by its code and the phone it was filed with; the browser then holds it for
    the session ("my requests") and shows it at its own address."""
    # POST: the code and the phone stay out of access logs and browser history (a GET would carry them).
    form = TrackForm(request.POST if request.method == "POST" else None,
                     initial={"code": request.GET.get("code", "")[:20]})
    not_found = False
    if request.method == "POST" and form.is_valid():
        if not hit(request, "disclosure-track", limit=60, window_seconds=3600):
            form.add_error(None, _("查询过于频繁，请稍后再试。"))
        else:
            item = find_for_tracking(form.cleaned_data["code"], form.cleaned_data["phone"])
            if item is not None:
                remember(request, item)
                return redirect("disclosure:tracked", code=item.tracking_code)
            not_found = True
    return TemplateResponse(request, "disclosure/portal/track.html", {
        "form": form, "not_found": not_found, "mine": remembered(request),
    }, status=404 if not_found else 200)


# --- the applicant's own requests: those whose code and phone this browser gave in this session ----------

TRACKED_KEY = "disclosure_tracked"
MAX_REMEMBERED = 20


def remember(request: HttpRequest, item: DisclosureRequest) -> None:
    codes = [code for code in request.session.get(TRACKED_KEY, []) if code != item.tracking_code]
    request.session[TRACKED_KEY] = [item.tracking_code, *codes][:MAX_REMEMBERED]


def remembered(request: HttpRequest) -> list[DisclosureRequest]:
    codes = request.session.get(TRACKED_KEY, [])
    found = {item.tracking_code: item for item in
             DisclosureRequest.objects.select_related("department").filter(tracking_code__in=codes)}
    return [found[code] for code in codes if code in found]


def _held(request: HttpRequest, code: str) -> DisclosureRequest | None:
    if code not in request.session.get(TRACKED_KEY, []):
        return None
    return DisclosureRequest.objects.select_related("department").filter(tracking_code=code).first()


def tracked(request: HttpRequest, code: str) -> HttpResponse:
    """One request as its applicant sees it: status, reply period and its computation, the steps, the 补正
    notice with a form to answer it, and once answered the reply, the 答复书 and the released files."""
    item = _held(request, code)
    if item is None:
        return redirect(reverse("disclosure:track") + "?" + urlencode({"code": code[:20]}))
    correction_form = None
    if actions.applicant_policy.can(None, "correct", item):
        correction_form = OnlineCorrectionForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and correction_form.is_valid():
            if not hit(request, "disclosure-correction", limit=RATE_LIMIT, window_seconds=3600):
                correction_form.add_error(None, _("提交过于频繁，请稍后再试。"))
            else:
                visitor = PublicVisitor("disclosure-applicant", request.META.get("REMOTE_ADDR", ""))
                try:
                    actions.submit_correction_online(actor=visitor, request=item, text=correction_form.cleaned_data["text"],
                                                     uploads=correction_form.cleaned_data.get("attachments", []))
                except ValidationError as error:
                    correction_form.add_error(None, error.messages)
                except ActionRefused as error:
                    correction_form.add_error(None, error.message)
                else:
                    messages.success(request, _("补正材料已提交，承办机关确认收到后，答复期限自收到补正之日起重新计算。"))
                    return redirect("disclosure:tracked", code=item.tracking_code)
    elif request.method == "POST":
        return redirect("disclosure:tracked", code=item.tracking_code)
    reply = deadline_of(item, actions.REPLY, running=False)
    return TemplateResponse(request, "disclosure/portal/tracked.html", {
        "item": item, "reply": reply,
        "trace": explain(reply.trace, reply.unit) if reply else [],
        "progress": deadline_progress(reply) if reply else None,
        "steps": public_steps(item), "notices": applicant_notices(item), "files": released_files(item),
        "sent": correspondence_of(item).filter(from_citizen=True), "correction_form": correction_form,
        "remedies": remedies(item.concluded_on) if item.concluded_on else "",
    })


def tracked_file(request: HttpRequest, code: str, attachment_id: int) -> HttpResponseBase:
    item = _held(request, code)
    attachment = released_files(item).filter(pk=attachment_id).first() if item else None
    if attachment is None:
        raise Http404
    return attachment_response(attachment)


def tracked_notice(request: HttpRequest, code: str, kind: str) -> HttpResponse:
    item = _held(request, code)
    if item is None or kind not in dict(applicant_notices(item)):
        raise Http404
    response = HttpResponse(notice_docx(item, kind), content_type=DOCX)
    filename = f"{item.reference}-{NOTICES[kind]}.docx"
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    return response


def my_requests(request: HttpRequest) -> HttpResponse:
    """我的申请: the requests this browser has opened in this session, and the form to open another."""
    return TemplateResponse(request, "disclosure/portal/mine.html", {"mine": remembered(request), "form": TrackForm()})


# --- the public log of answered requests (依申请公开答复选登) ---------------------------------------------

ANSWERS_PER_PAGE = 20


@require_GET
def answers(request: HttpRequest) -> HttpResponse:
    """Answered requests the departments published, newest first, by department; a search box searches them."""
    departments, chosen, unknown = department_filter(request.GET.get("department", ""))
    notice = _("没有代码为“%(code)s”的部门，已显示全部部门的答复。") % {"code": unknown} if unknown else ""
    page = Paginator(published_answers(department_id=chosen.pk if chosen else None), ANSWERS_PER_PAGE).get_page(
        request.GET.get("p"))
    return TemplateResponse(request, "disclosure/portal/answers.html", {
        "page_obj": page, "items": [public_answer(item) for item in page.object_list], "departments": departments,
        "chosen": chosen, "notice": notice, "querystring": f"department={chosen.code}" if chosen else "",
        "source": ANSWERS.name,
    })


@require_GET
def answer(request: HttpRequest, reference: str) -> HttpResponse:
    item = published_answer(reference)
    if item is None:
        raise Http404
    return TemplateResponse(request, "disclosure/portal/answer.html", {"item": public_answer(item)})


@require_GET
def answer_file(request: HttpRequest, reference: str, attachment_id: int) -> HttpResponseBase:
    item = published_answer(reference)
    attachment = released_files(item).filter(is_public=True, pk=attachment_id).first() if item else None
    if attachment is None:
        raise Http404
    return attachment_response(attachment)


@require_GET
def agency_guide(request: HttpRequest, code: str) -> HttpResponse:
    from django.shortcuts import get_object_or_404
    from django.utils import timezone

    from .guide import agency_guide as guide_of

    agency = get_object_or_404(Department, code=code, is_active=True)
    return TemplateResponse(request, "disclosure/portal/guide.html", {"guide": guide_of(agency, timezone.localdate())})
