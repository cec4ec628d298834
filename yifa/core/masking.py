"""Masking natural persons' data in text the public will read (个人信息保护法 art.28; the website
inspection's privacy checks): phone numbers, ID numbers, e-mail addresses, QQ and WeChat ids.

Written once for every publication: public messages, disclosure replies, enforcement decisions,
inspection results. Text is matched as people really write it — full-width digits (１３９…), spaces,
dots or hyphens between digit groups, +86, bracketed area codes, "＠" and "at … dot" addresses — and
masked in place, leaving the rest of the text (and its Chinese punctuation) as it was. Official
contacts (a department's published phone, the city's hotlines) are given as `keep` and never masked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .contact import phone_digits

# A full-width ASCII character (U+FF01–U+FF5E) and the ideographic space match as their ASCII forms;
# the shadow text has the same length as the original, so a match's span masks the original in place.
_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}

_SEP = r"[\s.\-·]?"
# A literal dot takes no spaces around it (only a written-out "dot" does): "look at it. Done" is no address.
_DOT = r"(?:\.|\s*(?:\(dot\)|\[dot\])\s*|\sdot\s)"
EMAIL = re.compile(
    r"[A-Za-z0-9._%+\-]+\s*(?:@|\(at\)|\[at\]|\sat\s)\s*[A-Za-z0-9\-]+"
    r"(?:" + _DOT + r"[A-Za-z0-9\-]+)*" + _DOT + r"[A-Za-z]{2,}",
    re.IGNORECASE,
)
# A region code never starts with 0: "0086 13000100000" is a mobile, not an old 15-digit ID.
RESIDENT_ID = re.compile(
    r"(?<![0-9A-Za-z])[1-9]\d{5}" + _SEP + r"(?:19|20)\d{2}" + _SEP + r"\d{4}" + _SEP + r"\d{3}[0-9Xx](?![0-9A-Za-z])"
    # the old 15-digit number: region, yymmdd, sequence
    r"|(?<![0-9A-Za-z])[1-9]\d{5}" + _SEP + r"\d{2}(?:0[1-9]|1[0-2])\d{2}" + _SEP + r"\d{3}(?![0-9A-Za-z])"
)
MOBILE = re.compile(r"(?<![0-9])(?:(?:\+|00)?86" + _SEP + r")?1[3-9]\d(?:" + _SEP + r"\d){8}(?![0-9])")
LANDLINE = re.compile(
    r"(?<![0-9])(?:(?:(?:\+|00)?86" + _SEP + r")?(?:\(\s*0?\d{2,3}\s*\)|0\d{2,3})"
    + r"|(?:\+|00)86" + _SEP + r"\d{2,3})"  # +86 455 7771365: after the country code the trunk 0 is dropped
    + _SEP + r"\d{3,4}" + _SEP + r"\d{4}(?![0-9])"
)
QQ = re.compile(r"(?:QQ|扣扣)\s*(?:号码|号)?\s*[:=]?\s*(\d{5,11})(?![0-9])", re.IGNORECASE)
WECHAT = re.compile(r"(?:微信|weixin|wechat|vx|wx)\s*(?:号)?\s*[:=]?\s*([A-Za-z][A-Za-z0-9_\-]{5,19})", re.IGNORECASE)


def _shadow(text: str) -> str:
    return text.translate(_FULLWIDTH)


def _digits_only(value: str) -> str:
    return re.sub(r"\D", "", _shadow(value))


def mask_phone(value: str) -> str:
    digits = phone_digits(value)
    return digits[:3] + "****" + digits[-4:] if len(digits) >= 8 else "****"


def mask_id(value: str) -> str:
    characters = re.sub(r"[^0-9Xx]", "", _shadow(value))
    return characters[:6] + "*" * (len(characters) - 10) + characters[-4:] if len(characters) >= 10 else "****"


def mask_email(value: str) -> str:
    shadow = _shadow(value)
    match = re.search(r"@|\(at\)|\[at\]|\sat\s", shadow, re.IGNORECASE)
    if match is None:
        return "***"
    local, domain = value[: match.start()].strip(), value[match.end():].strip()
    return f"{local[:1]}***@{domain}"


def mask_personal_data(text: str, *, keep: Iterable[str] = ()) -> str:
    """`text` with every natural person's phone, ID number, e-mail, QQ and WeChat id masked.

    `keep` are official contacts (phones) that stay readable wherever they appear."""
    text = text or ""
    if not text:
        return text
    kept = {phone_digits(phone) for phone in keep if phone_digits(phone)}
    shadow = _shadow(text)
    spans: list[tuple[int, int, str]] = []

    def add(start: int, end: int, replacement: str) -> None:
        if not any(start < e and s < end for s, e, _r in spans):
            spans.append((start, end, replacement))

    for match in EMAIL.finditer(shadow):
        add(match.start(), match.end(), mask_email(text[match.start():match.end()]))
    for match in RESIDENT_ID.finditer(shadow):
        add(match.start(), match.end(), mask_id(text[match.start():match.end()]))
    # A QQ or WeChat id is masked whole before phones: "微信 wang13804551234" must not keep "wang".
    for pattern in (QQ, WECHAT):
        for match in pattern.finditer(shadow):
            start, end = match.span(1)
            add(start, end, text[start] + "****" if end - start > 1 else "****")
    for pattern in (MOBILE, LANDLINE):
        for match in pattern.finditer(shadow):
            original = text[match.start():match.end()]
            if phone_digits(original) in kept:
                # An official number is not masked, and no shorter match may mask a part of it.
                add(match.start(), match.end(), original)
                continue
            add(match.start(), match.end(), mask_phone(original))
    for start, end, replacement in sorted(spans, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def surname(name: str) -> str:
    """The surname of a Chinese name: "张三" → "张", "欧阳修" → "欧阳"."""
    name = (name or "").strip()
    return name[:2] if len(name) >= 3 and name[:2] in COMPOUND_SURNAMES else name[:1]


def mask_name(name: str) -> str:
    """A natural person's name as the public sees it: the surname and 某 ("张三" → "张某", "欧阳修" → "欧阳某")."""
    family = surname(name)
    return f"{family}某" if family else ""


COMPOUND_SURNAMES = frozenset(
    ["欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "令狐", "端木", "轩辕", "南宫", "独孤", "西门", "呼延"]
)
