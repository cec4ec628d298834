"""Back-office forms: proposing an adjustment, importing a list, exporting one. They parse; actions decide.

Legal bases and responsibility steps are written one per line, as in the Excel template
(《法律》第×条：条文 / 环节：职责), so a department works the same way on screen and in Excel.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yifa.calendar.periods import Unit
from yifa.core.dates import DayField
from yifa.org.models import Department

from .content import (
    ApprovalContent,
    Basis,
    IntermediaryContent,
    PowerContent,
    Proposal,
    Step,
)
from .exporter import FORMATS
from .importer import re_step
from .models import (
    AdjustmentKind,
    ApprovalCategory,
    Catalogue,
    DecidedBy,
    ExerciseLevel,
    FeeNature,
    PowerType,
    ServiceTarget,
)
from .selectors import ListStatus
from .spreadsheet import format_bases, format_steps, parse_basis_line, split_lines

K = AdjustmentKind
UNIT_CHOICES = [("", gettext_lazy("—")), *Unit.choices]
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# A web request is not the place for a 100,000-row file: the command line imports those.
MAX_UPLOAD_ROWS = 20_000


class AdjustmentFields(forms.Form):
    """What every adjustment carries: its kind, date and document basis."""

    kind = forms.ChoiceField(label=gettext_lazy("调整类型"), choices=K.choices)
    effective_date = DayField(label=gettext_lazy("生效日期"))
    document_title = forms.CharField(label=gettext_lazy("文件名称"), max_length=200, required=False,
                                     help_text=gettext_lazy("调整所依据的文件；文件名称和文号至少填一项，否则调整不能生效。"))
    document_number = forms.CharField(label=gettext_lazy("文号"), max_length=80, required=False,
                                      help_text=gettext_lazy("例如：肇政办发〔2016〕8号"))
    decided_by = forms.ChoiceField(label=gettext_lazy("决定机关层级"), choices=DecidedBy.choices, initial=DecidedBy.CITY)
    counterpart = forms.CharField(label=gettext_lazy("承接来源或下放对象"), max_length=200, required=False)
    reason = forms.CharField(label=gettext_lazy("调整理由"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, kinds: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if kinds is not None:
            self.fields["kind"].choices = [(k, K(k).label) for k in kinds]  # type: ignore[attr-defined]

    def proposal_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"kind": data["kind"], "effective_date": data["effective_date"],
                "document_title": data["document_title"].strip(), "document_number": data["document_number"].strip(),
                "decided_by": data["decided_by"], "counterpart": data["counterpart"].strip(),
                "reason": data["reason"].strip()}


class PowerForm(AdjustmentFields):
    department = forms.ModelChoiceField(label=gettext_lazy("实施主体"), queryset=Department.objects.none())
    target_department = forms.ModelChoiceField(label=gettext_lazy("移交至"), queryset=Department.objects.none(),
                                               required=False, help_text=gettext_lazy("仅“移交”时填写。"))
    code = forms.CharField(label=gettext_lazy("基本编码"), max_length=10,
                           help_text=gettext_lazy("10 位：事项类型代码 2 位 + 主项编码 5 位 + 子项编码 3 位（无子项为 000）"))
    name = forms.CharField(label=gettext_lazy("事项名称"), max_length=200)
    power_type = forms.ChoiceField(label=gettext_lazy("事项类型"), choices=PowerType.choices)
    parent_code = forms.CharField(label=gettext_lazy("主项编码"), max_length=10, required=False,
                                  help_text=gettext_lazy("子项填写所属主项的基本编码"))
    exercise_level = forms.ChoiceField(label=gettext_lazy("行使层级"), choices=ExerciseLevel.choices,
                                       initial=ExerciseLevel.COUNTY)
    handling_office = forms.CharField(label=gettext_lazy("办理处室"), max_length=100, required=False)
    co_departments = forms.ModelMultipleChoiceField(label=gettext_lazy("联办机构"), required=False,
                                                    queryset=Department.objects.filter(is_active=True),
                                                    widget=forms.CheckboxSelectMultiple)
    bases = forms.CharField(label=gettext_lazy("设定依据"), widget=forms.Textarea(attrs={"rows": 5}),
                            help_text=gettext_lazy("每行一条：《法律法规名称》第×条：条文"))
    statutory_limit = forms.IntegerField(label=gettext_lazy("法定办结时限"), min_value=1, max_value=3660, required=False)
    statutory_unit = forms.ChoiceField(label=gettext_lazy("法定时限单位"), choices=UNIT_CHOICES, required=False)
    promised_limit = forms.IntegerField(label=gettext_lazy("承诺办结时限"), min_value=1, max_value=3660, required=False)
    promised_unit = forms.ChoiceField(label=gettext_lazy("承诺时限单位"), choices=UNIT_CHOICES, required=False)
    charges = forms.BooleanField(label=gettext_lazy("收费"), required=False)
    fee_standard = forms.CharField(label=gettext_lazy("收费标准"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    fee_basis = forms.CharField(label=gettext_lazy("收费依据"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    needs_intermediary = forms.BooleanField(label=gettext_lazy("存在中介服务"), required=False)
    intermediaries = forms.MultipleChoiceField(label=gettext_lazy("中介服务事项"), required=False,
                                               widget=forms.CheckboxSelectMultiple)
    service_targets = forms.MultipleChoiceField(label=gettext_lazy("服务对象"), choices=ServiceTarget.choices,
                                                required=False, widget=forms.CheckboxSelectMultiple)
    supervision_phone = forms.CharField(label=gettext_lazy("监督电话"), max_length=40, required=False)
    duties = forms.CharField(label=gettext_lazy("责任事项"), required=False, widget=forms.Textarea(attrs={"rows": 6}),
                             help_text=gettext_lazy("每行一个环节：环节名称：职责。留空则适用该类型的标准责任事项。"))
    accountability = forms.CharField(label=gettext_lazy("追责情形"), required=False,
                                     widget=forms.Textarea(attrs={"rows": 6}),
                                     help_text=gettext_lazy("每行一个环节：环节名称：追责情形"))
    remarks = forms.CharField(label=gettext_lazy("备注"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    field_order = ["department", "kind", "effective_date", "document_title", "document_number", "decided_by",
                   "counterpart", "target_department", "reason"]

    def __init__(self, *args: Any, departments: Any, intermediaries: list[tuple[str, str]], fixed_code: bool = False,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments  # type: ignore[attr-defined]
        self.fields["target_department"].queryset = Department.objects.filter(is_active=True)  # type: ignore[attr-defined]
        self.fields["intermediaries"].choices = intermediaries  # type: ignore[attr-defined]
        if K.TRANSFER not in [k for k, _label in self.fields["kind"].choices]:  # type: ignore[attr-defined]
            del self.fields["target_department"]
        if fixed_code:
            for name in ("code", "department"):
                self.fields[name].disabled = True

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        bases = []
        for index, line in enumerate(split_lines(data.get("bases", "")), start=1):
            basis = parse_basis_line(line.replace("\n", " "))
            if basis is None:
                self.add_error("bases", _("第 %(n)s 条“%(line)s”格式不对，应写成“《法律法规名称》第×条：条文”。")
                               % {"n": index, "line": line[:40]})
            else:
                bases.append(basis)
        data["parsed_bases"] = tuple(bases)
        duties: dict[str, str] = {}
        for line in split_lines(data.get("duties", "")):
            step = re_step(line)
            if step is None:
                self.add_error("duties", _("“%(line)s”应写成“环节名称：职责”。") % {"line": line[:40]})
            else:
                duties[step[0]] = step[1]
        accountability: dict[str, str] = {}
        for line in split_lines(data.get("accountability", "")):
            step = re_step(line)
            if step is None or step[0] not in duties:
                self.add_error("accountability", _("“%(line)s”应写成“环节名称：追责情形”，环节须在责任事项中。")
                               % {"line": line[:40]})
            else:
                accountability[step[0]] = step[1]
        data["parsed_steps"] = tuple(Step(s, d, accountability.get(s, "")) for s, d in duties.items())
        if data.get("kind") == K.TRANSFER and not data.get("target_department"):
            self.add_error("target_department", _("移交须选择移交至的部门。"))
        return data

    def proposal(self) -> Proposal:
        data = self.cleaned_data
        content = PowerContent(
            code=data["code"].strip(), name=data["name"].strip(), power_type=data["power_type"],
            parent_code=(data.get("parent_code") or "").strip(), handling_office=data["handling_office"].strip(),
            co_department_codes=tuple(sorted(d.code for d in data["co_departments"])),
            exercise_level=data["exercise_level"], bases=data["parsed_bases"],
            statutory_limit=data.get("statutory_limit"), statutory_unit=data.get("statutory_unit") or "",
            promised_limit=data.get("promised_limit"), promised_unit=data.get("promised_unit") or "",
            charges=data["charges"], fee_standard=data["fee_standard"].strip(), fee_basis=data["fee_basis"].strip(),
            needs_intermediary=data["needs_intermediary"], intermediary_codes=tuple(sorted(data["intermediaries"])),
            service_targets=tuple(data["service_targets"]), supervision_phone=data["supervision_phone"].strip(),
            responsibilities=data["parsed_steps"], remarks=data["remarks"].strip(),
        )
        target = data.get("target_department")
        return Proposal(catalogue=Catalogue.POWER, code=content.code, content=content,
                        target_department_code=target.code if target else "", **self.proposal_fields())

    @staticmethod
    def initial_from(content: PowerContent, department: Department) -> dict[str, Any]:
        duties, accountability = format_steps(list(content.responsibilities))
        return {
            "department": department.pk, "code": content.code, "name": content.name, "power_type": content.power_type,
            "parent_code": content.parent_code, "exercise_level": content.exercise_level,
            "handling_office": content.handling_office,
            "co_departments": list(Department.objects.filter(code__in=content.co_department_codes)),
            "bases": format_bases(list(content.bases)), "statutory_limit": content.statutory_limit,
            "statutory_unit": content.statutory_unit, "promised_limit": content.promised_limit,
            "promised_unit": content.promised_unit, "charges": content.charges, "fee_standard": content.fee_standard,
            "fee_basis": content.fee_basis, "needs_intermediary": content.needs_intermediary,
            "intermediaries": list(content.intermediary_codes), "service_targets": list(content.service_targets),
            "supervision_phone": content.supervision_phone, "duties": duties, "accountability": accountability,
            "remarks": content.remarks,
        }


class IntermediaryForm(AdjustmentFields):
    department = forms.ModelChoiceField(label=gettext_lazy("主管部门"), queryset=Department.objects.none())
    code = forms.CharField(label=gettext_lazy("编码"), max_length=40)
    name = forms.CharField(label=gettext_lazy("事项名称"), max_length=200)
    provider = forms.CharField(label=gettext_lazy("中介服务机构"), max_length=200, required=False)
    basis = forms.CharField(label=gettext_lazy("设定依据"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    fee_nature = forms.ChoiceField(label=gettext_lazy("收费性质"), choices=FeeNature.choices)
    fee_basis = forms.CharField(label=gettext_lazy("收费依据"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    remarks = forms.CharField(label=gettext_lazy("备注"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    field_order = ["department", "kind", "effective_date", "document_title", "document_number", "decided_by",
                   "counterpart", "reason"]

    def __init__(self, *args: Any, departments: Any, fixed_code: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments  # type: ignore[attr-defined]
        if fixed_code:
            for name in ("code", "department"):
                self.fields[name].disabled = True

    def proposal(self) -> Proposal:
        d = self.cleaned_data
        content = IntermediaryContent(code=d["code"].strip(), name=d["name"].strip(), provider=d["provider"].strip(),
                                      basis=d["basis"].strip(), fee_nature=d["fee_nature"],
                                      fee_basis=d["fee_basis"].strip(), remarks=d["remarks"].strip())
        return Proposal(catalogue=Catalogue.INTERMEDIARY, code=content.code, content=content, **self.proposal_fields())


class ApprovalForm(AdjustmentFields):
    department = forms.ModelChoiceField(label=gettext_lazy("审批部门"), queryset=Department.objects.none())
    code = forms.CharField(label=gettext_lazy("编码"), max_length=40)
    name = forms.CharField(label=gettext_lazy("项目名称"), max_length=200)
    category = forms.ChoiceField(label=gettext_lazy("审批类别"), choices=ApprovalCategory.choices)
    approval_object = forms.CharField(label=gettext_lazy("审批对象"), max_length=200, required=False)
    basis = forms.CharField(label=gettext_lazy("设定依据"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    power_code = forms.CharField(label=gettext_lazy("对应权力事项编码"), max_length=10, required=False)
    remarks = forms.CharField(label=gettext_lazy("备注"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    field_order = IntermediaryForm.field_order

    def __init__(self, *args: Any, departments: Any, fixed_code: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments  # type: ignore[attr-defined]
        if fixed_code:
            for name in ("code", "department"):
                self.fields[name].disabled = True

    def proposal(self) -> Proposal:
        d = self.cleaned_data
        content = ApprovalContent(code=d["code"].strip(), name=d["name"].strip(), category=d["category"],
                                  approval_object=d["approval_object"].strip(), basis=d["basis"].strip(),
                                  power_code=d["power_code"].strip(), remarks=d["remarks"].strip())
        return Proposal(catalogue=Catalogue.APPROVAL, code=content.code, content=content, **self.proposal_fields())


class EndForm(AdjustmentFields):
    """取消 or 下放: the item leaves the list."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, kinds=[K.CANCEL, K.DELEGATE], **kwargs)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("意见或理由"), required=False, widget=forms.Textarea(attrs={"rows": 3}))


