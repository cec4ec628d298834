"""Every write to the calendar and to deadlines. Each checks permission, runs in one transaction and logs.

Modules open, suspend, extend and close the deadlines of their cases here, citing the article of
../shared/rules.md beside the call. A change to the calendar records a revision and recomputes
the open deadlines it touches (in the background when a task worker runs; at commit otherwise).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from yifa.audit.actions import actor_label, check_actor, record_event, record_events
from yifa.audit.actors import CALENDAR_RECOMPUTE, Actor
from yifa.core.bulk import prepare, update_prepared
from yifa.core.errors import ActionRefused

from .engine import DeadlineResult, Extension, Suspension, compute_deadline
from .models import (
    CalendarDay,
    CalendarRevision,
    Deadline,
    DeadlineExtension,
    DeadlineSuspension,
    HolidayNotice,
)
from .notices import ParsedNotice, parse_notice
from .periods import DeadlineInputError, Period, SuspensionReason
from .policies import calendar_day_policy, deadline_policy, holiday_notice_policy
from .workcalendar import DayInfo, DayKind, WorkCalendar, current_calendar, load_calendar

# --- deadlines -------------------------------------------------------------------------------------


def _apply(deadline: Deadline, result: DeadlineResult, calendar: WorkCalendar) -> None:
    deadline.due_date = result.due_date
    deadline.paused_since = result.paused_since
    deadline.counted_days = result.counted
    deadline.total_days = result.total
    deadline.calendar_unconfirmed = result.calendar_unconfirmed
    deadline.trace = result.trace_json()
    deadline.calendar_revision = calendar.revision
    deadline.computed_at = timezone.now()


COMPUTED_FIELDS = [
    "due_date", "paused_since", "counted_days", "total_days", "calendar_unconfirmed", "trace",
    "calendar_revision", "computed_at",
]


def _compute(deadline: Deadline, calendar: WorkCalendar, *, suspensions: list | None = None,
             extensions: list | None = None, start: dt.date | None = None) -> DeadlineResult:
    return compute_deadline(
        calendar,
        start or deadline.start_date,
        deadline.period,
        deadline.engine_suspensions() if suspensions is None else suspensions,
        deadline.engine_extensions() if extensions is None else extensions,
    )


def _summary(deadline: Deadline) -> dict[str, Any]:
    return {
        "deadline_id": deadline.pk,
        "purpose": deadline.purpose,
        "due_date": deadline.due_date,
        "paused_since": deadline.paused_since,
        "calendar_unconfirmed": deadline.calendar_unconfirmed,
    }


def _log(actor: Actor, event_type: str, deadline: Deadline, *, old: dict | None = None, new: dict | None = None,
         reason: str = "") -> None:
    # Logged on the case, so the case's event log tells the deadline's story too.
    record_event(
        actor=actor, event_type=event_type, target=deadline.target or deadline, department=deadline.department,
        old=old, new={"deadline_id": deadline.pk, "purpose": deadline.purpose, **(new or {})}, reason=reason,
    )


def _locked(deadline: Deadline) -> Deadline:
    return Deadline.objects.select_for_update().select_related("department").get(pk=deadline.pk)


def _require_open(deadline: Deadline) -> None:
    if not deadline.is_open:
        raise ActionRefused(
            _("期限“%(purpose)s”的状态为“%(status)s”，不能再变更。")
            % {"purpose": deadline.purpose, "status": deadline.get_status_display()}
        )


def _sync(target: Deadline, source: Deadline) -> None:
    for name in ["status", "completed_on", "closed_reason", "start_date", *COMPUTED_FIELDS]:
        setattr(target, name, getattr(source, name))


def open_deadline(
    *,
    actor: Actor,
    target: models.Model,
    start: dt.date,
    period: Period,
    purpose: str,
    basis: str = "",
    department: Any = None,
    code: str = "",
) -> Deadline:
    """Start a statutory period on `target` (a case). The department defaults to the case's.

    `code` is the module's own name for the period, to find it again with `deadline_of(case, code)`."""
    department = department or getattr(target, "department", None)
    if department is None:
        raise ActionRefused(_("期限必须属于一个承办部门。"))
    deadline = Deadline(
        target_type=ContentType.objects.get_for_model(target), target_id=str(target.pk), department=department,
        purpose=purpose, basis=basis, start_date=start, length=period.length, unit=period.unit, kind=period.kind,
        max_extension=period.max_extension, code=code,
    )
    check_actor(deadline_policy, actor, "change", deadline)
    calendar = current_calendar()
    result = compute_deadline(calendar, start, period)
    with transaction.atomic():
        _apply(deadline, result, calendar)
        deadline.save()
        _log(actor, "deadline.opened", deadline, new={
            "start_date": start, "period": period.describe(), "basis": basis, "due_date": deadline.due_date,
            "calendar_unconfirmed": deadline.calendar_unconfirmed,
        })
    return deadline


