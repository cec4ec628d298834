"""Reference numbers (编号): one sequence per case kind, department and year, safe under concurrency.

    reference = next_reference(DisclosureRequest, kind="disclosure-request", year=2016,
                               department=department, template="{DEPT}-{year}-{number:04d}")

The template may use `{year}`, `{number}`, `{dept}` (the department's code) and `{DEPT}` (in capitals).
Call it inside the transaction that saves the case: the number is taken when the row is updated and
given back if the transaction rolls back. A sequence created for a kind that already has cases starts
after the highest number already used (references made before the sequence existed).
"""

from __future__ import annotations

import re
import string
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F

from .models import Case, ReferenceSequence


def _prefix(template: str, values: dict[str, Any]) -> str:
    """The literal part of a reference before its number: "JYJ-2016-"."""
    head = template.split("{number", 1)[0]
    return head.format(**values)


def _highest_used(model: type[Case], prefix: str, template: str, values: dict[str, Any]) -> int:
    tail = template.split("{number", 1)[1]
    suffix = tail.split("}", 1)[1].format(**values) if "}" in tail else ""
    pattern = re.compile(re.escape(prefix) + r"(\d+)" + re.escape(suffix) + "$")
    highest = 0
    for reference in model._default_manager.filter(reference__startswith=prefix).values_list("reference", flat=True):
        match = pattern.match(reference)
        if match:
            highest = max(highest, int(match.group(1)))
    return highest


def next_reference(model: type[Case], *, kind: str, template: str, year: int, department: Any = None) -> str:
    fields = {name for _text, name, _spec, _conv in string.Formatter().parse(template) if name}
    if "number" not in fields or not fields <= {"year", "number", "dept", "DEPT"}:
        raise ValueError(f"a reference template uses {{year}}, {{number}}, {{dept}}, {{DEPT}}: {template!r}")
    code = getattr(department, "code", "") or ""
    values = {"year": year, "dept": code, "DEPT": code.upper()}
    scope = code if {"dept", "DEPT"} & fields else ""
    with transaction.atomic():
        key = {"kind": kind, "scope": scope, "year": year}
        if not ReferenceSequence.objects.filter(**key).update(last=F("last") + 1):
            start = _highest_used(model, _prefix(template, values), template, values) + 1
            try:
                with transaction.atomic():
                    ReferenceSequence.objects.create(**key, last=start)
            except IntegrityError:  # created by a concurrent submission a moment ago
                ReferenceSequence.objects.filter(**key).update(last=F("last") + 1)
        number = ReferenceSequence.objects.filter(**key).values_list("last", flat=True).get()
    return template.format(number=number, **values)
