"""Changing the calendar: imports and single days, each a revision that recomputes the open deadlines it touches."""

import datetime as dt
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied

from yifa.audit.models import AuditEvent
from yifa.calendar import actions
from yifa.calendar.models import CalendarDay, CalendarRevision, HolidayNotice
from yifa.calendar.periods import Period
from yifa.calendar.workcalendar import current_calendar
from yifa.core.errors import ActionRefused

D = dt.date
NOTICES = Path(__file__).resolve().parents[1] / "notices"
NOTICE_2027 = """国务院办公厅关于2027年部分节假日安排的通知
国办发明电〔2026〕99号
一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月5日（周五）至11日（周四）放假调休，共7天。2月13日（周六）上班。"""


@pytest.fixture
def into_2027(record, editor):
    # 40 working days from 2026-12-24 run through 2027's 元旦 and 春节, before anyone has confirmed 2027.
    return actions.open_deadline(actor=editor, target=record, start=D(2026, 12, 24), period=Period(40), purpose="答复期限")


def test_importing_next_years_notice_confirms_it_and_recomputes_open_deadlines(
    into_2027, calendar_keeper, record, django_capture_on_commit_callbacks
):
    # Before the notice: the 办法's statutory holidays rest (2027-01-01; 春节 2/5 除夕 to 2/8 初三), flagged.
    assert into_2027.calendar_unconfirmed and into_2027.due_date == D(2027, 2, 23)
    with django_capture_on_commit_callbacks(execute=True):
        outcome = actions.import_holiday_notice(actor=calendar_keeper, text=NOTICE_2027)
    assert outcome.imported and outcome.affected == 1
    assert current_calendar().year_status(2027).confirmed
    into_2027.refresh_from_db()
    assert not into_2027.calendar_unconfirmed
    # The notice's 春节 break runs to 2/11 and makes Saturday 2/13 a working day: two days later.
    assert into_2027.due_date == D(2027, 2, 25)
    moved = AuditEvent.objects.get(event_type="deadline.recomputed")
    assert moved.target_id == str(record.pk)
    assert (moved.old_values["due_date"], moved.new_values["due_date"]) == ("2027-02-23", "2027-02-25")
    assert CalendarDay.objects.get(date=D(2027, 2, 13)).source_document == "国办发明电〔2026〕99号"
    assert any("国办发明电〔2026〕99号" in line.get("source", "") for line in into_2027.trace)
    assert not any("全国年节及纪念日放假办法" in line.get("source", "") for line in into_2027.trace)


def test_a_dry_run_shows_the_changes_and_writes_nothing(into_2027, calendar_keeper):
    outcome = actions.import_holiday_notice(actor=calendar_keeper, text=NOTICE_2027, dry_run=True)
    changed = {c.date for c in outcome.working_changes}
    assert changed >= {D(2027, 2, 9), D(2027, 2, 13)}  # a 调休 day off and a worked Saturday
    assert D(2027, 1, 1) not in changed and D(2027, 2, 5) not in changed  # statutory holidays already rested
    assert not outcome.imported
    assert not HolidayNotice.objects.exists() and not CalendarRevision.objects.exists()


def test_importing_the_same_notice_again_changes_nothing(calendar_keeper):
    text = (NOTICES / "2017.txt").read_text(encoding="utf-8")
    actions.import_holiday_notice(actor=calendar_keeper, text=text)
    revisions, events = CalendarRevision.objects.count(), AuditEvent.objects.count()
    outcome = actions.import_holiday_notice(actor=calendar_keeper, text=text)
    assert not outcome.imported
    assert (CalendarRevision.objects.count(), AuditEvent.objects.count()) == (revisions, events)


def test_a_notice_without_a_document_number_is_refused(calendar_keeper):
    text = NOTICE_2027.replace("国办发明电〔2026〕99号\n", "")
    with pytest.raises(ActionRefused, match="请填写通知的文号"):
        actions.import_holiday_notice(actor=calendar_keeper, text=text)
    assert not CalendarDay.objects.exists()


