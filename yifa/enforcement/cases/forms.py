"""Forms of an enforcement case: the 案源登记 intake and each step. They parse and validate; the actions decide
(the same forms validate the back office's POST and the staff API's `fields`)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from yifa.core.dates import DayField
from yifa.org.models import Department, Staff
from yifa.org.scoping import department_scope

from .models import EvidenceKind, MajorReason, PartyKind, PenaltyKind, ReviewConclusion
from .policies import case_policy


def money(label: Any, *, required: bool = False) -> forms.DecimalField:
    return forms.DecimalField(label=label, required=required, max_digits=12, decimal_places=2, min_value=0)


class IdListField(forms.MultipleChoiceField):
    """A list of record ids (staff): the choices shown come from the case; any id is accepted here and the
    action checks it belongs to the case's department."""

    def valid_value(self, value: Any) -> bool:
        return str(value).isdigit() and len(str(value)) < 12


class IntakeForm(forms.Form):
    department = forms.ModelChoiceField(label=_("执法机关"), queryset=Department.objects.none())
    power = forms.IntegerField(label=_("执法事项（权责清单中的行政处罚、行政强制事项）"), widget=forms.Select)
    title = forms.CharField(label=_("案由"), max_length=200)
    party_kind = forms.ChoiceField(label=_("当事人类型"), choices=PartyKind.choices)
    party_name = forms.CharField(label=_("当事人"), max_length=100)
    party_id_number = forms.CharField(label=_("统一社会信用代码或身份证号"), max_length=30, required=False)
    party_address = forms.CharField(label=_("当事人地址"), max_length=200, required=False)
    facts = forms.CharField(label=_("违法事实"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4}))
    found_on = DayField(label=_("发现日期"))
    handlers = IdListField(label=_("承办人员（两名以上持证执法人员）"), widget=forms.CheckboxSelectMultiple)
    major_reasons = forms.MultipleChoiceField(
        label=_("重大执法决定情形"), required=False, widget=forms.CheckboxSelectMultiple,
        choices=[(c, label) for c, label in MajorReason.choices
                 if c in (MajorReason.PUBLIC_INTEREST, MajorReason.COMPLEX, MajorReason.LAW)])

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from .selectors import enforcement_powers

        scope = department_scope(user) if user is not None else None
        ids = scope.departments_with_any(case_policy.roles_for("add")) if scope is not None else frozenset()
        departments = Department.objects.filter(pk__in=ids).order_by("sort_order", "name")
        self.fields["department"].queryset = departments  # type: ignore[attr-defined]
        today = timezone.localdate()
        self.fields["power"].widget.choices = [  # type: ignore[attr-defined]
            (p.pk, f"{p.department.short_name} {p.code} {p.name}")
            for department in departments for p in enforcement_powers(department, today).select_related("department")]
        self.fields["handlers"].choices = [  # type: ignore[attr-defined]
            (s.pk, f"{s.department.short_name} {s.name}")
            for s in Staff.objects.filter(department__in=departments, is_active=True).select_related("department")]


def _staff_choices(case: Any) -> list[tuple[int, str]]:
    return [(s.pk, s.name) for s in Staff.objects.filter(department=case.department, is_active=True).order_by("name")]


def handlers_initial(case: Any) -> dict[str, Any]:
    return {"staff_choices": _staff_choices(case), "handlers": [h.staff_id for h in case.handlers.all()],
            "on": timezone.localdate()}


def recusal_initial(case: Any) -> dict[str, Any]:
    return {"staff_choices": [(h.staff_id, h.staff.name) for h in case.handlers.select_related("staff")],
            "declared_on": timezone.localdate()}


