"""Forms for disclosure requests: the public application and each processing step. Forms parse and
validate; the actions decide and write."""

from __future__ import annotations

import json
import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from yifa.core.contact import normalise_phone, validate_phone, validate_resident_id
from yifa.core.dates import DayField
from yifa.org.models import Department
from yifa.org.scoping import department_scope
from yifa.org.validators import validate_uscc

from . import fees
from .models import (
    ORGANISATIONS,
    REASONS_OF,
    ChallengeKind,
    ChallengeResult,
    Channel,
    Delivery,
    DisclosureRequest,
    Outcome,
    Reason,
)
from .policies import request_policy

MAX_DESCRIPTION = 5000


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class ApplicationForm(forms.ModelForm):
    """The public application form (the national form's fields)."""

    department = forms.ModelChoiceField(
        label=_("申请公开的机关"), queryset=Department.objects.filter(is_active=True), empty_label=_("请选择"),
    )
    attachments = MultipleFileField(label=_("附件（选填，如身份证明、委托书）"), required=False)
    # A field people do not see: a form that fills it is a robot's.
    website = forms.CharField(required=False, widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}))

    class Meta:
        model = DisclosureRequest
        fields = ["department", "applicant_type", "applicant_name", "id_number", "contact_person", "phone", "email",
                  "address", "postal_code", "description", "purpose", "delivery"]
        widgets = {
            "applicant_type": forms.RadioSelect,
            "delivery": forms.RadioSelect,
            "description": forms.Textarea(attrs={"rows": 6, "maxlength": MAX_DESCRIPTION}),
            "purpose": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("applicant_type", "delivery"):  # radios need no "---------" choice
            field = self.fields[name]
            field.choices = [c for c in field.choices if c[0]]  # type: ignore[attr-defined]
        self.fields["id_number"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})
        self.fields["phone"].widget.input_type = "tel"  # type: ignore[attr-defined]

    def clean_id_number(self) -> str:
        return re.sub(r"\s", "", self.cleaned_data.get("id_number", "")).upper()

    def clean_phone(self) -> str:
        phone = normalise_phone(self.cleaned_data.get("phone", ""))
        validate_phone(phone)
        return phone

    def clean_postal_code(self) -> str:
        code = (self.cleaned_data.get("postal_code") or "").strip()
        if code and not re.fullmatch(r"\d{6}", code):
            raise ValidationError(_("邮政编码应为 6 位数字。"))
        return code

    def clean_description(self) -> str:
        text = (self.cleaned_data.get("description") or "").strip()
        if len(text) < 5:
            raise ValidationError(_("请写明所需政府信息的名称、文号或者便于查询的其他特征性描述（《政府信息公开条例》第二十九条）。"))
        if len(text) > MAX_DESCRIPTION:
            raise ValidationError(_("内容描述不能超过 %(n)s 字。") % {"n": MAX_DESCRIPTION})
        return text

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("website"):
            raise ValidationError(_("提交未成功，请刷新页面后重新填写。"))
        kind, number = data.get("applicant_type"), data.get("id_number", "")
        if kind and number:
            try:
                (validate_uscc if kind in ORGANISATIONS else validate_resident_id)(number)
            except ValidationError as error:
                self.add_error("id_number", error)
        if kind in ORGANISATIONS and not (data.get("contact_person") or "").strip():
            self.add_error("contact_person", _("法人或其他组织申请的，请填写联系人。"))
        if data.get("delivery") == Delivery.EMAIL and not data.get("email"):
            self.add_error("email", _("选择电子邮件方式获取的，请填写电子邮箱。"))
        return data


