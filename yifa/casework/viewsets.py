"""The generic case screens, built once on Wagtail's generic views and used by every registered case type.

For each `CaseType` a `CaseViewSet` gives, under /admin/cases/<kind>/:
- the queue (`index`): filters by status, department, deadline state and "assigned to me"; sorted by
  the case type's own clock; each row's deadline state;
- the case screen (`case`): the module's facts, the deadlines with their traces, the attachments,
  the steps this user may take now (blocked ones disabled, with the reason), the module's panels and
  the event log; assignment (分派);
- a step form (`step`): the step's own form, performed through `casework.actions.take_step`;
- attachments (`attachment`): downloaded only through the case's policy;
- intake (`new`), when the case type declares one: staff enter a case that came on paper.

Views parse, check what the user may see and render; every write is an action.
"""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet
from wagtail.admin.widgets.button import HeaderButton

from yifa.calendar.explain import explain
from yifa.calendar.selectors import deadline_of, deadline_progress, deadlines_of
from yifa.core.errors import ActionRefused
from yifa.org.models import Department
from yifa.org.scoping import department_scope

from . import actions, selectors
from .attachments import attachment_response, attachments_of, correspondence_of
from .registry import CaseType
from .transitions import step_options

STATE_CHOICES = [(state.value, state.label) for state in selectors.DEADLINE_FILTERS]


def render_panels(request: HttpRequest, case: Any, panels: Any) -> list[dict[str, Any]]:
    rendered = []
    for panel in panels:
        values = dict(panel.context(request, case)) if panel.context else {}
        rendered.append({"template": panel.template, "context": {**values, "case": case}})
    return rendered


def case_url(case_type: CaseType, case: Any) -> str:
    return reverse(f"{case_type.kind}:case", args=[case.pk])


def person(user: Any) -> str:
    if user is None:
        return ""
    staff = getattr(user, "staff", None)
    return staff.name if staff is not None else user.get_username()


def refusal_message(error: Exception) -> str:
    """What a refused action says, whichever way it refused."""
    if isinstance(error, actions.StepInputInvalid):
        return error.message
    message = getattr(error, "message", None)
    if isinstance(error, ValidationError):
        return "；".join(str(m) for m in error.messages)
    return str(message or error) or _("您没有权限执行此操作。")


# --- the queue ------------------------------------------------------------------------------------


def _day(value: Any) -> str:
    return value.isoformat() if value else "—"


class StateColumn(Column):
    cell_template_name = "casework/cells/deadline_state.html"


def _departments(request: HttpRequest | None) -> QuerySet:
    scope = department_scope(getattr(request, "user", None))
    qs = Department.objects.filter(is_active=True).order_by("sort_order", "name")
    return qs if scope.all_departments else qs.filter(pk__in=scope.department_ids)


