"""The case's documents as Word files in the agency's name, in Chinese whatever the officer's language: the
行政处罚告知书 (2021 art.44; 1996 art.31) and the 行政处罚决定书 (2021 art.59; 1996 art.39). Each is a plain-text
template (templates/enforcement/documents/<kind>.txt: first line the title, one paragraph a line)."""

from __future__ import annotations

import io

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from yifa.calendar.selectors import deadline_of

from . import statute
from .models import EnforcementCase

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DOCUMENTS = {"notice": _("行政处罚告知书"), "decision": _("行政处罚决定书")}
AVAILABLE = {"notice": lambda c: c.notified_on is not None, "decision": lambda c: c.decided_on is not None}


def available_documents(case: EnforcementCase) -> list[tuple[str, str]]:
    return [(kind, str(label)) for kind, label in DOCUMENTS.items() if AVAILABLE[kind](case)]


def document_text(case: EnforcementCase, kind: str) -> list[str]:
    text = statute.text_for(case.filed_on or case.found_on)
    context = {
        "case": case, "agency": case.department, "text": text,
        "statement": deadline_of(case, "statement", running=False),
        "hearing": deadline_of(case, statute.HEARING_REQUEST, running=False),
        "hearing_basis": statute.cite(text, "hearing_article"),
        "payment_basis": statute.cite(text, "payment_article"),
        "surcharge_basis": statute.cite(text, "surcharge_article"),
        "body": getattr(settings, "YIFA_RECONSIDERATION_BODY", "肇东市人民政府"),
        "court": getattr(settings, "YIFA_ADMINISTRATIVE_COURT", "人民法院"),
    }
    with translation.override("zh-hans"):
        rendered = render_to_string(f"enforcement/documents/{kind}.txt", context)
    return [line.strip() for line in rendered.splitlines() if line.strip()]


def document_docx(case: EnforcementCase, kind: str) -> bytes:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    lines = document_text(case, kind)
    document = Document()
    style = document.styles["Normal"]
    style.font.name = "SimSun"
    style.font.size = Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
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
        elif not line.startswith(("当事人", "文号", "地址")):
            paragraph.paragraph_format.first_line_indent = Pt(28)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