def suspend_deadline(
    *,
    actor: Actor,
    deadline: Deadline,
    reason: str,
    starts_on: dt.date,
    ends_on: dt.date | None = None,
    note: str = "",
) -> DeadlineSuspension:
    """Stop the clock from `starts_on` (to `ends_on`, inclusive, when already known)."""
    check_actor(deadline_policy, actor, "change", deadline)
    if reason not in SuspensionReason.values:
        raise DeadlineInputError(_("未知的中止事由“%(reason)s”。") % {"reason": reason})
    with transaction.atomic():
        locked = _locked(deadline)
        _require_open(locked)
        if locked.suspensions.filter(ends_on__isnull=True).exists():
            raise ActionRefused(_("该期限已在中止计时中，请先恢复计时。"))
        suspension = DeadlineSuspension(
            deadline=locked, reason=reason, starts_on=starts_on, ends_on=ends_on, note=note,
            recorded_by_label=actor_label(actor),
        )
        calendar = current_calendar()
        result = _compute(locked, calendar, suspensions=[*locked.engine_suspensions(), _engine_suspension(suspension)])
        old = _summary(locked)
        suspension.save()
        _apply(locked, result, calendar)
        locked.save(update_fields=COMPUTED_FIELDS)
        _log(actor, "deadline.suspended", locked, old=old, new={
            "reason": SuspensionReason(reason).label, "starts_on": starts_on, "ends_on": ends_on,
            "due_date": locked.due_date, "paused_since": locked.paused_since,
        }, reason=note)
    _sync(deadline, locked)
    return suspension


def _engine_suspension(s: DeadlineSuspension) -> Suspension:
    return Suspension(s.starts_on, s.ends_on, s.reason, s.note)


def resume_deadline(*, actor: Actor, deadline: Deadline, ends_on: dt.date, note: str = "") -> DeadlineSuspension:
    """Restart the clock: `ends_on` is the last day it was stopped (e.g. the day the third party answered)."""
    check_actor(deadline_policy, actor, "change", deadline)
    with transaction.atomic():
        locked = _locked(deadline)
        _require_open(locked)
        suspension = locked.suspensions.filter(ends_on__isnull=True).first()
        if suspension is None:
            raise ActionRefused(_("该期限没有正在进行的中止计时。"))
        if ends_on < suspension.starts_on:
            raise DeadlineInputError(
                _("恢复计时的日期 %(end)s 早于中止开始日 %(begin)s。") % {"end": ends_on, "begin": suspension.starts_on}
            )
        suspension.ends_on = ends_on
        others = [s for s in locked.engine_suspensions() if s.ends_on is not None]
        calendar = current_calendar()
        result = _compute(locked, calendar, suspensions=[*others, _engine_suspension(suspension)])
        old = _summary(locked)
        suspension.save(update_fields=["ends_on"])
        _apply(locked, result, calendar)
        locked.save(update_fields=COMPUTED_FIELDS)
        _log(actor, "deadline.resumed", locked, old=old, new={
            "reason": suspension.get_reason_display(), "starts_on": suspension.starts_on, "ends_on": ends_on,
            "due_date": locked.due_date,
        }, reason=note)
    _sync(deadline, locked)
    return suspension


