"""以案释法: typical cases (典型案例) drawn from concluded cases, their anonymity and the yearly check.

A case type offers its concluded cases as typical cases by declaring `typical_case` in the case registry
(enforcement, later reconsideration and litigation); the portal reads them only through the registry, so it
imports no module. “谁执法谁普法” (中办发〔2017〕31号《关于实行国家机关“谁执法谁普法”普法责任制的意见》) asks every
department that enforces the law to explain it by its cases: a department that concluded cases in a year and
published no typical case that year shows up in the yearly check."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from wagtail.query import PageQuerySet

from yifa.casework.models import Case
from yifa.casework.registry import CaseType, TypicalCaseDraft, case_type, case_types
from yifa.core.modules import Finding
from yifa.org.models import Department
from yifa.publication.actions import public_text

# The candidates screen lists at most this many concluded cases (the newest): it is a picker, not an archive.
CANDIDATES_SHOWN = 100
# A party's name shorter than this is not looked for in the text (a one-character "name" matches everywhere).
SHORTEST_NAME = 2


def source_types() -> list[CaseType]:
    """The case types whose concluded cases may become typical cases."""
    return [declared for declared in case_types() if declared.typical_case is not None]


def source_case(kind: str, reference: str) -> Case | None:
    declared = case_type(kind)
    if declared is None or declared.typical_case is None or not reference:
        return None
    return declared.model._default_manager.filter(reference=reference).select_related("department").first()


def source_problem(kind: str, reference: str) -> str:
    """Why (kind, reference) cannot be the source of a typical case; "" when it can."""
    declared = case_type(kind)
    if declared is None or declared.typical_case is None:
        return _("“%(kind)s”不是可以选作典型案例的案件类型（行政执法、行政复议、行政诉讼案件）。") % {"kind": kind}
    case = source_case(kind, reference)
    if case is None:
        return _("没有编号为“%(reference)s”的%(label)s。") % {"reference": reference, "label": declared.label}
    if case.closed_at is None:
        return _("案件%(reference)s尚未办结：办结的案件才能作为典型案例。") % {"reference": reference}
    return ""


def draft_of(kind: str, reference: str) -> TypicalCaseDraft | None:
    declared = case_type(kind)
    case = source_case(kind, reference)
    if declared is None or declared.typical_case is None or case is None:
        return None
    return declared.typical_case(case)


def _texts(page: Any) -> list[tuple[str, str]]:
    return [("title", page.title or ""), ("summary", page.summary or ""),
            ("body", strip_tags(page.body or "")), ("legal_basis", page.legal_basis or ""),
            ("legal_point", page.legal_point or "")]


def anonymity_problems(page: Any) -> list[tuple[str, str]]:
    """(field, message) for each personal datum still in the article's text: a natural person's ID number, phone
    or e-mail (what the portal would mask), or the full name of a party to the source case.

    Typical cases are published without the parties' personal information (《政府信息公开条例》第十五条;
    国办发〔2018〕118号 on 行政执法公示: 不得公开个人隐私)."""
    draft = draft_of(page.source_kind, page.source_reference)
    names = [name for name in (draft.party_names if draft else ()) if len(name) >= SHORTEST_NAME]
    problems = []
    for field_name, text in _texts(page):
        if public_text(text) != text:
            problems.append((field_name, _("含有自然人的身份证号、电话号码或电子邮箱，请删去后再发布（《政府信息公开条例》第十五条）。")))
        for name in names:
            if name in text:
                problems.append((field_name, _("含有当事人的姓名“%(name)s”，请改为“%(masked)s”等称谓后再发布。")
                                 % {"name": name, "masked": name[:1] + "某"}))
    return problems


@dataclass(frozen=True)
class Candidate:
    """A concluded case that could be told as a typical case, and whether it has been."""

    case_type: CaseType
    case: Case
    explained_by: Any = None  # the 以案释法 page already drawn from it

    @property
    def kind(self) -> str:
        return self.case_type.kind


def explanations() -> PageQuerySet:
    from .models import CaseExplanationPage

    return CaseExplanationPage.objects.all()


def candidates(user: Any, *, year: int | None = None) -> list[Candidate]:
    """The concluded cases of every source type that `user` may see (their departments', or all for a city role),
    newest first, each with the 以案释法 page drawn from it if there is one."""
    pages = {(page.source_kind, page.source_reference): page
             for page in explanations().only("id", "title", "live", "source_kind", "source_reference")}
    found: list[Candidate] = []
    for declared in source_types():
        cases = declared.visible_to(user).filter(closed_at__isnull=False).select_related("department")
        if year is not None:
            cases = cases.filter(closed_at__year=year)
        for case in cases.order_by("-closed_at")[:CANDIDATES_SHOWN]:
            found.append(Candidate(declared, case, pages.get((declared.kind, case.reference))))
    found.sort(key=lambda candidate: candidate.case.closed_at or timezone.now(), reverse=True)
    return found[:CANDIDATES_SHOWN]


def published(year: int, department: Department | None = None) -> QuerySet:
    """The live 以案释法 articles published in `year` (by the department, when given)."""
    pages = explanations().live().filter(published_on__year=year)
    if department is not None:
        pages = pages.filter(issuing_department=department)
    return pages


def departments_without_explanations(year: int) -> list[Department]:
    """The departments that concluded cases of a source type in `year` and published no typical case that year."""
    concluded: set[int] = set()
    for declared in source_types():
        concluded.update(declared.model._default_manager.filter(closed_at__year=year).values_list("department_id", flat=True))
    explained = set(published(year).values_list("issuing_department_id", flat=True))
    return list(Department.objects.filter(pk__in=concluded - explained).order_by("sort_order", "pk"))


def yearly_check(today: dt.date) -> list[Finding]:
    """Last year's 以案释法 by department (the check runs every day; from 1 January it reports the year just ended)."""
    year = today.year - 1
    missing = departments_without_explanations(year)
    if not missing:
        return []
    return [Finding("warn", _(
        "%(year)s 年办结了行政执法等案件、但全年没有发布以案释法典型案例的部门：%(departments)s"
        "（“谁执法谁普法”普法责任制，中办发〔2017〕31号）。") % {"year": year, "departments": _names(missing)})]


def _names(departments: Iterable[Department]) -> str:
    return _("、").join(department.name for department in departments)