class ImportForm(forms.Form):
    department = forms.ModelChoiceField(label=gettext_lazy("导入到部门"), queryset=Department.objects.none())
    file = forms.FileField(label=gettext_lazy("xlsx 文件"), required=False,
                           help_text=gettext_lazy("使用 yifa 提供的模板（可先导出本部门清单再修改）。网页导入不超过 20000 行、20 MB。"))
    token = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, departments: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = departments  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        upload = data.get("file")
        if upload is not None and upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("文件超过 20 MB。大文件请使用命令行 yifa import-powers 导入。"))
        if upload is None and not data.get("token"):
            raise forms.ValidationError(_("请选择要导入的 xlsx 文件。"))
        return data


class ExportForm(forms.Form):
    catalogue = forms.ChoiceField(label=gettext_lazy("清单"), choices=Catalogue.choices)
    department = forms.ModelChoiceField(label=gettext_lazy("部门"), required=False,
                                        queryset=Department.objects.filter(is_active=True),
                                        empty_label=gettext_lazy("全市"))
    power_type = forms.ChoiceField(label=gettext_lazy("事项类型"), required=False,
                                   choices=[("", gettext_lazy("全部类型")), *PowerType.choices])
    status = forms.ChoiceField(label=gettext_lazy("状态"), choices=[
        (ListStatus.IN_FORCE, gettext_lazy("在用")), (ListStatus.ENDED, gettext_lazy("已取消、下放或移交")),
        (ListStatus.ALL, gettext_lazy("全部"))])
    as_of = DayField(label=gettext_lazy("截至日期"), required=False)
    format = forms.ChoiceField(label=gettext_lazy("格式"), choices=[(f, f.upper()) for f in FORMATS])


__all__ = ["ApprovalForm", "Basis", "EndForm", "ExportForm", "ImportForm", "IntermediaryForm", "PowerForm", "ReasonForm"]