def extend_deadline(
    *,
    actor: Actor,
    deadline: Deadline,
    length: int,
    approved_on: dt.date,
    reason: str,
    document: str = "",
) -> DeadlineExtension:
    """An approved extension; the actor is the approver (e.g. 政府信息公开条例 art.33: the office's head)."""
    check_actor(deadline_policy, actor, "extend", deadline)
    if not (reason or "").strip():
        raise DeadlineInputError(_("延长期限必须写明理由。"))
    if approved_on > timezone.localdate():
        raise DeadlineInputError(_("批准日期 %(day)s 晚于今天。") % {"day": approved_on})
    with transaction.atomic():
        locked = _locked(deadline)
        _require_open(locked)
        extension = DeadlineExtension(
            deadline=locked, length=length, approved_on=approved_on, reason=reason.strip(), document=document,
            approved_by=actor if getattr(actor, "is_authenticated", False) else None,  # type: ignore[misc]
            approver_name=actor_label(actor),
        )
        calendar = current_calendar()
        result = _compute(locked, calendar, extensions=[
            *locked.engine_extensions(), Extension(length, extension.approver_name, approved_on, extension.reason)
        ])
        old = _summary(locked)
        extension.save()
        _apply(locked, result, calendar)
        locked.save(update_fields=COMPUTED_FIELDS)
        _log(actor, "deadline.extended", locked, old=old, new={
            "length": length, "approved_on": approved_on, "due_date": locked.due_date, "document": document,
        }, reason=reason)
    _sync(deadline, locked)
    return extension


def restart_deadline(*, actor: Actor, deadline: Deadline, start: dt.date, reason: str) -> Deadline:
    """Count the period afresh from `start` (政府信息公开条例 art.30: from receipt of the corrected request).

    Suspensions that ended before the new start no longer matter and are dropped."""
    check_actor(deadline_policy, actor, "change", deadline)
    with transaction.atomic():
        locked = _locked(deadline)
        _require_open(locked)
        if start < locked.start_date:
            raise DeadlineInputError(
                _("重新起算日 %(new)s 早于原起算日 %(old)s。") % {"new": start, "old": locked.start_date}
            )
        kept = [s for s in locked.suspensions.all() if s.ends_on is None or s.ends_on > start]
        dropped = [s for s in locked.suspensions.all() if s not in kept]
        if any(s.ends_on is None for s in kept):
            raise ActionRefused(_("该期限正在中止计时，请先恢复计时再重新起算。"))
        calendar = current_calendar()
        result = _compute(locked, calendar, start=start, suspensions=[_engine_suspension(s) for s in kept])
        old = {**_summary(locked), "start_date": locked.start_date}
        for suspension in dropped:
            suspension.delete()
        locked.start_date = start
        _apply(locked, result, calendar)
        locked.save(update_fields=["start_date", *COMPUTED_FIELDS])
        _log(actor, "deadline.restarted", locked, old=old, new={"start_date": start, "due_date": locked.due_date},
             reason=reason)
    _sync(deadline, locked)
    return deadline


def complete_deadline(*, actor: Actor, deadline: Deadline, completed_on: dt.date, reason: str = "") -> Deadline:
    """The act the period was for has been done (e.g. the reply was sent) on `completed_on`."""
    check_actor(deadline_policy, actor, "change", deadline)
    with transaction.atomic():
        locked = _locked(deadline)
        _require_open(locked)
        if completed_on < locked.start_date:
            raise DeadlineInputError(
                _("完成日 %(done)s 早于起算日 %(start)s。") % {"done": completed_on, "start": locked.start_date}
            )
        if completed_on > timezone.localdate():
            raise DeadlineInputError(_("完成日 %(done)s 晚于今天。") % {"done": completed_on})
        if locked.paused_since is not None:
            raise ActionRefused(_("该期限正在中止计时，请先恢复计时。"))
        locked.status = Deadline.Status.COMPLETED
        locked.completed_on = completed_on
        locked.save(update_fields=["status", "completed_on"])
        _log(actor, "deadline.completed", locked, new={
            "completed_on": completed_on, "due_date": locked.due_date, "late": locked.completed_late,
        }, reason=reason)
    _sync(deadline, locked)
    return deadline


