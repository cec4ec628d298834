"""Back-office forms for the calendar. They parse and validate; the actions decide and write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from yifa.core.dates import DayField

MAX_NOTICE_UPLOAD = 512 * 1024


class NoticeImportForm(forms.Form):
    year = forms.IntegerField(
        label=gettext_lazy("年度"), required=False, min_value=1949, max_value=2199,
        help_text=gettext_lazy("通知标题写明年度时可不填。"),
    )
    document_number = forms.CharField(
        label=gettext_lazy("文号"), required=False, max_length=60,
        help_text=gettext_lazy("例如：国办发明电〔2016〕17号。通知正文中有文号时可不填。"),
    )
    text = forms.CharField(
        label=gettext_lazy("通知全文"), required=False, widget=forms.Textarea(attrs={"rows": 14}),
        help_text=gettext_lazy("粘贴国务院办公厅关于部分节假日安排的通知全文；也可以上传文本文件，或 holiday-cn 的 JSON。"),
    )
    file = forms.FileField(label=gettext_lazy("或上传文件"), required=False)
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def clean(self) -> dict:
        data = super().clean() or {}
        upload = data.get("file")
        if upload:
            if upload.size > MAX_NOTICE_UPLOAD:
                raise forms.ValidationError(_("文件太大（超过 512 KB），这不像一份节假日安排通知。"))
            raw = upload.read()
            for encoding in ("utf-8-sig", "gb18030"):
                try:
                    data["text"] = raw.decode(encoding)
                    break
                except UnicodeDecodeError:
                    continue
            else:
                raise forms.ValidationError(_("无法读取文件编码：请另存为 UTF-8 文本后再上传。"))
        if not (data.get("text") or "").strip():
            raise forms.ValidationError(_("请粘贴通知全文或上传通知文件。"))
        return data


class CalendarDayForm(forms.Form):
    day = DayField(label=gettext_lazy("日期"))
    is_working_day = forms.TypedChoiceField(
        label=gettext_lazy("这一天是"), coerce=lambda v: v == "1",
        choices=[("0", gettext_lazy("休息日")), ("1", gettext_lazy("工作日"))],
        widget=forms.RadioSelect,
    )
    name = forms.CharField(label=gettext_lazy("节日名称"), required=False, max_length=60,
                           help_text=gettext_lazy("放假或调休所属的节日，例如：国庆节。"))
    source_document = forms.CharField(label=gettext_lazy("依据文号"), max_length=60)
    note = forms.CharField(label=gettext_lazy("备注"), required=False, max_length=200)


class ClearDayForm(forms.Form):
    reason = forms.CharField(label=gettext_lazy("撤销理由"), max_length=200)
