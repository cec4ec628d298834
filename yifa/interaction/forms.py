"""Forms for public messages: the citizen's message, the lookup, and each step in the back office.
Forms parse and validate; the actions decide and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from yifa.core.contact import normalise_phone, validate_phone
from yifa.org.models import Department

from .models import CONTENT_MAX, NAME_MAX, REPLY_MAX, SUBJECT_MAX, Message, Salutation
from .text import normalise_text, text_problem


def _text(form: forms.BaseForm, name: str, what: Any, max_length: int, min_length: int = 1) -> str:
    value = normalise_text(form.cleaned_data.get(name))
    problem = text_problem(value, what=str(what), max_length=max_length, min_length=min_length)
    if problem:
        raise ValidationError(problem)
    return value


ANONYMOUS = "anonymous"


class MessageForm(forms.ModelForm):
    """The public message form on the portal (and, through the API, the same checks)."""

    department = forms.ModelChoiceField(
        label=_("留言部门"), queryset=Department.objects.filter(is_active=True), empty_label=_("请选择"),
        error_messages={"required": _("请选择留言的部门。"), "invalid_choice": _("所选部门不存在，请从列表中选择。")},
    )
    # How the author is named when the message is published: never the full name.
    shown_as = forms.ChoiceField(
        label=_("公开时留言人显示为"), widget=forms.RadioSelect, initial=ANONYMOUS, required=False,
        choices=[(ANONYMOUS, _("“网友”（匿名）")), (Salutation.MR, _("姓氏加“先生”，如“王先生”")),
                 (Salutation.MS, _("姓氏加“女士”，如“王女士”"))],
        error_messages={"invalid_choice": _("请选择公开时留言人的显示方式。")},
    )
    # A field people do not see: a form that fills it is a robot's.
    website = forms.CharField(required=False, widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}))

    class Meta:
        model = Message
        fields = ["department", "subject", "content", "name", "phone", "email"]
        widgets = {
            "subject": forms.TextInput(attrs={"maxlength": SUBJECT_MAX}),
            "content": forms.Textarea(attrs={"rows": 8, "maxlength": CONTENT_MAX}),
            "name": forms.TextInput(attrs={"maxlength": NAME_MAX, "autocomplete": "name"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }
        help_texts = {
            "phone": _("仅供部门联系您，不会在网站上公开。手机号码或带区号的固定电话，如 0455-7771365。"),
            "email": _("选填，不会在网站上公开。"),
        }
        error_messages = {
            "subject": {"required": _("请填写留言标题。")},
            "content": {"required": _("请填写留言内容。")},
            "name": {"required": _("请填写您的姓名。")},
            "phone": {"required": _("请填写联系电话。")},
            "email": {"invalid": _("请填写正确的电子邮箱，如 name@example.com。")},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Formatted per request, so that it is in the visitor's language.
        self.fields["content"].help_text = gettext("最多 %(n)s 字。请勿在留言中填写身份证号码等个人信息。") % {"n": CONTENT_MAX}
        # Lengths are checked by clean_*, with the count in the message; browsers still stop at maxlength.
        for name in ("subject", "name", "phone"):
            field = self.fields[name]
            field.validators = [v for v in field.validators if not hasattr(v, "limit_value")]
            field.max_length = None  # type: ignore[attr-defined]

    def clean_subject(self) -> str:
        return _text(self, "subject", _("留言标题"), SUBJECT_MAX, 2)

    def clean_content(self) -> str:
        return _text(self, "content", _("留言内容"), CONTENT_MAX, 5)

    def clean_name(self) -> str:
        return _text(self, "name", _("姓名"), NAME_MAX)

    def clean_phone(self) -> str:
        phone = normalise_phone(self.cleaned_data.get("phone", ""))
        validate_phone(phone)
        return phone

    def clean_email(self) -> str:
        return (self.cleaned_data.get("email") or "").strip().lower()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("website"):
            raise ValidationError(_("提交未成功，请刷新页面后重新填写。"))
        shown_as = data.get("shown_as") or ANONYMOUS
        self.instance.publish_name = shown_as != ANONYMOUS
        self.instance.salutation = "" if shown_as == ANONYMOUS else shown_as
        return data


class LookupForm(forms.Form):
    code = forms.CharField(label=_("查询码"), max_length=20, error_messages={"required": _("请填写查询码。")})
    phone = forms.CharField(label=_("留言时填写的联系电话"), max_length=30,
                            error_messages={"required": _("请填写留言时填写的联系电话。")})

    def clean_code(self) -> str:
        # As typed: the selector reads full-width letters, spaces and any dash the same (core.tracking).
        return self.cleaned_data.get("code", "").strip()

    def clean_phone(self) -> str:
        return normalise_phone(self.cleaned_data.get("phone", ""))


# --- back office ---------------------------------------------------------------------------------------


class ReplyForm(forms.Form):
    reply = forms.CharField(label=_("答复内容"), widget=forms.Textarea(attrs={"rows": 10, "maxlength": REPLY_MAX}),
                            help_text=_("答复将由部门负责人审核后，与留言一并在网站公开。"))


class PublishForm(forms.Form):
    """Nothing to fill in: the screen shows what the portal will show, and the head confirms."""


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("撤回理由"), max_length=500, widget=forms.Textarea(attrs={"rows": 3}))


class CloseForm(forms.Form):
    reason = forms.ChoiceField(label=_("不予受理的理由"), choices=Message.CloseReason.choices, widget=forms.RadioSelect)
    note = forms.CharField(label=_("说明（留言人查询时可见）"), required=False, max_length=1000,
                           widget=forms.Textarea(attrs={"rows": 3}))


class MarkComplexForm(forms.Form):
    reason = forms.CharField(label=_("复杂留言的理由"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("如：需要现场核查、需要多个部门会商、需要调取历史档案。理由记入办理记录。"),
                             error_messages={"required": _("请写明标记为复杂留言的理由。")})


def complex_help(message: Message | None = None) -> str:
    """What marking a message complex does, with the periods as configured: a local rule, said so."""
    from .actions import complex_reply_days, reply_days, reply_rule

    return gettext("公众留言一般应在收到之日起 %(days)s 个工作日内答复；需要核查、会商等的复杂留言，经部门负责人标记并写明理由，"
                   "答复期限延长为 %(complex)s 个工作日。此期限为本地规则（%(rule)s），不是国家统一规定；"
                   "留言超过 3 个月未答复，政府网站检查将判为不合格。") % {
        "days": reply_days(), "complex": complex_reply_days(), "rule": reply_rule()}
