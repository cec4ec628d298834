"""The back office's form for issuing oneself a staff API token."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .actions import MAX_DAYS, NAME_LENGTH


class IssueTokenForm(forms.Form):
    name = forms.CharField(label=_("用途"), max_length=NAME_LENGTH, required=False,
                           help_text=_("例如：统计报表脚本。便于以后辨认和吊销。"))
    days = forms.IntegerField(label=_("有效天数"), min_value=1, max_value=MAX_DAYS, required=False, initial=90,
                              help_text=_("留空则在吊销前一直有效。"))