def test_only_the_legal_affairs_office_and_administrators_change_the_calendar(editor, head):
    for user in (editor, head):
        with pytest.raises(PermissionDenied):
            actions.import_holiday_notice(actor=user, text=NOTICE_2027)
        with pytest.raises(PermissionDenied):
            actions.set_calendar_day(actor=user, day=D(2027, 3, 1), is_working_day=False, source_document="x")
    assert not CalendarDay.objects.exists()


def test_a_day_set_by_a_document_moves_deadlines_and_can_be_withdrawn(
    record, editor, calendar_keeper, django_capture_on_commit_callbacks
):
    deadline = actions.open_deadline(actor=editor, target=record, start=D(2017, 9, 20), period=Period(20), purpose="答复")
    with django_capture_on_commit_callbacks(execute=True):
        actions.set_calendar_day(actor=calendar_keeper, day=D(2017, 10, 23), is_working_day=False,
                                 source_document="肇政办发〔2017〕30号", note="全市停电检修")
    deadline.refresh_from_db()
    assert deadline.due_date == D(2017, 10, 25)
    assert any("肇政办发〔2017〕30号" in str(line) for line in deadline.trace)
    with django_capture_on_commit_callbacks(execute=True):
        actions.clear_calendar_day(actor=calendar_keeper, day=D(2017, 10, 23), reason="通知撤回")
    deadline.refresh_from_db()
    assert deadline.due_date == D(2017, 10, 24)
    assert AuditEvent.objects.filter(event_type="deadline.recomputed").count() == 2


def test_a_day_needs_its_source_document(calendar_keeper):
    with pytest.raises(ActionRefused, match="请填写依据文号"):
        actions.set_calendar_day(actor=calendar_keeper, day=D(2027, 3, 1), is_working_day=False, source_document=" ")


def test_days_from_a_notice_are_changed_by_importing_it_again_not_one_by_one(calendar_keeper):
    actions.import_holiday_notice(actor=calendar_keeper, text=NOTICE_2027)
    with pytest.raises(ActionRefused, match="请重新导入通知"):
        actions.clear_calendar_day(actor=calendar_keeper, day=D(2027, 1, 1), reason="误导入")


def test_recomputation_touches_only_deadlines_whose_window_reaches_the_changed_days(record, editor):
    early = actions.open_deadline(actor=editor, target=record, start=D(2017, 3, 1), period=Period(10), purpose="早")
    late = actions.open_deadline(actor=editor, target=record, start=D(2017, 9, 20), period=Period(20), purpose="晚")
    affected = set(actions.affected_deadlines(D(2017, 10, 1), D(2017, 10, 8)))
    assert affected == {late}
    assert early not in affected


def test_plain_suspended_and_extended_deadlines_are_all_recomputed_and_logged(
    record, editor, head, calendar_keeper, django_capture_on_commit_callbacks
):
    plain = actions.open_deadline(actor=editor, target=record, start=D(2026, 12, 15), period=Period(20), purpose="甲")
    twin = actions.open_deadline(actor=editor, target=record, start=D(2026, 12, 15), period=Period(20), purpose="乙")
    stopped = actions.open_deadline(actor=editor, target=record, start=D(2026, 12, 15), period=Period(20), purpose="丙")
    actions.suspend_deadline(actor=editor, deadline=stopped, reason="third_party", starts_on=D(2026, 12, 21),
                             ends_on=D(2026, 12, 22))
    extended = actions.open_deadline(actor=editor, target=record, start=D(2026, 12, 1), period=Period(20), purpose="丁")
    actions.extend_deadline(actor=head, deadline=extended, length=10, approved_on=D(2026, 12, 2), reason="量大")
    with django_capture_on_commit_callbacks(execute=True):
        actions.import_holiday_notice(actor=calendar_keeper, text=NOTICE_2027)
    expected = {plain.pk: D(2027, 1, 13), twin.pk: D(2027, 1, 13), stopped.pk: D(2027, 1, 15),
                extended.pk: D(2027, 1, 13)}
    events = AuditEvent.objects.filter(event_type="deadline.recomputed")
    assert {e.new_values["deadline_id"]: e.new_values["due_date"] for e in events} == {
        pk: day.isoformat() for pk, day in expected.items()}
    for event in events:
        assert event.target_id == str(record.pk) and event.department_id == record.department_id
        assert event.old_values["calendar_unconfirmed"] is True and event.new_values["calendar_unconfirmed"] is False
    for deadline in (plain, twin, stopped, extended):
        deadline.refresh_from_db()
        assert deadline.due_date == expected[deadline.pk]
        assert not deadline.calendar_unconfirmed
        assert deadline.calendar_revision == CalendarRevision.objects.get().pk
    summary = AuditEvent.objects.get(event_type="calendar.recomputed").new_values
    assert (summary["checked"], summary["moved"]) == (4, 4)


