"""Back-office screens of enforcement personnel (行政执法人员), for the legal affairs office and the departments.

Every list is scoped by the model's policy (a department sees its own people and certificates), and every
save goes through an action in `actions` (policy, transaction, audit; a refusal shown on the form and logged).
The certificate's own screen (/admin/enforcement/certificates/<pk>/) shows its history and takes the status
changes: renewal, suspension, reinstatement, revocation, cancellation. A sitting's screen takes its scores.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _gettext
from django.utils.translation import gettext_lazy as _
from wagtail.admin import messages
from wagtail.admin.viewsets.model import ModelViewSetGroup
from wagtail.permissions import register_permission_policy

from yifa.backoffice.viewsets import ScopedModelViewSet
from yifa.core.errors import ActionRefused
from yifa.org import actions as org_actions
from yifa.org.models import Staff, StaffDeparture
from yifa.org.policies import staff_policy

from . import actions
from .models import AnnualReview, Certificate, DepartmentField, EnforcementField, ExamSitting, TrainingRecord
from .policies import (
    certificate_policy,
    department_field_policy,
    exam_result_policy,
    field_policy,
    review_policy,
    sitting_policy,
    training_policy,
)
from .selectors import ineligibility_reason

register_permission_policy(EnforcementField, field_policy)
register_permission_policy(DepartmentField, department_field_policy)
register_permission_policy(TrainingRecord, training_policy)
register_permission_policy(ExamSitting, sitting_policy)
register_permission_policy(Certificate, certificate_policy)
register_permission_policy(AnnualReview, review_policy)


class DeparturePolicy(type(staff_policy)):  # type: ignore[misc]
    rules = staff_policy.rules
    department_path = "from_department"


register_permission_policy(StaffDeparture, DeparturePolicy(StaffDeparture))


class FieldViewSet(ScopedModelViewSet):
    name = "enforcement-fields"
    model = EnforcementField
    icon = "tag"
    menu_label = _("执法门类")
    form_fields = ["code", "name", "sort_order", "is_active"]
    list_display = ["name", "code", "sort_order", "is_active"]
    search_fields = ["name", "code"]
    write_action = staticmethod(lambda *, actor, instance: actions.save_field(actor=actor, field=instance))


def _add_department_field(*, actor: Any, instance: DepartmentField) -> DepartmentField:
    held = list(EnforcementField.objects.filter(departments__department=instance.department))
    actions.set_department_fields(actor=actor, department=instance.department, fields=[*held, instance.field])
    return DepartmentField.objects.get(department=instance.department, field=instance.field)


def _remove_department_field(*, actor: Any, instance: DepartmentField) -> None:
    held = EnforcementField.objects.filter(departments__department=instance.department).exclude(pk=instance.field_id)
    actions.set_department_fields(actor=actor, department=instance.department, fields=list(held))


class DepartmentFieldViewSet(ScopedModelViewSet):
    name = "enforcement-department-fields"
    model = DepartmentField
    icon = "list-ul"
    menu_label = _("部门执法门类")
    form_fields = ["department", "field"]
    list_display = ["department", "field"]
    list_filter = ["field"]
    edit_view_enabled = False
    write_action = staticmethod(_add_department_field)
    delete_write_action = staticmethod(_remove_department_field)


def _record_training(*, actor: Any, instance: TrainingRecord) -> TrainingRecord:
    return actions.record_training(actor=actor, staff=instance.staff, course=instance.course, hours=instance.hours,
                                   completed_on=instance.completed_on, provider=instance.provider)


class TrainingViewSet(ScopedModelViewSet):
    name = "enforcement-training"
    model = TrainingRecord
    icon = "doc-full"
    menu_label = _("执法培训记录")
    form_fields = ["staff", "course", "hours", "completed_on", "provider"]
    list_display = ["staff", "course", "hours", "completed_on", "department"]
    list_filter = ["department"]
    search_fields = ["staff__name", "course"]
    write_action = staticmethod(_record_training)


def _create_sitting(*, actor: Any, instance: ExamSitting) -> ExamSitting:
    if not instance._state.adding:
        raise ActionRefused(_gettext("考试安排后不能修改；如有变化，请另行安排。"))
    return actions.create_sitting(actor=actor, title=instance.title, held_on=instance.held_on,
                                  location=instance.location, resit_of=instance.resit_of,
                                  pass_mark_value=instance.pass_mark)


class SittingViewSet(ScopedModelViewSet):
    name = "enforcement-sittings"
    model = ExamSitting
    icon = "date"
    menu_label = _("执法资格考试")
    form_fields = ["title", "held_on", "location", "pass_mark", "resit_of"]
    list_display = ["title", "held_on", "location", "pass_mark", "resit_of"]
    search_fields = ["title"]
    edit_view_enabled = False
    write_action = staticmethod(_create_sitting)


class IssueForm(forms.ModelForm):
    class Meta:
        model = Certificate
        fields = ["staff", "kind", "fields", "issued_on", "number", "area", "issuing_authority", "basis", "photo"]


def _issue(*, actor: Any, instance: Certificate) -> Certificate:
    if not instance._state.adding:
        raise ActionRefused(_gettext("证件颁发后只能换证、暂扣、恢复、吊销或注销，请在证件页面办理。"))
    form_fields = getattr(instance, "_chosen_fields", None) or []
    return actions.issue_certificate(
        actor=actor, staff=instance.staff, kind=instance.kind, fields=form_fields, issued_on=instance.issued_on,
        number=instance.number, area=instance.area, issuing_authority=instance.issuing_authority,
        basis=instance.basis, photo=instance.photo or None)


class CertificateViewSet(ScopedModelViewSet):
    name = "enforcement-certificates"
    model = Certificate
    icon = "user"
    menu_label = _("执法证件")
    form_fields = ["staff", "kind", "fields", "issued_on", "number", "area", "issuing_authority", "basis", "photo"]
    list_display = ["number", "staff", "department", "kind", "issued_on", "valid_until", "status"]
    list_filter = ["status", "kind", "department"]
    search_fields = ["number", "staff__name"]
    edit_view_enabled = False
    write_action = staticmethod(_issue)

    @property
    def add_view_class(self) -> type:  # type: ignore[override]
        base = super().add_view_class

        class IssueView(base):  # type: ignore[valid-type,misc]
            def save_instance(self) -> models.Model:
                # The many-to-many fields are not on the unsaved instance: hand them to the action.
                self.form.instance._chosen_fields = list(self.form.cleaned_data.get("fields") or [])
                return super().save_instance()

            def get_success_url(self) -> str:
                from django.urls import reverse

                return reverse("enforcement_certificate", args=[self.object.pk])

        return IssueView


def _review(*, actor: Any, instance: AnnualReview) -> AnnualReview:
    return actions.record_review(actor=actor, certificate=instance.certificate, year=instance.year,
                                 passed=instance.passed, reviewed_on=instance.reviewed_on, note=instance.note)


class ReviewViewSet(ScopedModelViewSet):
    name = "enforcement-reviews"
    model = AnnualReview
    icon = "tasks"
    menu_label = _("年度审验")
    form_fields = ["certificate", "year", "passed", "reviewed_on", "note"]
    list_display = ["certificate", "year", "passed", "reviewed_on", "training_hours"]
    list_filter = ["year", "passed"]
    search_fields = ["certificate__number", "certificate__staff__name"]
    edit_view_enabled = False
    write_action = staticmethod(_review)


def _depart(*, actor: Any, instance: StaffDeparture) -> StaffDeparture:
    if instance.kind == StaffDeparture.Kind.RETIREMENT:
        return org_actions.retire_staff(actor=actor, staff=instance.staff, on=instance.effective_on, note=instance.note)
    return org_actions.transfer_staff(actor=actor, staff=instance.staff, on=instance.effective_on,
                                      to_department=instance.to_department, note=instance.note)


class DepartureViewSet(ScopedModelViewSet):
    name = "staff-departures"
    model = StaffDeparture
    icon = "logout"
    menu_label = _("人员调离、退休")
    form_fields = ["staff", "kind", "effective_on", "to_department", "note"]
    list_display = ["staff", "kind", "effective_on", "from_department", "to_department"]
    list_filter = ["kind"]
    search_fields = ["staff__name"]
    edit_view_enabled = False
    inspect_view_enabled = True
    write_action = staticmethod(_depart)


class PersonnelGroup(ModelViewSetGroup):
    menu_label = _("行政执法人员")
    menu_icon = "user"
    menu_order = 260
    items = (CertificateViewSet, SittingViewSet, TrainingViewSet, ReviewViewSet, DepartureViewSet, FieldViewSet,
             DepartmentFieldViewSet)


# --- the certificate's own screen and a sitting's scores ------------------------------------------------


class StatusForm(forms.Form):
    ACTIONS = [("renew", _("换证")), ("suspend", _("暂扣")), ("reinstate", _("恢复")), ("revoke", _("吊销")),
               ("cancel", _("注销"))]
    action = forms.ChoiceField(label=_("办理"), choices=ACTIONS)
    on = forms.DateField(label=_("日期"))
    reason = forms.ChoiceField(label=_("原因"), choices=[("", "—"), *Certificate.Reason.choices], required=False)
    note = forms.CharField(label=_("说明"), max_length=200, required=False)


def certificate_screen(request: HttpRequest, pk: int) -> HttpResponse:
    cert = get_object_or_404(Certificate.objects.select_related("staff", "department"), pk=pk)
    if not certificate_policy.can(request.user, "view", cert):
        raise Http404
    form = StatusForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if data["action"] == "renew":
                actions.renew_certificate(actor=request.user, certificate=cert, renewed_on=data["on"])
            elif data["action"] == "reinstate":
                actions.reinstate_certificate(actor=request.user, certificate=cert, on=data["on"], note=data["note"])
            else:
                perform = {"suspend": actions.suspend_certificate, "revoke": actions.revoke_certificate,
                           "cancel": actions.cancel_certificate}[data["action"]]
                perform(actor=request.user, certificate=cert, on=data["on"], reason=data["reason"], note=data["note"])
        except ActionRefused as refused:
            form.add_error(None, refused.message)
        except PermissionDenied as denied:
            form.add_error(None, str(denied))
        else:
            messages.success(request, _gettext("已办理。"))
            return redirect("enforcement_certificate", pk=cert.pk)
    title = _gettext("执法证件 %(number)s（%(name)s）") % {"number": cert.number, "name": cert.staff.name}
    return TemplateResponse(request, "enforcement/personnel/admin/certificate.html", {
        "page_title": title, "header_title": title, "certificate": cert, "form": form, "events": cert.events.order_by("on", "pk"),
        "reviews": cert.reviews.all(), "fields": cert.fields.all(),
        "may_change": certificate_policy.can(request.user, "change", cert),
        "eligibility": ineligibility_reason(cert.staff),
    })


class ScoresForm(forms.Form):
    lines = forms.CharField(
        label=_("成绩"), widget=forms.Textarea(attrs={"rows": 12}), max_length=200_000,
        help_text=_("每行一人：工作人员编号、空格、成绩（0–100，最多一位小数），如“1024 86.5”。全部无误才会登记。"))


def _parse_scores(text: str) -> list[tuple[Staff, str]]:
    rows: list[tuple[int, str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        parts = line.replace("，", " ").replace(",", " ").replace("\t", " ").split()
        if len(parts) != 2 or not parts[0].isdigit() or len(parts[0]) > 12:
            raise ActionRefused(_gettext("第 %(n)s 行格式不对：应为“工作人员编号 成绩”。") % {"n": number})
        rows.append((int(parts[0]), parts[1]))
    people = Staff.objects.in_bulk([pk for pk, _score in rows])
    missing = [str(pk) for pk, _score in rows if pk not in people]
    if missing:
        raise ActionRefused(_gettext("没有这些工作人员编号：%(ids)s。") % {"ids": "、".join(missing[:20])})
    return [(people[pk], score) for pk, score in rows]


def scores_screen(request: HttpRequest, pk: int) -> HttpResponse:
    sitting = get_object_or_404(ExamSitting, pk=pk)
    if not exam_result_policy.can(request.user, "add"):
        raise PermissionDenied
    form = ScoresForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            scores = _parse_scores(form.cleaned_data["lines"])
            results = actions.record_scores(actor=request.user, sitting=sitting, scores=scores)
        except ActionRefused as refused:
            form.add_error(None, refused.message)
        else:
            messages.success(request, _gettext("已登记 %(n)s 人的成绩，其中合格 %(p)s 人。") % {
                "n": len(results), "p": sum(r.passed for r in results)})
            return redirect("enforcement_sitting_scores", pk=sitting.pk)
    title = _gettext("登记成绩：%(title)s") % {"title": sitting.title}
    return TemplateResponse(request, "enforcement/personnel/admin/scores.html", {
        "page_title": title, "header_title": title, "sitting": sitting, "form": form,
        "results": sitting.results.select_related("staff", "department").order_by("-score", "pk")})


def admin_urls() -> list:
    return [
        path("enforcement/certificates/<int:pk>/", certificate_screen, name="enforcement_certificate"),
        path("enforcement/sittings/<int:pk>/scores/", scores_screen, name="enforcement_sitting_scores"),
    ]
