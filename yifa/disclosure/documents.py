"""The standard notices of a request, as Word documents in the agency's name.

Each notice is a plain-text template (templates/disclosure/notices/<kind>.txt: first line the
title, one paragraph a line) rendered with the request, then laid out by python-docx. A city
changes the wording by overriding the template, not the code.
"""

from __future__ import annotations

import datetime as dt
import io

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from yifa.calendar.selectors import deadline_of

from . import redaction, statute
from .models import DisclosureRequest

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
NOTICES = {
    "receipt": _("政府信息公开申请登记回执"),
    "correction": _("补正申请告知书"),
    "extension": _("延期答复告知书"),
    "longer_period": _("延迟答复告知书"),
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
    "longer_period": lambda r: r.longer_period_until is not None,
    "third_party": lambda r: bool(r.third_party),
    "fee": lambda r: r.fee_notified_on is not None,
    "reply": lambda r: r.concluded_on is not None,
}


def available_notices(request: DisclosureRequest) -> list[tuple[str, str]]:
    return [(kind, str(label)) for kind, label in NOTICES.items() if AVAILABLE[kind](request)]


RECONSIDERATION_2023_FROM = dt.date(2024, 1, 1)


def remedies(on: dt.date) -> str:
    """How to challenge a reply, naming the bodies (without them the applicant's reconsideration period runs
    up to a year: 行政复议法 art.20). The reconsideration body follows the 行政复议法 in force that day: from
    2024-01-01 (2023 text) the city government for its departments; before, the city government or the
    department one level up. The court and the bodies are settings (the city's own jurisdiction)."""
    body = (settings.YIFA_RECONSIDERATION_BODY if on >= RECONSIDERATION_2023_FROM
            else settings.YIFA_RECONSIDERATION_BODY_BEFORE_2024)
    return (f"如对本答复不服，可以自收到本答复之日起六十日内向{body}申请行政复议，"
            f"或者自收到本答复之日起六个月内向{settings.YIFA_ADMINISTRATIVE_COURT}提起行政诉讼。")


def notice_text(request: DisclosureRequest, kind: str) -> list[str]:
    reply = deadline_of(request, "reply", running=False)
    text = statute.text_for(request.received_on or timezone.localdate())
    context = {
        "request": request, "agency": request.department, "today": timezone.localdate(), "reply": reply,
        "extension": reply.extensions.order_by("-id").first() if reply else None,
        "correction_basis": text.cite(text.rule("correction_article")),
        "extension_basis": text.cite(text.rule("extension_article")),
        "excessive_basis": text.cite(text.rule("excessive_article", "")),
        "remedies": remedies(request.concluded_on or timezone.localdate()),
    }
    # Notices go to the applicant in Chinese, whichever language the officer works in.
    with translation.override("zh-hans"):
        context["redaction_lines"] = redaction.reply_lines(request) if kind == "reply" else []
        rendered = render_to_string(f"disclosure/notices/{kind}.txt", context)
    return [line.strip() for line in rendered.splitlines() if line.strip()]


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
