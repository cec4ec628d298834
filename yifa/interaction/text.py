"""Checks of the free text people type into a message (and staff into a reply).

HTML is not refused: it is kept as typed and escaped wherever it is shown. Refused are control
characters (a NUL cannot even be stored in PostgreSQL) and the bidirectional overrides that make
text read differently from what it contains.
"""

from __future__ import annotations

import unicodedata

from django.utils.translation import gettext as _

from yifa.core.errors import ActionRefused

ALLOWED_CONTROLS = frozenset("\n\t")
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def text_problem(value: str, *, what: str, max_length: int, min_length: int = 1) -> str | None:
    """Why `value` (already normalised by `normalise_text`) cannot be accepted, or None."""
    if any((unicodedata.category(c) == "Cc" and c not in ALLOWED_CONTROLS) or c in BIDI_CONTROLS for c in value):
        return _("%(what)s含有无法显示的控制字符，请删除后重新填写。") % {"what": what}
    if len(value) > max_length:
        return _("%(what)s不能超过 %(n)s 字（现在 %(length)s 字）。") % {"what": what, "n": max_length, "length": len(value)}
    if len(value) < min_length:
        if not value:
            return _("请填写%(what)s。") % {"what": what}
        return _("%(what)s至少 %(n)s 字。") % {"what": what, "n": min_length}
    return None


def normalise_text(value: object) -> str:
    return str(value if value is not None else "").replace("\r\n", "\n").replace("\r", "\n").strip()


def clean_text(value: object, *, what: str, max_length: int, min_length: int = 1) -> str:
    """The text, normalised; raises ActionRefused with a readable message when it cannot be accepted."""
    text = normalise_text(value)
    problem = text_problem(text, what=what, max_length=max_length, min_length=min_length)
    if problem:
        raise ActionRefused(problem)
    return text
