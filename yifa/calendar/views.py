"""Back-office screens: deadlines (list and detail with the trace) and the calendar (years, a year, import, a day).

Views parse, check and render; every write is an action from `actions`.
"""

from __future__ import annotations

import calendar as month_calendar
import contextlib
import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.admin_url_finder import AdminURLFinder
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from yifa.audit.models import AuditEvent
from yifa.core.breadcrumbs import breadcrumbs
from yifa.core.errors import ActionRefused
from yifa.core.params import id_param
from yifa.org.models import Department
from yifa.org.scoping import department_scope

from . import actions
from .explain import SHORT_WEEKDAYS, WEEKDAYS, explain, holiday_name, source_label
from .forms import CalendarDayForm, ClearDayForm, NoticeImportForm
from .models import CalendarDay, CalendarRevision, Deadline, HolidayNotice
from .policies import calendar_day_policy
from .selectors import (
    DeadlineState,
    deadline_list,
    deadline_progress,
    deadlines_visible_to,
    with_state,
    year_statuses,
)
from .workcalendar import DayKind, current_calendar

STATE_FILTERS = [
    ("attention", gettext_lazy("即将到期和已逾期")),
    ("open", gettext_lazy("全部未结")),
    *DeadlineState.choices,
    ("all", gettext_lazy("全部")),
]


def target_url(finder: AdminURLFinder, deadline: Deadline) -> str | None:
    target = deadline.target
    if target is None:
        return None
    return finder.get_edit_url(target)


