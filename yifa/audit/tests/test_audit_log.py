from datetime import timedelta

import pytest
from django.utils import timezone

from yifa.audit.actions import purge_expired_events, record_event
from yifa.audit.actors import PublicVisitor, SystemJob
from yifa.audit.models import AuditEvent, AuditLogIsAppendOnly
from yifa.backoffice.audit_report import events_visible_to

JOB = SystemJob("test")


def test_an_event_records_actor_target_and_changes(department, editor):
    event = record_event(actor=editor, event_type="org.department_saved", target=department, old={"a": 1}, new={"a": 2}, reason="r")
    assert event.actor_user == editor
    assert event.target_repr == department.name
    assert event.department == department
    assert event.changes() == [("a", 1, 2)]


def test_unregistered_event_types_are_refused(department):
    with pytest.raises(ValueError, match="unregistered"):
        record_event(actor=JOB, event_type="nobody.registered.this", target=department)


def test_public_visitors_are_labelled_and_their_address_kept(db):
    event = record_event(actor=PublicVisitor("申请人", ip="10.0.0.1"), event_type="audit.purged")
    assert event.actor_label == "public:申请人"
    assert event.actor_ip == "10.0.0.1"


def test_events_cannot_be_changed_or_deleted(department):
    event = record_event(actor=JOB, event_type="org.department_saved", target=department)
    event.reason = "tampered"
    with pytest.raises(AuditLogIsAppendOnly):
        event.save()
    with pytest.raises(AuditLogIsAppendOnly):
        event.delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEvent.objects.all().delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEvent.objects.update(reason="tampered")
    assert AuditEvent.objects.get().reason == ""


def test_the_purge_refuses_a_period_shorter_than_six_months(db):
    with pytest.raises(ValueError, match="不少于六个月"):
        purge_expired_events(actor=JOB, older_than_days=30)


def test_the_purge_removes_only_rows_older_than_the_retention_period(department):
    old = record_event(actor=JOB, event_type="org.department_saved", target=department)
    recent = record_event(actor=JOB, event_type="org.department_saved", target=department)
    # Back-date one row directly in the database, as time would (on PostgreSQL past the append-only
    # trigger, which only the purge itself may pass).
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = replica")  # a superuser's way past triggers
        cursor.execute(
            f"UPDATE {AuditEvent._meta.db_table} SET occurred_at = %s WHERE id = %s",
            [timezone.now() - timedelta(days=400), old.pk],
        )
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL session_replication_role = origin")
    removed = purge_expired_events(actor=JOB, older_than_days=365)
    assert removed == 1
    remaining = set(AuditEvent.objects.values_list("pk", flat=True))
    assert recent.pk in remaining and old.pk not in remaining
    assert AuditEvent.objects.filter(event_type="audit.purged").exists()


def test_department_staff_see_only_their_departments_events(department, other_department, editor, legal_officer):
    mine = record_event(actor=JOB, event_type="org.department_saved", target=department)
    theirs = record_event(actor=JOB, event_type="org.department_saved", target=other_department)
    assert list(events_visible_to(editor)) == [mine]
    assert {mine, theirs} <= set(events_visible_to(legal_officer))


def test_the_purge_command_refuses_a_short_period_with_a_clear_message(db):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="不少于六个月"):
        call_command("audit_purge", older_than_days=10)


def test_the_yifa_command_wraps_manage_py(tmp_path):
    import os
    import subprocess
    import sys

    env = {**os.environ, "YIFA_VAR_DIR": str(tmp_path), "DATABASE_URL": f"sqlite:///{tmp_path}/x.sqlite3"}
    env.pop("DJANGO_SETTINGS_MODULE", None)
    result = subprocess.run([sys.executable, "-m", "yifa", "help", "demo"], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "载入肇东市" in result.stdout


def test_on_postgresql_the_database_refuses_to_change_or_delete_an_audit_row(db, editor):
    from django.db import connection, transaction
    from django.db.utils import DatabaseError

    if connection.vendor != "postgresql":
        pytest.skip("the trigger exists on PostgreSQL; SQLite relies on the model's guard")
    event = record_event(actor=editor, event_type="audit.purged", new={"removed": 0})
    for statement in ("UPDATE audit_auditevent SET reason = 'rewritten' WHERE id = %s",
                      "DELETE FROM audit_auditevent WHERE id = %s"):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement, [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk, reason="").exists()
