"""Reads of enforcement cases: what the guards judge (power item in force, handlers, 法制审核, the party's
statement, the fine), the cases a person may see, the published decisions, and the figures."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import F, Q, QuerySet
from django.utils.translation import gettext as _

from yifa.calendar.selectors import deadline_of
from yifa.core.errors import ActionRefused

from . import rules, statute
from .models import EnforcementCase, LegalReview, MajorReason, ReviewConclusion
from .policies import case_policy

ENFORCEMENT_POWER_TYPES = ("02", "03")  # 行政处罚, 行政强制 (GB/T 39046-2020)


def cases_visible_to(user: Any) -> QuerySet[EnforcementCase]:
    return case_policy.instances_user_has_permission_for(user, "view").select_related("department", "power")


def case_for(user: Any, reference: str) -> EnforcementCase | None:
    return cases_visible_to(user).filter(reference=reference).first()


# --- filing ---------------------------------------------------------------------------------------------


def enforcement_powers(department: Any, on: dt.date) -> QuerySet:
    """The department's 行政处罚 and 行政强制 items in force on `on`: what it may file a case under."""
    from yifa.powers.selectors import in_force

    return in_force("power", on, department=department).filter(power_type__in=ENFORCEMENT_POWER_TYPES).order_by("code")


def power_problem(department: Any, power: Any, on: dt.date) -> str | None:
    if power.department_id != department.pk:
        return _("“%(name)s”不在本部门的权责清单中。") % {"name": power.name}
    if power.power_type not in ENFORCEMENT_POWER_TYPES:
        return _("“%(name)s”不是行政处罚或行政强制事项，不能据此立案。") % {"name": power.name}
    if not enforcement_powers(department, on).filter(pk=power.pk).exists():
        return _("“%(name)s”在 %(day)s 不是本部门权责清单中有效的事项，不能据此立案。") % {"name": power.name, "day": on}
    return None


def legal_basis_of(power: Any) -> str:
    """The power item's legal basis as listed: each law and article, with the article's text where the list has it."""
    lines = []
    for basis in power.bases.select_related("provision__law").order_by("position"):
        provision = basis.provision
        lines.append(f"《{provision.law.title}》{provision.article}" + (f"：{provision.text}" if provision.text else ""))
    return "\n".join(lines)


def handler_problem(case: EnforcementCase, on: dt.date) -> str | None:
    """Why the case's handlers may not act on `on` (fewer than two, or one without a valid certificate for
    the field), or None (2021 art.42; 1996 art.37)."""
    from yifa.enforcement.personnel.selectors import check_handlers

    staff = [handler.staff for handler in case.handlers.select_related("staff")]
    try:
        check_handlers(staff, field=case.field, on=on, at_least=2, what=_("承办人员"))
    except ActionRefused as refused:
        return refused.message
    return None


# --- 法制审核 ---------------------------------------------------------------------------------------------


def outside_recommendation(case: EnforcementCase, fine: Decimal | None) -> bool:
    if fine is None or case.recommended_min is None or case.recommended_max is None:
        return False
    return not (case.recommended_min <= fine <= case.recommended_max)


def major_reasons(case: EnforcementCase, fine: Decimal | None = None) -> list[str]:
    """Why a decision on the case is major (2021 art.58 para.1, and the department's list): the reasons
    declared on the case, a hearing held, the department's listed items, a large fine, a fine outside the
    recommended range."""
    reasons = [code for code in case.major_reasons if code in MajorReason.values]
    if case.hearing_held_on and MajorReason.HEARING not in reasons:
        reasons.append(MajorReason.HEARING)
    if any(case.power.code.startswith(code) for code in rules.review_items(case.department.code)):
        reasons.append(MajorReason.LISTED)
    fine = case.proposed_fine if fine is None else fine
    if fine is not None and fine >= rules.review_fine():
        reasons.append(MajorReason.LARGE_FINE)
    if outside_recommendation(case, fine):
        reasons.append(MajorReason.DEVIATION)
    return reasons