class HandlersForm(forms.Form):
    handlers = IdListField(label=_("承办人员"), widget=forms.CheckboxSelectMultiple)
    on = DayField(label=_("指定日期"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["handlers"].choices = self.initial.get("staff_choices", [])  # type: ignore[attr-defined]


class RecusalForm(forms.Form):
    staff = forms.IntegerField(label=_("承办人员"), widget=forms.Select)
    conflict = forms.BooleanField(label=_("存在应当回避的情形（退出本案）"), required=False)
    statement = forms.CharField(label=_("回避声明"), max_length=300, required=False,
                                widget=forms.Textarea(attrs={"rows": 2}))
    declared_on = DayField(label=_("声明日期"))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["staff"].widget.choices = self.initial.get("staff_choices", [])  # type: ignore[attr-defined]


class DayForm(forms.Form):
    day = DayField(label=_("日期"))


class ReasonDayForm(forms.Form):
    day = DayField(label=_("日期"))
    reason = forms.CharField(label=_("理由"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))


class CodeListField(forms.MultipleChoiceField):
    """Circumstance codes of the chosen benchmark: the calculator refuses one that is not its own."""

    def valid_value(self, value: Any) -> bool:
        return 0 < len(str(value)) <= 40


def benchmark_initial(case: Any) -> dict[str, Any]:
    from yifa.enforcement.benchmarks.selectors import in_force

    versions = in_force(timezone.localdate(), department=case.department).prefetch_related("circumstances")
    return {"benchmark_choices": [(v.benchmark_id, f"{v.code} {v.violation}") for v in versions],
            "circumstance_choices": [(c.code, f"{v.code}：{c.label}") for v in versions for c in v.circumstances.all()],
            "benchmark": case.benchmark_id, "circumstances": case.circumstances, "on": timezone.localdate(),
            **{name: case.fact_amounts.get(name) for name in ("goods_value", "illegal_gain", "proceeds")}}


class BenchmarkForm(forms.Form):
    benchmark = forms.IntegerField(label=_("违法行为（裁量基准）"), widget=forms.Select)
    circumstances = CodeListField(label=_("情节"), required=False, widget=forms.CheckboxSelectMultiple)
    goods_value = money(_("货值金额（元）"))
    illegal_gain = money(_("违法所得（元）"))
    proceeds = money(_("违法经营额（元）"))
    on = DayField(label=_("计算日期"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["benchmark"].widget.choices = self.initial.get("benchmark_choices", [])  # type: ignore[attr-defined]
        self.fields["circumstances"].choices = self.initial.get("circumstance_choices", [])  # type: ignore[attr-defined]


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(label=_("证据类别"), choices=[("", _("按文件类型"))] + list(EvidenceKind.choices),
                             required=False)
    description = forms.CharField(label=_("证据说明"), max_length=300)
    collected_on = DayField(label=_("取证日期"))
    attachments = forms.FileField(label=_("文件（书证、照片、录音、录像）"), required=False)


class NoticeForm(forms.Form):
    notified_on = DayField(label=_("告知日期"))
    penalty_kinds = forms.MultipleChoiceField(label=_("拟给予的处罚"), choices=PenaltyKind.choices,
                                              widget=forms.CheckboxSelectMultiple)
    proposed_fine = money(_("拟罚款金额（元）"))
    deviation_reason = forms.CharField(label=_("超出裁量基准建议幅度的理由"), max_length=5000, required=False,
                                       widget=forms.Textarea(attrs={"rows": 2}))


class StatementForm(forms.Form):
    stated_on = DayField(label=_("日期"))
    waived = forms.BooleanField(label=_("当事人放弃陈述、申辩"), required=False)
    statement = forms.CharField(label=_("陈述申辩意见"), max_length=5000, required=False,
                                widget=forms.Textarea(attrs={"rows": 3}))


class HearingForm(forms.Form):
    held_on = DayField(label=_("听证日期"))
    record = forms.CharField(label=_("听证笔录摘要"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))


class SubmitReviewForm(forms.Form):
    submitted_on = DayField(label=_("送审日期"))
    draft_text = forms.CharField(label=_("拟作出的决定"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    draft_fine = money(_("拟罚款金额（元）"))
    deviation_reason = forms.CharField(label=_("超出裁量基准建议幅度的理由"), max_length=5000, required=False,
                                       widget=forms.Textarea(attrs={"rows": 2}))


class ReviewForm(forms.Form):
    conclusion = forms.ChoiceField(label=_("审核意见"), choices=ReviewConclusion.choices, widget=forms.RadioSelect)
    subject_finding = forms.CharField(label=_("执法主体是否合法"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    basis_finding = forms.CharField(label=_("法律依据是否正确"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    procedure_finding = forms.CharField(label=_("程序是否合法"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    fact_finding = forms.CharField(label=_("事实是否清楚、证据是否确凿"), max_length=2000,
                                   widget=forms.Textarea(attrs={"rows": 2}))
    discretion_finding = forms.CharField(label=_("裁量是否适当"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))
    opinion = forms.CharField(label=_("审核意见说明"), max_length=5000, required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
    concluded_on = DayField(label=_("审核日期"))


class ExtensionForm(forms.Form):
    days = forms.IntegerField(label=_("延长日数"), min_value=1, max_value=365)
    approved_on = DayField(label=_("批准日期"))
    reason = forms.CharField(label=_("延长理由"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class DecisionForm(forms.Form):
    decided_on = DayField(label=_("决定日期"))
    decision_number = forms.CharField(label=_("决定书文号"), max_length=60)
    fine = money(_("罚款金额（元）"))
    decision_text = forms.CharField(label=_("处罚决定"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3}))
    no_penalty = forms.BooleanField(label=_("不予行政处罚"), required=False)


class ServiceForm(forms.Form):
    served_on = DayField(label=_("送达日期"))
    method = forms.CharField(label=_("送达方式"), max_length=200, required=False)


class PaymentForm(forms.Form):
    paid_on = DayField(label=_("缴纳日期"))
    amount = money(_("实缴金额（元，含加处罚款）"), required=True)


class CloseForm(forms.Form):
    closed_on = DayField(label=_("结案日期"))
    note = forms.CharField(label=_("结案说明"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2}))


class PublishForm(forms.Form):
    published_on = DayField(label=_("公示日期"))


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("原因"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