class AdminPage(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "date"


# --- deadlines ---------------------------------------------------------------------------------------


class DeadlineIndexView(AdminPage):
    template_name = "workcalendar/admin/deadline_index.html"
    page_title = gettext_lazy("期限")
    per_page = 50

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        request = self.request
        state = request.GET.get("state") or "attention"
        if state not in dict(STATE_FILTERS):
            state = "attention"
        department_id = id_param(request.GET.get("department"))
        today = timezone.localdate()
        qs = deadline_list(request.user, state="" if state == "all" else state, department_id=department_id,
                           today=today).prefetch_related("target", "suspensions")
        page = Paginator(qs, self.per_page).get_page(request.GET.get("p"))
        finder = AdminURLFinder(request.user)
        calendar = current_calendar()
        rows = [
            {"deadline": d, "url": target_url(finder, d), "progress": deadline_progress(d, today, calendar)}
            for d in page.object_list
        ]
        scope = department_scope(request.user)
        departments = Department.objects.filter(is_active=True)
        if not scope.all_departments:
            departments = departments.filter(pk__in=scope.department_ids)
        context.update(
            rows=rows, page_obj=page, state=state, states=STATE_FILTERS, department_id=department_id,
            departments=departments if departments.count() > 1 else [], today=today,
        )
        return context


class DeadlineDetailView(AdminPage):
    template_name = "workcalendar/admin/deadline_detail.html"

    def get_object(self) -> Deadline:
        deadline = with_state(deadlines_visible_to(self.request.user)).select_related("department").filter(
            pk=self.kwargs["pk"]).first()
        if deadline is None:
            raise Http404  # another department's deadline does not exist for this user
        return deadline

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        deadline = self.get_object()
        self.page_title = deadline.purpose
        events = AuditEvent.objects.filter(
            target_type_id=deadline.target_type_id, target_id=deadline.target_id, event_type__startswith="deadline.",
        ).filter(Q(new_values__deadline_id=deadline.pk) | Q(old_values__deadline_id=deadline.pk)).order_by(
            "occurred_at", "id")
        context.update(
            deadline=deadline,
            target=deadline.target,
            target_url=target_url(AdminURLFinder(self.request.user), deadline),
            progress=deadline_progress(deadline),
            trace=explain(deadline.trace, deadline.unit),
            suspensions=deadline.suspensions.all(),
            extensions=deadline.extensions.all(),
            events=events,
            page_title=deadline.purpose,
            header_title=deadline.purpose,
        )
        return context

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [*super().get_breadcrumbs_items(), {"url": reverse("workcalendar_deadlines"), "label": _("期限")},
                {"url": "", "label": _("期限详情")}]


# --- the calendar ------------------------------------------------------------------------------------


def _may_change_calendar(request: HttpRequest) -> bool:
    return bool(calendar_day_policy.can(request.user, "change"))


class CalendarIndexView(AdminPage):
    template_name = "workcalendar/admin/calendar_index.html"
    page_title = gettext_lazy("工作日历")

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        calendar = current_calendar()
        rows = []
        for status in reversed(year_statuses()):
            counts = {"off": 0, "worked": 0}
            day = dt.date(status.year, 1, 1)
            while day.year == status.year:
                info = calendar.day(day)
                if info.kind in (DayKind.HOLIDAY, DayKind.REST):
                    counts["off"] += 1
                elif info.kind in (DayKind.MAKEUP_WORKDAY, DayKind.WORKING):
                    counts["worked"] += 1
                day += dt.timedelta(days=1)
            rows.append({"status": status, **counts})
        context.update(
            rows=rows,
            may_change=_may_change_calendar(self.request),
            revisions=CalendarRevision.objects.all()[:10],
            manual_days=CalendarDay.objects.filter(notice__isnull=True).order_by("-date")[:20],
        )
        return context


class CalendarYearView(AdminPage):
    template_name = "workcalendar/admin/calendar_year.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        year = self.kwargs["year"]
        if not 1949 <= year <= 2199:
            raise Http404
        calendar = current_calendar()
        months = []
        weeks_of = month_calendar.Calendar(firstweekday=0)
        special = []
        for month in range(1, 13):
            weeks = []
            for week in weeks_of.monthdatescalendar(year, month):
                cells: list[dict[str, Any] | None] = []
                for day in week:
                    if day.month != month:
                        cells.append(None)
                        continue
                    info = calendar.day(day)
                    cells.append({"day": day, "info": info, "name": holiday_name(info.name)})
                    if info.kind not in (DayKind.WORKDAY, DayKind.WEEKEND) and day.month == month:
                        special.append({"day": day, "info": info, "name": holiday_name(info.name),
                                        "source": source_label(info.source)})
                weeks.append(cells)
            months.append({"number": month, "weeks": weeks})
        title = _("%(year)s 年工作日历") % {"year": year}
        context.update(
            year=year, status=calendar.year_status(year), months=months, special=special,
            weekdays=[(_(full), str(short)) for full, short in zip(WEEKDAYS, SHORT_WEEKDAYS, strict=True)], notice=HolidayNotice.objects.filter(year=year).first(),
            may_change=_may_change_calendar(self.request), page_title=title, header_title=title,
            previous_year=year - 1, next_year=year + 1,
        )
        return context

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [*super().get_breadcrumbs_items(), {"url": reverse("workcalendar_calendar"), "label": _("工作日历")},
                {"url": "", "label": _("%(year)s 年工作日历") % {"year": self.kwargs["year"]}}]


def _refuse_unless_keeper(request: HttpRequest) -> None:
    if not _may_change_calendar(request):
        raise PermissionDenied(_("只有政府法制机构和系统管理员可以修改工作日历。"))


def _breadcrumbs(label: str) -> list[dict[str, str]]:
    return breadcrumbs((reverse("workcalendar_calendar"), _("工作日历")), ("", label))


def notice_import(request: HttpRequest) -> HttpResponse:
    """Paste or upload a notice, see what it changes, then confirm."""
    _refuse_unless_keeper(request)
    form = NoticeImportForm(request.POST or None, request.FILES or None)
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        confirm = bool(data.get("confirm")) and "confirm" in request.POST
        try:
            outcome = actions.import_holiday_notice(
                actor=request.user, text=data["text"], year=data.get("year"),
                document_number=data.get("document_number") or "", dry_run=not confirm,
            )
        except ActionRefused as error:
            form.add_error(None, error.message)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            if confirm:
                if outcome.imported:
                    messages.success(request, _("已导入 %(year)s 年节假日安排（%(number)s），未结期限将按新日历重新计算。") % {
                        "year": outcome.notice.year, "number": outcome.notice.document_number})
                else:
                    messages.info(request, _("与已导入的通知相同，未作改动。"))
                return redirect("workcalendar_year", year=outcome.notice.year)
            preview = outcome
            form = NoticeImportForm(initial={
                "year": outcome.notice.year, "document_number": outcome.notice.document_number,
                "text": data["text"], "confirm": True,
            })
            # What is confirmed is what was previewed: to change it, start again.
            for name in ("year", "document_number", "text"):
                form.fields[name].widget.attrs["readonly"] = True
            form.fields.pop("file")
    title = _("导入节假日安排通知")
    return TemplateResponse(request, "workcalendar/admin/notice_import.html", {
        "form": form, "preview": preview, "page_title": title, "header_title": title, "header_icon": "date",
        "breadcrumbs_items": _breadcrumbs(title),
    })


def calendar_day(request: HttpRequest) -> HttpResponse:
    """Set one day by a document, or withdraw such a setting."""
    _refuse_unless_keeper(request)
    initial: dict[str, Any] = {}
    if request.GET.get("day"):
        with contextlib.suppress(ValueError):  # a malformed ?day= just leaves the form empty
            initial["day"] = dt.date.fromisoformat(request.GET["day"])
    form = CalendarDayForm(request.POST if request.method == "POST" and "set" in request.POST else None,
                           initial=initial)
    clear_form = ClearDayForm(request.POST if request.method == "POST" and "clear" in request.POST else None)
    if request.method == "POST":
        try:
            if "set" in request.POST and form.is_valid():
                data = form.cleaned_data
                actions.set_calendar_day(
                    actor=request.user, day=data["day"], is_working_day=data["is_working_day"],
                    source_document=data["source_document"], name=data["name"], note=data["note"],
                )
                messages.success(request, _("已设置 %(day)s。") % {"day": data["day"]})
                return redirect("workcalendar_year", year=data["day"].year)
            if "clear" in request.POST and clear_form.is_valid():
                day = dt.date.fromisoformat(request.POST.get("day", ""))
                actions.clear_calendar_day(actor=request.user, day=day, reason=clear_form.cleaned_data["reason"])
                messages.success(request, _("已撤销 %(day)s 的单独设置。") % {"day": day})
                return redirect("workcalendar_year", year=day.year)
        except ValueError:
            clear_form.add_error(None, _("日期无效。"))
        except ActionRefused as error:
            (form if "set" in request.POST else clear_form).add_error(None, error.message)
    existing = None
    if initial.get("day"):
        existing = CalendarDay.objects.filter(date=initial["day"], notice__isnull=True).first()
    title = _("设置日历日")
    return TemplateResponse(request, "workcalendar/admin/calendar_day.html", {
        "form": form, "clear_form": clear_form, "existing": existing, "page_title": title, "header_title": title,
        "header_icon": "date", "breadcrumbs_items": _breadcrumbs(title),
    })
