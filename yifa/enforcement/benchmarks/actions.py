"""Every write to the benchmarks: adopting versions (from a form, the API, a spreadsheet or the demo),
withdrawing a version not yet in force, and the daily publication of versions that came into force.

Each action checks the policy, runs in one transaction and writes the audit log. A refused adoption writes
nothing but its own "refused" audit event (after the rollback), so supervisors see attempts.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from yifa.audit.actions import check_actor, record_event
from yifa.audit.actors import Actor
from yifa.core.errors import ActionRefused
from yifa.org.models import Department

from .content import BenchmarkRefused, Problem, VersionSpec, check_specs, with_default_tiers
from .models import Benchmark, BenchmarkVersion, Bracket, Circumstance, Tier
from .policies import benchmark_policy, benchmark_version_policy

EVENTS = {
    "enforcement.benchmarks_adopted": _("制定裁量基准"),
    "enforcement.benchmarks_refused": _("裁量基准被拒绝"),
    "enforcement.benchmark_withdrawn": _("撤回未生效的裁量基准"),
    "enforcement.benchmarks_took_effect": _("裁量基准生效并公布"),
}


def _record_refusal(actor: Actor, department: Department, error: ActionRefused, source: str) -> None:
    with transaction.atomic():
        record_event(actor=actor, event_type="enforcement.benchmarks_refused", department=department,
                     new={"source": source}, reason=str(error)[:2000])


def adopt_versions(*, actor: Actor, department: Department, specs: list[VersionSpec], source: str = "form",
                   ip: str | None = None) -> list[BenchmarkVersion]:
    """Write these versions of the department's benchmarks, all or nothing.

    A new version takes effect on its date and ends the version in force before it on that date; a version
    dated on or before an existing one of the same benchmark is refused (versions only move forward)."""
    check_actor(benchmark_policy, actor, "adopt", Benchmark(department=department))
    specs = [spec.__class__(**{**spec.__dict__, "brackets": tuple(with_default_tiers(b) for b in spec.brackets)})
             for spec in specs]
    try:
        if not specs:
            raise BenchmarkRefused([Problem(0, "", _("没有要保存的裁量基准。"))])
        problems = check_specs(specs, department)
        if problems:
            raise BenchmarkRefused(problems)
        with transaction.atomic():
            written = [_write(spec, department) for spec in sorted(specs, key=lambda s: (s.code, s.effective_from))]
            record_event(actor=actor, event_type="enforcement.benchmarks_adopted", department=department, ip=ip,
                         new={"source": source, "versions": [f"{v.code}@{v.effective_from}" for v in written]})
    except BenchmarkRefused as error:
        _record_refusal(actor, department, error, source)
        raise
    return written


def _write(spec: VersionSpec, department: Department) -> BenchmarkVersion:
    from yifa.powers.models import Catalogue, Item

    benchmark, _created = Benchmark.objects.select_for_update().get_or_create(department=department, code=spec.code)
    later = BenchmarkVersion.objects.filter(benchmark=benchmark, effective_from__gte=spec.effective_from).first()
    if later is not None:
        raise BenchmarkRefused([Problem(spec.row, "生效日期", _(
            "基准 %(code)s 已有 %(day)s 起施行的版本；新版本的生效日期须晚于已有版本。") % {
            "code": spec.code, "day": later.effective_from})])
    BenchmarkVersion.objects.filter(benchmark=benchmark, effective_to__isnull=True).update(
        effective_to=spec.effective_from)
    item = Item.objects.get(catalogue=Catalogue.POWER, department=department, code=spec.power_code)
    version = BenchmarkVersion.objects.create(
        benchmark=benchmark, department=department, code=spec.code, violation=spec.violation.strip(),
        power_item=item, law=spec.law.strip().strip("《》"), violated_article=spec.violated_article.strip(),
        penalty_article=spec.penalty_article.strip(), penalty_text=spec.penalty_text.strip(),
        penalty_types=list(spec.penalty_types), effective_from=spec.effective_from, document=spec.document.strip())
    for position, b in enumerate(spec.brackets):
        bracket = Bracket.objects.create(
            version=version, position=position, fact=b.fact, fact_from=b.fact_from, fact_below=b.fact_below,
            kind=b.kind, statutory_min=b.statutory_min, statutory_max=b.statutory_max)
        Tier.objects.bulk_create([Tier(bracket=bracket, level=t.level, minimum=t.minimum, maximum=t.maximum,
                                       conditions=t.conditions.strip()) for t in b.tiers])
    Circumstance.objects.bulk_create([
        Circumstance(version=version, code=c.code, label=c.label.strip(), effect=c.effect, basis=c.basis.strip(),
                     first_offence=c.first_offence, position=position)
        for position, c in enumerate(spec.circumstances)])
    return version


def withdraw_version(*, actor: Actor, version: BenchmarkVersion, reason: str, today: dt.date | None = None,
                     ip: str | None = None) -> None:
    """Withdraw a version that has not yet taken effect; the version before it stays in force."""
    check_actor(benchmark_version_policy, actor, "withdraw", version)
    today = today or timezone.localdate()
    if not reason.strip():
        raise ActionRefused(_("请填写撤回理由。"))
    with transaction.atomic():
        version = BenchmarkVersion.objects.select_for_update().get(pk=version.pk)
        if version.effective_from <= today:
            raise ActionRefused(_("该版本已于 %(day)s 生效，不能撤回；请制定新版本替代。") % {"day": version.effective_from})
        BenchmarkVersion.objects.filter(benchmark_id=version.benchmark_id,
                                        effective_to=version.effective_from).update(effective_to=version.effective_to)
        record_event(actor=actor, event_type="enforcement.benchmark_withdrawn", department=version.department,
                     old={"code": version.code, "effective_from": version.effective_from}, reason=reason, ip=ip)
        version.delete()


def take_effect(*, actor: Actor, today: dt.date | None = None) -> int:
    """The daily job: versions whose date has come are published (the site search brought up to date)."""
    check_actor(benchmark_policy, actor, "publish")
    today = today or timezone.localdate()
    with transaction.atomic():
        due = BenchmarkVersion.objects.select_for_update().filter(published_at__isnull=True,
                                                                  effective_from__lte=today)
        ids = list(due.values_list("pk", flat=True))
        if not ids:
            return 0
        count = BenchmarkVersion.objects.filter(pk__in=ids).update(published_at=timezone.now())
        record_event(actor=actor, event_type="enforcement.benchmarks_took_effect",
                     new={"versions": count, "date": today})
    from .search import sync_search

    sync_search(today)
    return count


def import_benchmarks(*, actor: Actor, department: Department, source: Any, filename: str = "",
                      ip: str | None = None) -> list[BenchmarkVersion]:
    """Import the department's benchmarks from the xlsx template: every row checked, all or nothing."""
    from yifa.powers.importer import ImportFileRejected

    from .spreadsheet import parse, read_rows

    check_actor(benchmark_policy, actor, "adopt", Benchmark(department=department))
    label = f"xlsx:{filename[:200]}"
    try:
        specs, problems = parse(read_rows(source))
    except ImportFileRejected as rejected:
        _record_refusal(actor, department, rejected, label)
        raise
    if problems:
        refused = BenchmarkRefused(problems)
        _record_refusal(actor, department, refused, label)
        raise refused
    return adopt_versions(actor=actor, department=department, specs=specs, source=label, ip=ip)