def review_basis(case: EnforcementCase) -> str:
    """The rule requiring the review for this case: the text in force on its filing date, or the local rule."""
    text = statute.text_for(case.filed_on or case.found_on)
    return statute.cite(text, "legal_review_article") or f"{rules.LOCAL}：{rules.REVIEW_RULE}"


def review_required(case: EnforcementCase, fine: Decimal | None = None) -> bool:
    text = statute.text_for(case.filed_on or case.found_on)
    if not text.rule("legal_review_article") and not rules.local_legal_review():
        return False
    return bool(major_reasons(case, fine))


def latest_review(case: EnforcementCase) -> LegalReview | None:
    return case.reviews.order_by("-version").first()


def review_refusal(case: EnforcementCase, *, fine: Decimal | None) -> str | None:
    """Why the case may not be decided for want of 法制审核, or None. Only 同意 on the latest version passes; a
    version waiting, 建议修改 (until a new version is agreed) and 不同意 block the decision."""
    if not review_required(case, fine):
        return None
    reasons = "、".join(str(MajorReason(code).label) for code in major_reasons(case, fine))
    review = latest_review(case)
    basis = review_basis(case)
    if review is None:
        return _("本案属于重大执法决定（%(reasons)s），未经法制审核不得作出决定（%(basis)s）。请先提交法制审核。") % {
            "reasons": reasons, "basis": basis}
    if not review.conclusion:
        return _("送审稿第 %(v)s 版正在法制审核，审核同意前不得作出决定（%(basis)s）。") % {"v": review.version, "basis": basis}
    if review.conclusion == ReviewConclusion.MODIFY:
        return _("法制审核对第 %(v)s 版提出修改意见：%(opinion)s。请修改后重新送审，审核同意后方可作出决定。") % {
            "v": review.version, "opinion": review.opinion or review.discretion_finding}
    if review.conclusion == ReviewConclusion.DISAGREE:
        return _("法制审核不同意第 %(v)s 版：%(opinion)s。不得作出该决定。") % {"v": review.version, "opinion": review.opinion}
    if fine is not None and review.draft_fine is not None and fine != review.draft_fine:
        return _("决定的罚款 %(fine)s 元与法制审核同意的 %(agreed)s 元不同，须重新送审。") % {
            "fine": fine, "agreed": review.draft_fine}
    return None


# --- the party's rights -----------------------------------------------------------------------------


def statement_refusal(case: EnforcementCase, on: dt.date) -> str | None:
    """The decision waits for the party: the statement period (unless they stated their case), and a hearing
    they asked for (2021 art.62: no decision without hearing the party)."""
    if case.hearing_requested_on and not case.hearing_held_on:
        return _("当事人已于 %(day)s 申请听证，听证结束前不得作出决定。") % {"day": case.hearing_requested_on}
    if case.statement_on:
        return None
    for code in ("statement", statute.HEARING_REQUEST):
        deadline = deadline_of(case, code, running=False)
        if deadline is not None and deadline.due_date and on <= deadline.due_date and not case.hearing_held_on:
            return _("%(what)s至 %(due)s 届满（%(basis)s），当事人未放弃陈述申辩的，期满前不得作出决定。") % {
                "what": deadline.purpose, "due": deadline.due_date, "basis": deadline.basis}
    return None


def hearing_right(case: EnforcementCase, penalty_kinds: list[str], fine: Decimal | None) -> bool:
    from .models import HEARING_KINDS

    if set(penalty_kinds) & HEARING_KINDS:
        return True
    return fine is not None and fine >= rules.hearing_fine(case.natural_person)


# --- the fine and the discretion benchmark -------------------------------------------------------------


def recommendation_for(case: EnforcementCase, on: dt.date) -> Any:
    """The calculator's recommendation for the case's violation, circumstances and amounts, by the benchmark in
    force on `on` (None when no benchmark was applied)."""
    from yifa.enforcement.benchmarks.calculator import recommend

    if case.benchmark_id is None:
        return None
    return recommend(case.benchmark_id, circumstances=case.circumstances, facts=case.fact_amounts, on=on)