def test_the_recompute_command_moves_deadlines_computed_by_an_older_reading_of_the_calendar(into_2027):
    import io

    from django.core.management import CommandError, call_command

    from yifa.calendar.models import Deadline

    # As an older release stored it, counting 2027-01-01 (元旦) as a working day.
    right = into_2027.due_date
    Deadline.objects.filter(pk=into_2027.pk).update(due_date=right - dt.timedelta(days=1))
    out = io.StringIO()
    call_command("calendar", "recompute", "--from", "2027-01-01", stdout=out)
    into_2027.refresh_from_db()
    assert into_2027.due_date == right
    assert "1 个到期日有变化" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("calendar", "recompute", "--from", "2027-13-45")


def test_a_change_touches_only_deadlines_whose_counting_window_contains_a_changed_day(
    record, editor, calendar_keeper, django_capture_on_commit_callbacks
):
    # Ends in 2026: a change to any 2027 day cannot move it, so it is skipped, not rewritten.
    ends_2026 = actions.open_deadline(actor=editor, target=record, start=D(2026, 11, 2), period=Period(20),
                                      purpose="年内")
    # Runs over 2027-01-01..03 (元旦): touched by the notice, not by a day in March.
    january = actions.open_deadline(actor=editor, target=record, start=D(2026, 12, 24), period=Period(10),
                                    purpose="跨年")
    # 2027-03-15 lies in its window (start 03-01, 20 working days): touched by both changes.
    march = actions.open_deadline(actor=editor, target=record, start=D(2027, 3, 1), period=Period(20), purpose="三月")
    # Ends on 2027-03-12, before the day that changes in March: touched only by the notice.
    before = actions.open_deadline(actor=editor, target=record, start=D(2027, 2, 26), period=Period(10), purpose="前")
    assert ends_2026.due_date < D(2027, 1, 1) and before.due_date < D(2027, 3, 15)
    untouched = {ends_2026.pk: (ends_2026.computed_at, ends_2026.calendar_revision)}

    with django_capture_on_commit_callbacks(execute=True):
        actions.import_holiday_notice(actor=calendar_keeper, text=NOTICE_2027)
    summary = AuditEvent.objects.filter(event_type="calendar.recomputed").latest("id").new_values
    assert (summary["checked"], summary["skipped"]) == (3, 1)
    ends_2026.refresh_from_db()
    assert {ends_2026.pk: (ends_2026.computed_at, ends_2026.calendar_revision)} == untouched
    recomputed = {e.new_values["deadline_id"] for e in AuditEvent.objects.filter(event_type="deadline.recomputed")}
    assert recomputed == {january.pk, march.pk, before.pk}  # 2027 confirmed: each one's flag moved

    with django_capture_on_commit_callbacks(execute=True):
        actions.set_calendar_day(actor=calendar_keeper, day=D(2027, 3, 15), is_working_day=False,
                                 source_document="肇政办发〔2027〕1号", note="停电检修")
    summary = AuditEvent.objects.filter(event_type="calendar.recomputed").latest("id").new_values
    assert (summary["checked"], summary["skipped"], summary["moved"]) == (1, 3, 1)
    march_due = march.due_date
    march.refresh_from_db()
    assert march.due_date > march_due
    assert set(actions.affected_deadlines(D(2027, 1, 1), D(2027, 3, 31), [D(2027, 1, 2), D(2027, 3, 15)])) == {
        january, march}