def close_deadline(*, actor: Actor, deadline: Deadline, reason: str) -> Deadline:
    """The period stops running without its act (the request was withdrawn, the case ended otherwise)."""
    check_actor(deadline_policy, actor, "change", deadline)
    if not (reason or "").strip():
        raise DeadlineInputError(_("终止期限必须写明原因。"))
    with transaction.atomic():
        locked = _locked(deadline)
        _require_open(locked)
        locked.status = Deadline.Status.CLOSED
        locked.closed_reason = reason.strip()[:200]
        locked.save(update_fields=["status", "closed_reason"])
        _log(actor, "deadline.closed", locked, new={"status": locked.status}, reason=reason)
    _sync(deadline, locked)
    return deadline


# --- recomputation after a calendar change ---------------------------------------------------------


@dataclass
class RecomputeSummary:
    checked: int = 0  # deadlines recomputed: those whose counting window contains a changed day
    moved: int = 0  # deadlines whose due date changed
    revision: int = 0
    skipped: int = 0  # open deadlines left alone: no changed day falls in their counting window


def changed_ranges(dates: Iterable[dt.date]) -> list[tuple[dt.date, dt.date]]:
    """The changed days as runs of consecutive days: a year's notice is one run, a correction a day."""
    ranges: list[tuple[dt.date, dt.date]] = []
    for day in sorted(set(dates)):
        if ranges and day == ranges[-1][1] + dt.timedelta(days=1):
            ranges[-1] = (ranges[-1][0], day)
        else:
            ranges.append((day, day))
    return ranges


def affected_deadlines(date_from: dt.date, date_to: dt.date,
                       changed_dates: Iterable[dt.date] | None = None) -> models.QuerySet[Deadline]:
    """Open deadlines whose counting window (start, due] contains a changed day.

    Only days in that window decide a due date: the days counted, the rest days passed over, a last
    day rolled over to the next working day — all after the start day and up to the due date. A day
    after the due date, or on or before the start day, cannot move it; a deadline whose clock is
    stopped without an end (no due date) reaches every later day. Without `changed_dates`, every day
    from `date_from` to `date_to` counts as changed."""
    ranges = changed_ranges(changed_dates) if changed_dates is not None else [(date_from, date_to)]
    if not ranges:
        return Deadline.objects.none()
    reaches = Q()
    for first, last in ranges:
        reaches |= Q(start_date__lt=last) & (Q(due_date__gte=first) | Q(due_date__isnull=True))
    return Deadline.objects.running().filter(reaches)


def recompute_open_deadlines(
    *, date_from: dt.date, date_to: dt.date, changed_dates: Iterable[dt.date] | None = None,
    actor: Actor = CALENDAR_RECOMPUTE, reason: str = "", batch_size: int = 2000
) -> RecomputeSummary:
    """Recompute the open deadlines a calendar change touches; log each one whose due date moved.

    Touched are those whose counting window contains a changed day (`changed_dates`; without it,
    every day from `date_from` to `date_to`); the others are skipped and counted.

    Written for 100,000 deadlines in seconds, within 1.5× of merely reading and writing back the
    touched rows (`make bench`). The engine is pure, so deadlines with the same inputs share one
    computation (and one prepared trace). The touched rows are read once, with the suspensions and
    extensions of those that have any, written with one prepared UPDATE per batch, and each moved
    deadline is logged on its case with one multi-row insert per batch."""
    calendar = load_calendar()
    summary = RecomputeSummary(revision=calendar.revision)
    reason = reason or _("工作日历变更后重新计算")
    now = timezone.now()
    memo: dict[tuple, tuple[DeadlineResult, Any]] = {}

    def computed(start, length, unit, kind, max_extension, stops=(), grants=()):  # type: ignore[no-untyped-def]
        key = (start, length, unit, kind, max_extension, stops, grants)
        if key not in memo:
            result = compute_deadline(calendar, start, Period(length, unit, kind, max_extension), stops, grants)
            memo[key] = (result, prepare(Deadline, "trace", result.trace_json()))
        return memo[key]

    changed = sorted(set(changed_dates)) if changed_dates is not None else None
    affected = affected_deadlines(date_from, date_to, changed)
    with transaction.atomic():
        _recompute_rows(affected, computed, summary, actor, reason, now, batch_size)
        summary.skipped = Deadline.objects.running().count() - summary.checked
        record_event(
            actor=actor, event_type="calendar.recomputed",
            new={"date_from": date_from, "date_to": date_to, "checked": summary.checked, "moved": summary.moved,
                 "skipped": summary.skipped, "changed_days": len(changed) if changed is not None else None,
                 "calendar_revision": calendar.revision, "distinct_inputs": len(memo)},
            reason=reason,
        )
    return summary