def fine_refusal(case: EnforcementCase, fine: Decimal | None, on: dt.date | None = None, *,
                 reason: str | None = None) -> str | None:
    """A fine outside every tier of the discretion benchmark is refused; outside the recommended range it needs
    a written reason (and makes the decision major: `major_reasons`)."""
    from yifa.enforcement.benchmarks.calculator import CalculationRefused, check_amount

    if fine is None:
        return None
    if fine < 0:
        return _("罚款金额不能为负数。")
    reason = case.deviation_reason if reason is None else reason
    if case.benchmark_id is not None:
        try:
            recommendation = recommendation_for(case, on or case.decided_on or case.notified_on or case.found_on)
        except CalculationRefused as refused:
            return _("裁量基准无法计算：%(why)s") % {"why": refused.message}
        verdict = check_amount(recommendation, fine)
        if not verdict.allowed:
            return verdict.message
        if verdict.needs_reason and not reason.strip():
            return verdict.message
        return None
    if outside_recommendation(case, fine) and not reason.strip():
        return _("罚款 %(fine)s 元超出裁量基准建议的 %(low)s–%(high)s 元，须书面说明理由。") % {
            "fine": fine, "low": case.recommended_min, "high": case.recommended_max}
    return None


# --- publication --------------------------------------------------------------------------------------


def publication_period(case: EnforcementCase) -> tuple[Any, str]:
    """The publication period for the decision (国办发〔2018〕118号; a local rule before it) and its basis."""
    on = case.decided_on or case.filed_on or case.found_on
    if on >= statute.PUBLICITY_2018.effective_from:
        text = statute.PUBLICITY.in_force(on)
        code = statute.PUBLISH_PENALTY if case.is_penalty else statute.PUBLISH_OTHER
        return text.period(code), text.basis(code)
    local = rules.local_publication_period()
    return local, str(local.article)


def published_decisions() -> QuerySet[EnforcementCase]:
    from yifa.publication.selectors import published

    from .publication import DECISIONS

    return published(EnforcementCase.objects.select_related("department", "power"), DECISIONS)


def filed_in(year: int, department: Any = None) -> QuerySet[EnforcementCase]:
    qs = EnforcementCase.objects.filter(filed_on__year=year)
    return qs.filter(department=department) if department is not None else qs


def figures(year: int, department: Any = None) -> dict[str, Any]:
    """Cases filed and decided, 法制审核 reviews and their outcomes, decisions published on time, fines outside
    the recommended range — for `year` (by filing, decision, review and publication date)."""
    from django.contrib.contenttypes.models import ContentType

    from yifa.calendar.models import Deadline

    cases = EnforcementCase.objects.all()
    if department is not None:
        cases = cases.filter(department=department)
    decided = cases.filter(decided_on__year=year)
    reviews = LegalReview.objects.filter(case__in=cases, concluded_on__year=year)
    conclusions = {code: reviews.filter(conclusion=code).count() for code in ReviewConclusion.values}
    publishing = Deadline.objects.filter(
        target_type=ContentType.objects.get_for_model(EnforcementCase), code="publish",
        target_id__in=[str(pk) for pk in decided.values_list("pk", flat=True)])
    deviations = decided.filter(recommended_min__isnull=False, recommended_max__isnull=False).filter(
        Q(fine__lt=F("recommended_min")) | Q(fine__gt=F("recommended_max"))).count()
    return {
        "enforcement_cases_filed": cases.filter(filed_on__year=year).count(),
        "enforcement_cases_decided": decided.count(),
        "enforcement_penalties": decided.filter(outcome=EnforcementCase.Outcome.PENALTY).count(),
        "legal_reviews": reviews.count(),
        "legal_reviews_agreed": conclusions[ReviewConclusion.AGREE],
        "legal_reviews_modify": conclusions[ReviewConclusion.MODIFY],
        "legal_reviews_disagreed": conclusions[ReviewConclusion.DISAGREE],
        "decisions_published": publishing.filter(status=Deadline.Status.COMPLETED).count(),
        "decisions_published_on_time": publishing.filter(status=Deadline.Status.COMPLETED,
                                                         completed_on__lte=F("due_date")).count(),
        "benchmark_deviations": deviations,
    }
