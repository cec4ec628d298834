"""The standard notices of a request, as Word documents in the agency's name.

Each notice is a plain-text template (templates/disclosure/notices/<kind>.txt: first line the
title, one paragraph a line) rendered with the request, then laid out by python-docx. A city
changes the wording by overriding the template, not the code.
"""

from __future__ import annotations

import io

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from yifa.calendar.selectors import deadline_of

from .models import DisclosureRequest

NOTICES = {
    "receipt": _("政府信息公开申请登记回执"),
    "correction": _("补正申请告知书"),
    "extension": _("延期答复告知书"),
    "third_party": _("征求第三方意见函"),
    "fee": _("收费通知书"),
    "reply": _("政府信息公开申请答复书"),
}
# Which notices make sense at which point of a request.
AVAILABLE = {
    "receipt": lambda r: r.received_on is not None,
    "correction": lambda r: r.correction_requested_on is not None,
    "extension": lambda r: deadline_of(r, "reply", running=False) is not None
    and deadline_of(r, "reply", running=False).extensions.exists(),  # type: ignore[union-attr]
    "third_party": lambda r: bool(r.third_party),
    "fee": lambda r: r.fee_notified_on is not None,
    "reply": lambda r: r.concluded_on is not None,
}


def available_notices(request: DisclosureRequest) -> list[tuple[str, str]]:
    return [(kind, str(label)) for kind, label in NOTICES.items() if AVAILABLE[kind](request)]


def notice_text(request: DisclosureRequest, kind: str) -> list[str]:
    reply = deadline_of(request, "reply", running=False)
    context = {
        "request": request, "agency": request.department, "today": timezone.localdate(), "reply": reply,
        "extension": reply.extensions.order_by("-id").first() if reply else None,
    }
    # Notices go to the applicant in Chinese, whichever language the officer works in.
    with translation.override("zh-hans"):
        text = render_to_string(f"disclosure/notices/{kind}.txt", context)
    return [line.strip() for line in text.splitlines() if line.strip()]


def notice_docx(request: DisclosureRequest, kind: str) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    lines = notice_text(request, kind)
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "SimSun"
    style.font.size = Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")  # Chinese text in the Chinese font
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(lines[0])
    run.bold = True
    run.font.size = Pt(20)
    for line in lines[1:]:
        paragraph = document.add_paragraph(line)
        if line.startswith(("落款：", "日期：")):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            paragraph.runs[0].text = line.split("：", 1)[1]
        elif not line.endswith("：") and not line.startswith(("申请人", "编号", "查询码")):
            paragraph.paragraph_format.first_line_indent = Pt(28)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
