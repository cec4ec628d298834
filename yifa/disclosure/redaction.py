"""Redaction (删除处理) of a document before it is released in part (政府信息公开条例 2019 art.37; 2007 art.22):
the reasons a part may be withheld, with their articles, and the bridge to the PDF work.

The PDF work (`pdfwork.py`, PyMuPDF) runs in a child process whose memory and CPU time the operating
system caps, and which is given a bounded time: a hostile or broken file ends that process, never the
application server, and the officer reads why in Chinese. Removing is real: the text under an area and
every occurrence of a term is taken out of the content, image pixels under an area are blanked, and the
result is checked before it is kept (see `pdfwork.redact`).
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from yifa.core.errors import ActionRefused

from .models import Reason

# The grounds for withholding part of a document, in the order of the statute, and the article of each text
# that allows it (2019: art.14 state secrets, laws forbidding, the 三安全一稳定; art.15 third parties'
# trade secrets and privacy; art.16 internal affairs, process information, enforcement files. 2007: art.14(4)
# state secrets, trade secrets and privacy; art.8 the 三安全一稳定; the others had no article of their own).
REDACTION_REASONS = (Reason.STATE_SECRET, Reason.LAW_FORBIDS, Reason.THREE_SAFETY, Reason.THIRD_PARTY_RIGHTS,
                     Reason.INTERNAL_AFFAIRS, Reason.PROCESS_INFORMATION, Reason.ENFORCEMENT_FILES)
ARTICLES: dict[str, dict[str, str]] = {
    "2019年修订": {Reason.STATE_SECRET: "第十四条", Reason.LAW_FORBIDS: "第十四条", Reason.THREE_SAFETY: "第十四条",
                   Reason.THIRD_PARTY_RIGHTS: "第十五条", Reason.INTERNAL_AFFAIRS: "第十六条第一款",
                   Reason.PROCESS_INFORMATION: "第十六条第二款", Reason.ENFORCEMENT_FILES: "第十六条第二款"},
    "2007年": {Reason.STATE_SECRET: "第十四条第四款", Reason.THIRD_PARTY_RIGHTS: "第十四条第四款",
              Reason.THREE_SAFETY: "第八条"},
}
PARTIAL_ARTICLE: dict[str, str] = {"2019年修订": "第三十七条", "2007年": "第二十二条"}

MAX_AREAS = 2000
MAX_TERMS = 20
MAX_TERM_LENGTH = 100
MIN_TERM_LENGTH = 2  # one character (a surname) would black out half a Chinese document


def max_pages() -> int:
    return int(getattr(settings, "YIFA_REDACTION_MAX_PAGES", 500))


class WorkLimits:
    memory_mb = 1024
    render_seconds = 20
    redact_seconds = 120


@dataclass(frozen=True)
class Redacted:
    pdf: bytes
    found: list[int]  # occurrences removed, per term
    areas_per_page: dict[str, int]


def refusal(code: str, details: dict[str, Any]) -> str:
    """What the officer reads when the PDF work refused the file."""
    messages = {
        "empty": _("文件是空的（0 字节），无法进行删除处理。"),
        "not_pdf": _("只能对 PDF 文件进行删除处理；请先将文件转换为 PDF 再上传。"),
        "corrupt": _("文件已损坏或不是有效的 PDF，无法打开。请用原软件重新导出 PDF 后再上传。"),
        "encrypted": _("文件已加密（设有打开密码或权限密码），无法进行删除处理。请先取消加密后再上传。"),
        "too_many_pages": _("文件有 %(pages)s 页，超过了删除处理的上限 %(max_pages)s 页。请拆分后分别处理。"),
        "page_too_large": _("第 %(page)s 页的页面尺寸超出 PDF 规范允许的范围，无法处理。"),
        "too_complex": _("文件内容过于复杂（所需内存或时间超出上限），无法处理。请用原软件重新导出 PDF，或拆分后再处理。"),
        "no_page": _("页码超出文件的页数。"),
        "bad_area": _("删除区域不在页面范围内，请重新框选。"),
        "check_failed": _("第 %(page)s 页删除处理后的复核未通过（区域内仍可提取到文字），未生成公开文本。请联系系统管理员。"),
    }
    message = messages.get(code, messages["corrupt"])
    try:
        return message % details if "%(" in message else message
    except (KeyError, TypeError, ValueError):
        return messages["corrupt"]


def _run(op: str, data: bytes, *, seconds: int, **params: Any) -> tuple[dict[str, Any], bytes]:
    header = {"op": op, "max_pages": max_pages(), "memory_mb": WorkLimits.memory_mb, "cpu_seconds": seconds, **params}
    try:
        finished = subprocess.run(
            [sys.executable, "-m", "yifa.disclosure.pdfwork"], input=json.dumps(header).encode() + b"\n" + data,
            capture_output=True, timeout=seconds + 5, check=False)
    except subprocess.TimeoutExpired as error:
        raise ActionRefused(refusal("too_complex", {})) from error
    line, _newline, payload = finished.stdout.partition(b"\n")
    try:
        result = json.loads(line) if line else None
    except ValueError:
        result = None
    if finished.returncode != 0 or not isinstance(result, dict):
        # Killed by its memory or CPU limit (or crashed inside MuPDF on a broken file).
        raise ActionRefused(refusal("too_complex", {}))
    if "error" in result:
        raise ActionRefused(refusal(str(result["error"]), result))
    return result, payload


def page_sizes(data: bytes) -> list[tuple[float, float]]:
    """Each page's size as shown, in points; refuses what cannot be redacted (see `refusal`)."""
    result, _payload = _run("inspect", data, seconds=WorkLimits.render_seconds)
    return [(float(width), float(height)) for width, height in result["pages"]]