def _recompute_rows(queryset, computed, summary, actor, reason, now, batch_size):  # type: ignore[no-untyped-def]
    """The touched deadlines, read once: each computed (or found in the memo), written and logged in batches."""
    stops: dict[int, list[Suspension]] = {}
    for row in DeadlineSuspension.objects.filter(deadline__in=queryset).order_by("starts_on", "id").values_list(
            "deadline_id", "starts_on", "ends_on", "reason", "note"):
        stops.setdefault(row[0], []).append(Suspension(*row[1:]))
    grants: dict[int, list[Extension]] = {}
    for row in DeadlineExtension.objects.filter(deadline__in=queryset).order_by("approved_on", "id").values_list(
            "deadline_id", "length", "approver_name", "approved_on", "reason"):
        grants.setdefault(row[0], []).append(Extension(*row[1:]))
    label = actor_label(actor)
    stamp = prepare(Deadline, "computed_at", now)
    updates: list[list[Any]] = []
    events: list[dict[str, Any]] = []

    def flush() -> None:
        update_prepared(Deadline, COMPUTED_FIELDS, updates)
        record_events(events)
        updates.clear()
        events.clear()

    columns = ("pk", "start_date", "length", "unit", "kind", "max_extension", "due_date", "paused_since",
               "calendar_unconfirmed", "target_type_id", "target_id", "department_id", "purpose")
    for (pk, start, length, unit, kind, max_extension, old_due, old_paused, old_flag, target_type_id, target_id,
         department_id, purpose) in queryset.order_by("pk").values_list(*columns).iterator(chunk_size=batch_size):
        summary.checked += 1
        try:
            result, trace = computed(start, length, unit, kind, max_extension, tuple(stops.get(pk, ())),
                                     tuple(grants.get(pk, ())))
        except DeadlineInputError:
            continue
        updates.append([result.due_date, result.paused_since, result.counted, result.total,
                        result.calendar_unconfirmed, trace, summary.revision, stamp, pk])
        if (result.due_date, result.paused_since, result.calendar_unconfirmed) != (old_due, old_paused, old_flag):
            summary.moved += 1
            events.append({
                "actor_label": label, "event_type": "deadline.recomputed", "target_type_id": target_type_id,
                "target_id": target_id, "target_repr": purpose, "department_id": department_id, "reason": reason,
                "old_values": {"deadline_id": pk, "due_date": old_due, "calendar_unconfirmed": old_flag},
                "new_values": {"deadline_id": pk, "due_date": result.due_date,
                               "calendar_unconfirmed": result.calendar_unconfirmed,
                               "calendar_revision": summary.revision},
            })
        if len(updates) >= batch_size:
            flush()
    flush()


def _schedule_recompute(changes: list[DayChange], reason: str) -> None:
    from .tasks import recompute_deadlines_task

    first, last = changes[0].date, changes[-1].date
    dates = [c.date.isoformat() for c in changes]
    transaction.on_commit(
        lambda: recompute_deadlines_task.enqueue(first.isoformat(), last.isoformat(), reason, dates)
    )