class CaseQueueFilterSet(WagtailFilterSet):
    """The queue's filters; the status itself is applied by the view (its default is "not finished")."""

    case_type: CaseType

    department = django_filters.ModelChoiceFilter(label=gettext_lazy("承办部门"), queryset=_departments)
    mine = django_filters.ChoiceFilter(label=gettext_lazy("经办人"), method="assigned_to_me",
                                       choices=[("1", gettext_lazy("分派给我的"))], empty_label=gettext_lazy("全部"))

    def assigned_to_me(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(assigned_to=self.request.user) if value == "1" else queryset

    def by_deadline_state(self, queryset: QuerySet, name: str, value: str) -> QuerySet:
        return queryset.filter(main_state=value) if value else queryset


def queue_filterset(case_type: CaseType) -> type[WagtailFilterSet]:
    statuses = [(selectors.QUEUE_STATUS_ALL, gettext_lazy("全部")), *case_type.status_choices()]
    attributes: dict[str, Any] = {
        "case_type": case_type,
        "status": django_filters.ChoiceFilter(label=gettext_lazy("状态"), choices=statuses,
                                              empty_label=gettext_lazy("未办结"), method="applied_by_the_view"),
        "applied_by_the_view": lambda self, queryset, name, value: queryset,
        "Meta": type("Meta", (), {"model": case_type.model, "fields": []}),
    }
    if case_type.main_deadline:
        attributes["deadline"] = django_filters.ChoiceFilter(label=gettext_lazy("期限状态"), choices=STATE_CHOICES,
                                                             method="by_deadline_state")
    return type(f"{case_type.model.__name__}QueueFilterSet", (CaseQueueFilterSet,), attributes)


class CaseQueueView(generic.IndexView):
    case_type: CaseType = None  # type: ignore[assignment]  # set by the viewset
    results_template_name = "wagtailadmin/generic/index_results.html"
    is_searchable = True
    search_backend_name = None  # a substring match in the database: Chinese works, Wagtail's search does not
    paginate_by = 50
    any_permission_required = ["view"]

    def get_base_queryset(self) -> QuerySet:
        status = self.request.GET.get("status", "")
        valid = {value for value, _label in self.case_type.status_choices()} | {selectors.QUEUE_STATUS_ALL}
        return selectors.queue(self.case_type, self.request.user, status=status if status in valid else "")

    def order_queryset(self, queryset: QuerySet) -> QuerySet:
        if self.ordering in self.get_valid_orderings() and self.ordering not in ("", None):
            ordered = super().order_queryset(queryset)
            return ordered.order_by(*ordered.query.order_by, "-pk")
        return selectors.order_by_due(self.case_type, queryset)

    @cached_property
    def columns(self) -> list:
        case_type = self.case_type
        columns = [
            TitleColumn("reference", label=_("编号"), get_url=lambda case: case_url(case_type, case), sort_key="reference"),
            Column("summary", label=_("事项"), accessor=case_type.summary),
            Column("department", label=_("承办部门"), accessor="department.short_name"),
            Column("status", label=_("状态"), accessor="status_label", sort_key="status"),
            Column("assigned_to", label=_("经办人"), accessor=lambda case: person(case.assigned_to)),
        ]
        if case_type.main_deadline:
            columns += [Column("main_due", label=_("到期日"), sort_key="main_due", accessor=lambda case: _day(case.main_due)),
                        StateColumn("main_state", label=_("期限状态"))]
        else:
            columns.append(Column("opened_at", label=_("立案时间"), sort_key="opened_at",
                                  accessor=lambda case: _day(timezone.localdate(case.opened_at))))
        return columns

    def get_page_title(self) -> str:
        return str(self.case_type.menu_label or self.case_type.label_plural)

    @cached_property
    def header_buttons(self) -> list:
        buttons = [HeaderButton(link.label, url=reverse(link.url_name), icon_name=link.icon)
                   for link in self.case_type.header_links]
        intake = self.case_type.intake
        if intake is not None and self.case_type.policy.user_has_permission(self.request.user, intake.permission):
            buttons.insert(0, HeaderButton(intake.label, url=reverse(f"{self.case_type.kind}:new"), icon_name="plus"))
        return buttons


# --- the case screen ----------------------------------------------------------------------------------


class AssignForm(forms.Form):
    assignee: forms.ModelChoiceField = forms.ModelChoiceField(
        label=gettext_lazy("经办人"), queryset=None, required=False, empty_label=gettext_lazy("（不指定）"))  # type: ignore[arg-type]
    reason = forms.CharField(label=gettext_lazy("说明"), required=False, max_length=500)

    def __init__(self, *args: Any, case: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["assignee"]
        field.queryset = actions.assignable_users(case)  # type: ignore[attr-defined]
        field.label_from_instance = person  # type: ignore[attr-defined]


class CaseViewMixin(WagtailAdminTemplateMixin):
    case_type: CaseType = None  # type: ignore[assignment]  # set by the viewset
    request: HttpRequest

    @cached_property
    def case(self) -> Any:
        return selectors.case_or_404(self.case_type, self.request.user, self.kwargs["pk"])  # type: ignore[attr-defined]

    def get_header_icon(self) -> str:
        return self.case_type.icon

    def queue_crumb(self) -> dict[str, str]:
        return {"url": reverse(f"{self.case_type.kind}:index"),
                "label": str(self.case_type.menu_label or self.case_type.label_plural)}


class CaseView(CaseViewMixin, TemplateView):
    template_name = "casework/case.html"

    def get_page_title(self) -> str:
        return self.case.reference

    def get_page_subtitle(self) -> str:
        return self.case_type.summary(self.case)

    def get_breadcrumbs_items(self) -> list:
        return [*super().get_breadcrumbs_items(), self.queue_crumb(), {"url": "", "label": self.case.reference}]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        case, case_type, user = self.case, self.case_type, self.request.user
        main = deadline_of(case, case_type.main_deadline, running=False) if case_type.main_deadline else None
        panels = render_panels(self.request, case, case_type.panels)
        may_assign = not case.is_closed and case_type.policy.can(user, "assign", case)
        # Personal data of natural persons is shown only to those who handle the case (who may take one of its
        # steps); supervisors who only view it (leaders, the legal affairs office) read "仅承办人员可见".
        handles_case = any(case_type.policy.can(user, t.permission, case) for t in case_type.transitions)
        if handles_case:
            actions.record_personal_data_read(actor=user, case_type=case_type, case=case, screen="case",
                                              ip=self.request.META.get("REMOTE_ADDR") or None)
        context.update({
            "case": case, "case_type": case_type, "facts_template": case_type.detail_template,
            "handles_case": handles_case, "options": step_options(case, case_type.transitions, actor=user, policy=case_type.policy),
            "main_deadline": main, "trace": explain(main.trace, main.unit) if main else [],
            "progress": deadline_progress(main) if main else None, "deadlines": deadlines_of(case),
            "attachments": attachments_of(case), "correspondence": correspondence_of(case), "events": selectors.case_events(case).order_by("occurred_at", "id"),
            "panels": panels, "assignee": person(case.assigned_to),
            "assign_form": AssignForm(case=case, initial={"assignee": case.assigned_to_id}) if may_assign else None,
        })
        return context


class StepView(CaseViewMixin, TemplateView):
    template_name = "casework/step.html"
    http_method_names = ["get", "post"]

    @cached_property
    def step(self) -> Any:
        step = self.case_type.step(self.kwargs["step"])
        if step is None:
            raise Http404
        return step

    def get_page_title(self) -> str:
        return str(self.step.label)

    def get_page_subtitle(self) -> str:
        return self.case.reference

    def get_breadcrumbs_items(self) -> list:
        return [*super().get_breadcrumbs_items(), self.queue_crumb(),
                {"url": case_url(self.case_type, self.case), "label": self.case.reference},
                {"url": "", "label": str(self.step.label)}]

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render(actions.step_form(self.step, self.case))

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = actions.step_form(self.step, self.case, request.POST, request.FILES)
        try:
            actions.check_step_permission(actor=request.user, case_type=self.case_type, case=self.case, step=self.step)
        except PermissionDenied as error:
            form.is_valid()
            form.add_error(None, refusal_message(error))
            return self.render(form)
        if form.is_valid():
            try:
                self.step.perform(request.user, self.case, form.cleaned_data, request.FILES.getlist("attachments"))
            except (ActionRefused, PermissionDenied, ValidationError) as error:
                form.add_error(None, refusal_message(error))
            else:
                messages.success(request, _("已完成：%(step)s。") % {"step": self.step.label})
                return redirect(case_url(self.case_type, self.case))
        return self.render(form)

    def render(self, form: Any) -> HttpResponse:
        handles_case = self.case_type.policy.can(self.request.user, self.step.transition.permission, self.case)
        if handles_case:
            actions.record_personal_data_read(actor=self.request.user, case_type=self.case_type, case=self.case,
                                              screen=self.step.name, ip=self.request.META.get("REMOTE_ADDR") or None)
        option = next((o for o in step_options(self.case, [self.step.transition], actor=self.request.user,
                                               policy=self.case_type.policy)), None)
        return self.render_to_response(self.get_context_data(
            form=form, case=self.case, case_type=self.case_type, step=self.step,
            blocked=option.reason if option is not None and not option.allowed else (
                "" if option is not None else _("当前状态为“%(status)s”，不能执行此步骤。")
                % {"status": self.case.status_label()}),
            facts_template=self.case_type.detail_template, help_text=self.step.help_for(self.case),
            handles_case=handles_case,
            panels=render_panels(self.request, self.case, self.step.panels),
        ))


class IntakeView(CaseViewMixin, TemplateView):
    """Staff enter a case that came in on paper (the case type's `intake`)."""

    template_name = "casework/intake.html"
    http_method_names = ["get", "post"]

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        intake = self.case_type.intake
        if intake is None:
            raise Http404
        if not self.case_type.policy.user_has_permission(request.user, intake.permission):
            raise PermissionDenied
        self.intake = intake
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self) -> str:
        return str(self.intake.label)

    def get_breadcrumbs_items(self) -> list:
        return [*super().get_breadcrumbs_items(), self.queue_crumb(), {"url": "", "label": str(self.intake.label)}]

    def make_form(self, data: Any = None, files: Any = None) -> forms.BaseForm:
        return self.intake.form(data, files, user=self.request.user)  # type: ignore[call-arg]

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.render(self.make_form())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = self.make_form(request.POST, request.FILES)
        if form.is_valid():
            try:
                case = self.intake.perform(request.user, form.cleaned_data, request.FILES.getlist("attachments"))
            except ValidationError as error:
                for field, errors in getattr(error, "message_dict", {"__all__": error.messages}).items():
                    form.add_error(field if field in form.fields else None, errors)
            except (ActionRefused, PermissionDenied) as error:
                form.add_error(None, refusal_message(error))
            else:
                told = self.intake.confirmation(case) if self.intake.confirmation else ""
                messages.success(request, _("已登记：%(reference)s。") % {"reference": case.reference} + told)
                return redirect(case_url(self.case_type, case))
        return self.render(form)

    def render(self, form: Any) -> HttpResponse:
        return self.render_to_response(self.get_context_data(
            form=form, case_type=self.case_type, help_text=self.intake.help_text))


class AssignView(CaseViewMixin, TemplateView):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = AssignForm(request.POST, case=self.case)
        if not form.is_valid():
            messages.error(request, _("请选择本部门的工作人员。"))
        else:
            try:
                actions.assign_case(actor=request.user, case_type=self.case_type, case=self.case,
                                    assignee=form.cleaned_data["assignee"], reason=form.cleaned_data["reason"])
            except (ActionRefused, PermissionDenied) as error:
                messages.error(request, refusal_message(error))
            else:
                messages.success(request, _("已分派。"))
        return redirect(case_url(self.case_type, self.case))


def attachment_view(case_type: CaseType):  # type: ignore[no-untyped-def]
    def download(request: HttpRequest, pk: int, attachment_id: int) -> HttpResponseBase:
        case = selectors.case_or_404(case_type, request.user, pk)
        attachment = attachments_of(case).filter(pk=attachment_id).first()
        if attachment is None:
            raise Http404
        return attachment_response(attachment)

    return download


class CaseMenuItem(MenuItem):
    """Shown only to users whose role may see this case type: no menu item leads to a refusal."""

    def __init__(self, *args: Any, policy: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.policy = policy

    def is_shown(self, request: HttpRequest) -> bool:
        return bool(self.policy.user_has_permission(request.user, "view"))


class CaseViewSet(ViewSet):
    """The screens of one case type. Registered for every case type in the registry."""

    def __init__(self, case_type: CaseType) -> None:
        self.case_type = case_type
        self.icon = case_type.icon
        self.menu_label = case_type.menu_label or case_type.label_plural
        self.menu_order = case_type.menu_order
        self.add_to_admin_menu = case_type.menu_order is not None
        super().__init__(name=case_type.kind)

    @cached_property
    def url_prefix(self) -> str:
        return f"cases/{self.case_type.kind}"

    def get_menu_item(self, order: int | None = None) -> MenuItem:
        return CaseMenuItem(self.menu_label, self.menu_url, name=self.case_type.kind, icon_name=self.icon,
                            order=self.get_menu_item_order(order), policy=self.case_type.policy)

    def get_urlpatterns(self) -> list:
        case_type = self.case_type
        queue_kwargs = {
            "case_type": case_type, "model": case_type.model, "permission_policy": case_type.policy,
            "index_url_name": f"{case_type.kind}:index", "index_results_url_name": f"{case_type.kind}:results",
            "filterset_class": queue_filterset(case_type), "search_fields": list(case_type.search_fields),
            "header_icon": case_type.icon,
        }
        return [
            path("", CaseQueueView.as_view(**queue_kwargs), name="index"),
            path("results/", CaseQueueView.as_view(results_only=True, **queue_kwargs), name="results"),
            path("new/", IntakeView.as_view(case_type=case_type), name="new"),
            path("<int:pk>/", CaseView.as_view(case_type=case_type), name="case"),
            path("<int:pk>/step/<slug:step>/", StepView.as_view(case_type=case_type), name="step"),
            path("<int:pk>/assign/", AssignView.as_view(case_type=case_type), name="assign"),
            path("<int:pk>/attachment/<int:attachment_id>/", attachment_view(case_type), name="attachment"),
        ]


class WorkQueueView(WagtailAdminTemplateMixin, TemplateView):
    """工作台: across every case type, what the user has to do."""

    template_name = "casework/work_queue.html"
    page_title = gettext_lazy("工作台")
    header_icon = "tasks"

    def get_breadcrumbs_items(self) -> list:
        return [*super().get_breadcrumbs_items(), {"url": "", "label": str(self.page_title)}]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["sections"] = section_rows(selectors.work_queue(self.request.user))
        return context


SECTION_LABELS = {
    "new": gettext_lazy("新收待处理"),
    "assigned": gettext_lazy("分派给我的"),
    "waiting": gettext_lazy("等待我处理的"),
    "overdue": gettext_lazy("已逾期"),
    "due_soon": gettext_lazy("即将到期"),
    "paused": gettext_lazy("中止计时"),
}


def section_rows(sections: list[selectors.WorkSection]) -> list[dict[str, Any]]:
    return [{
        "key": section.key, "label": SECTION_LABELS[section.key], "total": section.total,
        "more": max(section.total - len(section.items), 0),
        "rows": [{"url": case_url(item.case_type, item.case), "kind": item.case_type.label, "case": item.case,
                  "summary": item.case_type.summary(item.case), "due": item.due, "state": item.state,
                  "assignee": person(item.case.assigned_to)} for item in section.items],
    } for section in sections]