def render_page(data: bytes, index: int, *, width: int = 1100) -> bytes:
    """Page `index` (from 0) as a PNG about `width` pixels wide (at most 4 million pixels)."""
    _result, png = _run("render", data, seconds=WorkLimits.render_seconds, page=index, width=width,
                        max_pixels=4_000_000)
    return png


def redact(data: bytes, *, areas: list[dict[str, Any]], terms: list[str]) -> Redacted:
    result, pdf = _run("redact", data, seconds=WorkLimits.redact_seconds, areas=areas, terms=terms)
    return Redacted(pdf=pdf, found=[int(n) for n in result["found"]], areas_per_page=dict(result["areas_per_page"]))


def clean_areas(areas: Any) -> list[dict[str, Any]]:
    """Areas as {"page": index from 0, "rect": [x0, y0, x1, y1]} in points; anything else is refused."""
    if not isinstance(areas, (list, tuple)):
        raise ActionRefused(_("删除区域的格式不正确。"))
    if len(areas) > MAX_AREAS:
        raise ActionRefused(_("删除区域最多 %(n)s 处。") % {"n": MAX_AREAS})
    cleaned = []
    for area in areas:
        try:
            page = area["page"]
            rect = [float(value) for value in area["rect"]]
        except (KeyError, TypeError, ValueError) as error:
            raise ActionRefused(_("删除区域的格式不正确。")) from error
        if isinstance(page, bool) or not isinstance(page, int) or page < 0 or len(rect) != 4:
            raise ActionRefused(_("删除区域的格式不正确。"))
        if any(value != value or abs(value) > 1e6 for value in rect):  # NaN or absurd
            raise ActionRefused(_("删除区域的格式不正确。"))
        if abs(rect[2] - rect[0]) < 1 or abs(rect[3] - rect[1]) < 1:
            continue  # a click, not a drawn area
        cleaned.append({"page": page, "rect": rect})
    return cleaned


def clean_terms(terms: Any) -> list[str]:
    """The texts to remove wherever they occur: stripped, each once."""
    if isinstance(terms, str):
        terms = terms.splitlines()
    cleaned: list[str] = []
    for term in terms or ():
        term = " ".join(str(term).split())
        if not term or term in cleaned:
            continue
        if len(term) < MIN_TERM_LENGTH:
            raise ActionRefused(_("要删除的文字“%(term)s”太短：至少 %(n)s 个字符，以免误删其他内容。") % {
                "term": term, "n": MIN_TERM_LENGTH})
        if len(term) > MAX_TERM_LENGTH:
            raise ActionRefused(_("要删除的文字每条不超过 %(n)s 个字符。") % {"n": MAX_TERM_LENGTH})
        cleaned.append(term)
    if len(cleaned) > MAX_TERMS:
        raise ActionRefused(_("要删除的文字最多 %(n)s 条。") % {"n": MAX_TERMS})
    return cleaned


def mask_term(term: str) -> str:
    """How a removed text is named afterwards (in the log, on screen): its first character and its length, so
    the record of what was removed does not repeat a name or an ID number."""
    return term[0] + "＊" * (len(term) - 1)



def grounds(reasons: list[str], other_reason: str, text: Any) -> list[str]:
    """Each reason with the article of the governing text that allows it: 保护第三方合法权益（第十五条）."""
    labels: dict[str, Any] = dict(Reason.choices)
    articles = ARTICLES.get(text.name, {})
    named = [f"{labels[code]}（{articles[code]}）" if code in articles else str(labels[code])
             for code in reasons if code in labels]
    return [*named, other_reason] if other_reason else named


def reply_lines(request: Any) -> list[str]:
    """What the reply says of the redacted documents when it releases in part (2019 art.37: the parts withheld
    and why; 2007 art.22): one line for the rule, one per document. In the caller's language (the notices
    render in Chinese)."""
    from .models import Outcome

    if request.outcome != Outcome.PARTIAL:
        return []
    redactions = list(request.redactions.select_related("source"))
    if not redactions:
        return []
    from . import statute

    text = statute.text_for(request.received_on or request.submitted_at.date())
    lines = [_("您申请公开的信息中含有不应当公开的内容，本机关已作区分处理，向您提供可以公开的部分（%(basis)s）：") % {
        "basis": text.cite(PARTIAL_ARTICLE.get(text.name, ""))}]
    for number, made in enumerate(redactions, start=1):
        parts = []
        if made.areas:
            parts.append(_("第 %(pages)s 页的 %(n)s 处内容") % {
                "pages": "、".join(str(page) for page in made.page_numbers()), "n": len(made.areas)})
        removed = sum(item["count"] for item in made.terms_found)
        if removed:
            parts.append(_("%(n)s 处文字") % {"n": removed})
        lines.append(_("%(number)s. 《%(name)s》：删除了%(parts)s，理由：%(grounds)s。") % {
            "number": number, "name": made.source.original_name, "parts": _("，以及 ").join(parts),
            "grounds": "；".join(grounds(made.reasons, made.other_reason, text))})
    return lines