# --- the calendar --------------------------------------------------------------------------------------


@dataclass
class DayChange:
    date: dt.date
    before: DayInfo
    after: DayInfo

    @property
    def working_changed(self) -> bool:
        return self.before.working != self.after.working


@dataclass
class NoticeImport:
    notice: ParsedNotice
    changes: list[DayChange] = field(default_factory=list)
    affected: int = 0  # open deadlines to be recomputed
    replaces: str = ""  # the document number of the notice it replaces, if any
    imported: bool = False

    @property
    def working_changes(self) -> list[DayChange]:
        """Days that become working days or rest days; the other changes only name a new basis."""
        return [c for c in self.changes if c.working_changed]


def _diff(before: WorkCalendar, after: WorkCalendar, days: Iterable[dt.date]) -> list[DayChange]:
    changes = []
    for day in days:
        old, new = before.day(day), after.day(day)
        if old != new:
            changes.append(DayChange(day, old, new))
    return changes


def _year_days(year: int, extra: Iterable[dt.date] = ()) -> list[dt.date]:
    days = {dt.date(year, 1, 1) + dt.timedelta(days=i) for i in range((dt.date(year + 1, 1, 1) - dt.date(year, 1, 1)).days)}
    return sorted(days | set(extra))


def _notice_rows(parsed: ParsedNotice, document_number: str) -> dict[dt.date, DayInfo]:
    return {
        d.date: DayInfo(d.working, DayKind.MAKEUP_WORKDAY if d.working else DayKind.HOLIDAY, d.name, document_number)
        for d in parsed.days
    }


def import_holiday_notice(
    *,
    actor: Actor,
    text: str,
    year: int | None = None,
    document_number: str = "",
    dry_run: bool = False,
) -> NoticeImport:
    """Read a year's notice and, unless `dry_run`, make it that year's calendar (replacing an earlier import)."""
    check_actor(holiday_notice_policy, actor, "change")
    parsed = parse_notice(text, year=year, document_number=document_number)
    number = (document_number or parsed.document_number).strip()
    if not number:
        raise ActionRefused(_("请填写通知的文号（例如：国办发明电〔2016〕17号），日历的每一天都要注明依据。"))
    parsed.document_number = number
    before = load_calendar()
    rows = _notice_rows(parsed, number)
    # The new notice replaces the days of an earlier import for the same year; other entries stay.
    replaced = set(CalendarDay.objects.filter(notice__year=parsed.year).values_list("date", flat=True))
    kept = {d: i for d, i in before.overrides.items() if d not in rows and d not in replaced}
    after = WorkCalendar({**kept, **rows}, {**before.notices, parsed.year: number}, before.revision)
    outcome = NoticeImport(notice=parsed, changes=_diff(before, after, _year_days(parsed.year, [*rows, *replaced])))
    if outcome.changes:
        outcome.affected = affected_deadlines(outcome.changes[0].date, outcome.changes[-1].date,
                                              [c.date for c in outcome.changes]).count()
    existing = HolidayNotice.objects.filter(year=parsed.year).first()
    outcome.replaces = existing.document_number if existing else ""
    if dry_run or (existing is not None and existing.document_number == number and not outcome.changes):
        return outcome  # a preview, or the same notice again: nothing to write
    with transaction.atomic():
        if existing is not None:
            existing.delete()  # its days go with it
        notice = HolidayNotice.objects.create(
            year=parsed.year, document_number=number, title=parsed.title, text=text,
            imported_by_label=actor_label(actor),
        )
        CalendarDay.objects.filter(date__in=list(rows)).delete()
        CalendarDay.objects.bulk_create([
            CalendarDay(date=day, is_working_day=info.working, kind=info.kind, name=info.name,
                        source_document=number, notice=notice)
            for day, info in sorted(rows.items())
        ])
        description = _("导入 %(year)s 年节假日安排（%(number)s）") % {"year": parsed.year, "number": number}
        _record_revision(actor, description, outcome.changes)
        record_event(
            actor=actor, event_type="calendar.notice_imported", target=notice,
            old={"document_number": outcome.replaces} if outcome.replaces else {},
            new={"year": parsed.year, "document_number": number, "days_off": len(parsed.days_off),
                 "working_days": len(parsed.working_days), "changed_days": len(outcome.changes),
                 "deadlines_to_recompute": outcome.affected},
        )
    outcome.imported = True
    return outcome