class PaperRequestForm(ApplicationForm):
    """A request that came on paper, entered by the department's staff: the national form's fields, how it
    came and the day it was received. Only the user's own departments can be chosen."""

    channel = forms.ChoiceField(label=_("提交方式"), choices=[c for c in Channel.choices if c[0] != Channel.ONLINE])
    received_on = DayField(label=_("收到申请之日"), initial=lambda: timezone.localdate(),
                           help_text=_("当面提交为提交当日；邮寄为签收之日；传真为双方确认之日（第三十一条）。"))
    attachments = MultipleFileField(label=_("附件（如申请书扫描件、身份证明）"), required=False)

    class Meta(ApplicationForm.Meta):
        pass

    def __init__(self, *args: Any, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["website"]
        scope, handlers = department_scope(user), request_policy.roles_for("handle")
        if not scope.city_roles & handlers:
            self.fields["department"].queryset = Department.objects.filter(  # type: ignore[attr-defined]
                is_active=True, pk__in=scope.departments_with_any(handlers))
        choices = list(self.fields["department"].queryset[:2])  # type: ignore[attr-defined]
        if len(choices) == 1:  # a department's clerk enters their own department's requests
            self.fields["department"].initial = choices[0].pk
        self.order_fields(["channel", "received_on"])


def _today() -> Any:
    return timezone.localdate()


def register_initial(request: Any) -> dict[str, Any]:
    """What is known already: how it came and, for an online request, the day it was submitted (art.31(3):
    the day both sides confirm — the confirmation the portal gave); staff confirm or correct it."""
    channel = request.channel or Channel.ONLINE
    submitted = timezone.localdate(request.submitted_at) if request.submitted_at else timezone.localdate()
    return {"channel": channel, "received_on": submitted if channel == Channel.ONLINE else timezone.localdate()}


class RegisterForm(forms.Form):
    channel = forms.ChoiceField(label=_("提交方式"), choices=Channel.choices)
    received_on = DayField(label=_("收到申请之日"), initial=_today,
                                  help_text=_("当面提交为提交当日；邮寄为签收之日；网上提交为双方确认之日（第三十一条）。"))


class CorrectionForm(forms.Form):
    items = forms.CharField(label=_("需补正事项（一次性列明全部事项）"), widget=forms.Textarea(attrs={"rows": 4}))
    requested_on = DayField(label=_("补正告知日"), initial=_today)
    correction_days = forms.IntegerField(label=_("补正期限（日）"), initial=15, min_value=1, max_value=60)


class DayForm(forms.Form):
    day = DayField(label=_("日期"), initial=_today)


class ConsultationForm(forms.Form):
    party = forms.CharField(label=_("征求意见的对象"), max_length=200)
    third_party = forms.TypedChoiceField(
        label=_("对象类别"), coerce=lambda v: v == "1", initial="1", widget=forms.RadioSelect,
        choices=[("1", _("第三方（15 个工作日内答复）")), ("0", _("其他机关"))],
    )
    sent_on = DayField(label=_("征求意见日"), initial=_today)
    letter_received_on = DayField(label=_("对方收到征求意见函之日"), required=False,
                                  help_text=_("2019年修订的条例规定对方自收到之日起 15 个工作日内答复；不知道时留空，按征求意见日计。"))


class EndConsultationForm(forms.Form):
    answered_on = DayField(label=_("收到意见之日"), initial=_today)
    note = forms.CharField(label=_("意见摘要"), required=False, max_length=200)


class ExtensionForm(forms.Form):
    length = forms.IntegerField(label=_("延长（工作日）"), min_value=1, max_value=20, initial=20)
    approved_on = DayField(label=_("批准日期"), initial=_today)
    reason = forms.CharField(label=_("延长理由"), max_length=300)


class LongerPeriodForm(forms.Form):
    until = DayField(label=_("答复期限延至"))
    decided_on = DayField(label=_("决定日期"), initial=_today)
    reason = forms.CharField(
        label=_("理由"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("写明申请的数量、频次为何明显超过合理范围、申请人说明的理由，以及为何无法在法定期限内答复；"
                    "该理由和期限将告知申请人。"))


class FeeForm(forms.Form):
    method = forms.ChoiceField(label=_("收费方式"), widget=forms.RadioSelect, choices=[
        (fees.BY_COUNT, _("按件计收（本申请人本月第几件自动计算）")), (fees.BY_PAGES, _("按量计收（按页数）"))])
    pages = forms.IntegerField(label=_("页数（按量计收时填写）"), required=False, min_value=0)
    notified_on = DayField(label=_("收费通知日"), initial=_today)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("method") == fees.BY_PAGES and data.get("pages") is None:
            self.add_error("pages", _("按量计收时请填写页数。"))
        if data.get("method") == fees.BY_COUNT:
            data["pages"] = None  # one method, never both
        return data


class TransferForm(forms.Form):
    forward_to = forms.ModelChoiceField(label=_("转至本市部门（选填）"), required=False,
                                        queryset=Department.objects.filter(is_active=True))
    agency = forms.CharField(label=_("负责公开的机关名称"), required=False, max_length=200,
                             help_text=_("不是本市部门的，请填写机关名称和联系方式。"))
    contact = forms.CharField(label=_("该机关的联系方式"), required=False, max_length=200,
                              help_text=_("地址或电话；转至本市部门的，留空则使用该部门公开的地址和电话。"))
    transferred_on = DayField(label=_("告知日"), initial=_today)


class ReplyForm(forms.Form):
    outcome = forms.ChoiceField(label=_("答复类型"), choices=Outcome.choices)
    reason = forms.ChoiceField(label=_("具体情形"), required=False, choices=[("", "—"), *[
        (r, format_lazy("{} · {}", Outcome(o).label, Reason(r).label)) for o, rs in REASONS_OF.items() for r in rs
        if r not in ("no_correction", "fee_unpaid")]])
    replied_on = DayField(label=_("答复日"), initial=_today)
    summary = forms.CharField(label=_("答复内容"), widget=forms.Textarea(attrs={"rows": 5}))
    special_channel = forms.CharField(label=_("获取信息的法定渠道"), required=False, max_length=300,
                                      help_text=_("“属于行政查询事项”（第三十六条第七项）时必填：告知申请人依照有关法律、行政法规办理的渠道。"))
    attachments = MultipleFileField(label=_("公开的文件（选填）"), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        outcome, reason = data.get("outcome"), data.get("reason")
        if outcome in REASONS_OF and reason not in REASONS_OF[outcome]:
            self.add_error("reason", _("请选择与答复类型相符的具体情形。"))
        return data


class SubmitReleaseForm(forms.Form):
    """The draft of a reply that releases information, for the 保密审查 and the head's sign-off."""

    outcome = forms.ChoiceField(label=_("答复类型"), choices=[(o.value, o.label) for o in (Outcome.GRANTED, Outcome.PARTIAL)],
                                widget=forms.RadioSelect)
    summary = forms.CharField(label=_("答复内容"), widget=forms.Textarea(attrs={"rows": 5}))
    attachments = MultipleFileField(label=_("拟公开的文件（选填）"), required=False,
                                    help_text=_("部分公开的，请上传删除处理后的文本，或先在“删除处理”中制作。"))


class ReviewForm(forms.Form):
    note = forms.CharField(label=_("审查意见（选填）"), required=False, max_length=500,
                           widget=forms.Textarea(attrs={"rows": 2}))


class ReplyDayForm(forms.Form):
    replied_on = DayField(label=_("答复日"), initial=_today)


class FileChoiceField(forms.TypedMultipleChoiceField):
    """Files of the case by id: the choices shown come from the form's initial data (the screen knows the case);
    any id is accepted here and the action checks it belongs to the case (the API has no screen)."""

    def valid_value(self, value: Any) -> bool:
        return str(value).isdigit() and len(str(value)) < 12


class PublishAnswerForm(forms.Form):
    title = forms.CharField(label=_("公开标题"), max_length=200,
                            help_text=_("概括所申请的信息，如“关于2016年农村危房改造补助资金发放情况的申请”。"))
    text = forms.CharField(label=_("公开的申请内容"), max_length=5000, widget=forms.Textarea(attrs={"rows": 5}),
                           help_text=_("去除申请人姓名、证件号码、联系方式等身份信息；仍含申请人身份信息的不能公开。"))
    public_files = FileChoiceField(label=_("一并公开的文件"), coerce=int, required=False,
                                   widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["public_files"].choices = self.initial.get("file_choices", [])  # type: ignore[attr-defined]


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("理由"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}))


class TrackForm(forms.Form):
    code = forms.CharField(label=_("查询码"), max_length=20)
    phone = forms.CharField(label=_("申请时填写的联系电话"), max_length=30)

    def clean_code(self) -> str:
        # As typed: the selector reads full-width letters, spaces and any dash the same (core.tracking).
        return self.cleaned_data.get("code", "").strip()

    def clean_phone(self) -> str:
        return normalise_phone(self.cleaned_data.get("phone", ""))


class OnlineCorrectionForm(forms.Form):
    """The applicant's answer to the 补正 notice, on the tracking page."""

    text = forms.CharField(label=_("补正内容"), widget=forms.Textarea(attrs={"rows": 5}), required=False,
                           max_length=5000)
    attachments = MultipleFileField(label=_("补正材料（选填，最多 5 个文件）"), required=False)


class ChallengeForm(forms.Form):
    kind = forms.ChoiceField(label=_("类别"), choices=ChallengeKind.choices, widget=forms.RadioSelect)
    filed_on = DayField(label=_("申请复议或起诉之日"), initial=_today)
    body = forms.CharField(label=_("复议机关或人民法院"), max_length=200)
    case_number = forms.CharField(label=_("案号（选填）"), max_length=100, required=False)


class ChallengeResultForm(forms.Form):
    kind = forms.ChoiceField(label=_("类别"), choices=ChallengeKind.choices, widget=forms.RadioSelect)
    result = forms.ChoiceField(
        label=_("结果"), choices=ChallengeResult.choices, widget=forms.RadioSelect,
        help_text=_("撤销、变更、确认违法、责令履行等计为“结果纠正”；驳回起诉、撤回、和解等计为“其他结果”。"))
    decided_on = DayField(label=_("审结之日"), initial=_today)
    note = forms.CharField(label=_("结果说明（选填）"), max_length=300, required=False)


class RedactionForm(forms.Form):
    """What the officer chose on the redaction screen: the areas drawn (JSON from the page's script), the texts
    to remove wherever they occur, and the reasons (2019 art.37: the reply says why a part is withheld)."""

    areas = forms.CharField(widget=forms.HiddenInput, required=False)
    terms = forms.CharField(
        label=_("按文字删除"), required=False, max_length=3000, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("每行一条，如姓名、身份证号码、电话号码：文件中每一处出现都会被删除。至少 2 个字符。"))
    reasons = forms.MultipleChoiceField(label=_("删除理由"), required=False, widget=forms.CheckboxSelectMultiple)
    other_reason = forms.CharField(label=_("其他理由"), required=False, max_length=300)

    def __init__(self, *args: Any, reason_choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reasons"].choices = reason_choices  # type: ignore[attr-defined]

    def clean_areas(self) -> list[Any]:
        raw = self.cleaned_data.get("areas") or "[]"
        try:
            areas = json.loads(raw)
        except ValueError as error:
            raise forms.ValidationError(_("删除区域的格式不正确，请重新框选。")) from error
        if not isinstance(areas, list):
            raise forms.ValidationError(_("删除区域的格式不正确，请重新框选。"))
        return areas


class OriginalUploadForm(forms.Form):
    file = forms.FileField(label=_("上传待删除处理的原件（PDF）"))
