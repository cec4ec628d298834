"""The notification settings form: e-mail and SMS per event kind, the SMS number, the language."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .kinds import STAFF_KINDS, EventKind

KIND_CHOICES = [(kind.value, kind.label) for kind in STAFF_KINDS]


class PreferenceForm(forms.Form):
    email_kinds = forms.MultipleChoiceField(label=_("电子邮件"), choices=KIND_CHOICES, required=False,
                                            widget=forms.CheckboxSelectMultiple)
    sms_kinds = forms.MultipleChoiceField(label=_("短信"), choices=KIND_CHOICES, required=False,
                                          widget=forms.CheckboxSelectMultiple)
    mobile = forms.CharField(label=_("接收短信的手机号码"), max_length=20, required=False,
                             help_text=_("不填则使用工作人员信息中的手机号码。"))
    language = forms.ChoiceField(label=_("通知和后台使用的语言"), choices=settings.LANGUAGES)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["mobile"].widget.input_type = "tel"  # type: ignore[attr-defined]
        self.fields["mobile"].widget.attrs["autocomplete"] = "tel"

    def rows(self) -> list[dict[str, Any]]:
        """One row per event kind with its two checkboxes, for the table."""
        email = {widget.data["value"]: widget for widget in self["email_kinds"]}
        sms = {widget.data["value"]: widget for widget in self["sms_kinds"]}
        return [{"kind": kind, "label": EventKind(kind).label, "email": email[kind], "sms": sms[kind]}
                for kind, _label in KIND_CHOICES]