def _record_revision(actor: Actor, description: str, changes: list[DayChange]) -> CalendarRevision | None:
    if not changes:
        return None
    first, last = changes[0].date, changes[-1].date
    revision = CalendarRevision.objects.create(
        actor_label=actor_label(actor), description=description[:255], changed_from=first, changed_to=last,
        changed_dates=[c.date.isoformat() for c in changes][:400],
    )
    _schedule_recompute(changes, description)
    return revision


def set_calendar_day(
    *,
    actor: Actor,
    day: dt.date,
    is_working_day: bool,
    source_document: str,
    name: str = "",
    note: str = "",
) -> CalendarDay:
    """State one day's status by a document (a correction, a local arrangement), overriding everything else."""
    check_actor(calendar_day_policy, actor, "change")
    if not (source_document or "").strip():
        raise ActionRefused(_("请填写依据文号：日历的每一天都要注明依据。"))
    if not 1949 <= day.year <= 2199:
        raise DeadlineInputError(_("日期 %(day)s 不在可设置的范围内。") % {"day": day})
    if is_working_day:
        kind = DayKind.MAKEUP_WORKDAY if name and day.weekday() >= 5 else DayKind.WORKING
    else:
        kind = DayKind.HOLIDAY if name else DayKind.REST
    with transaction.atomic():
        before = load_calendar()
        row = CalendarDay.objects.select_for_update().filter(date=day).first()
        old = {"is_working_day": row.is_working_day, "source_document": row.source_document} if row else {
            "is_working_day": before.day(day).working}
        row = row or CalendarDay(date=day)
        row.is_working_day = is_working_day
        row.kind = kind
        row.name = name.strip()[:60]
        row.source_document = source_document.strip()[:60]
        row.note = note.strip()[:200]
        row.notice = None
        row.save()
        after = WorkCalendar(
            {**before.overrides, day: DayInfo(is_working_day, kind, row.name, row.source_document)}, before.notices
        )
        changes = _diff(before, after, [day])
        _record_revision(actor, _("设置 %(day)s 为%(what)s") % {
            "day": day, "what": _("工作日") if is_working_day else _("休息日")}, changes)
        record_event(actor=actor, event_type="calendar.day_set", target=row, old=old, new={
            "date": day, "is_working_day": is_working_day, "name": row.name, "source_document": row.source_document,
        }, reason=note)
    return row


def clear_calendar_day(*, actor: Actor, day: dt.date, reason: str) -> None:
    """Remove a day's own entry: it follows its year's notice or the package again."""
    check_actor(calendar_day_policy, actor, "delete")
    if not (reason or "").strip():
        raise ActionRefused(_("请写明撤销的理由。"))
    with transaction.atomic():
        row = CalendarDay.objects.select_for_update().filter(date=day).first()
        if row is None:
            raise ActionRefused(_("%(day)s 没有单独设置，无需撤销。") % {"day": day})
        if row.notice_id is not None:
            raise ActionRefused(_("%(day)s 来自 %(year)s 年节假日安排通知；请重新导入通知，而不是逐日撤销。") % {
                "day": day, "year": row.notice.year})  # type: ignore[union-attr]
        before = load_calendar()
        after_overrides = {d: i for d, i in before.overrides.items() if d != day}
        row.delete()
        changes = _diff(before, WorkCalendar(after_overrides, before.notices), [day])
        _record_revision(actor, _("撤销 %(day)s 的单独设置") % {"day": day}, changes)
        record_event(actor=actor, event_type="calendar.day_cleared", new={"date": day}, old={
            "is_working_day": row.is_working_day, "source_document": row.source_document}, reason=reason)
