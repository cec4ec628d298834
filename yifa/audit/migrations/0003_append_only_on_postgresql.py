"""On PostgreSQL the database itself refuses to change or remove an audit row: a trigger raises on UPDATE
and DELETE unless the transaction declared itself the retention purge (SET LOCAL yifa.audit_purge = 'on',
which only `purge_expired_events` does). Someone with SQL access but not the purge's code path cannot
rewrite history quietly. SQLite has no such setting; there the model's guard is the protection."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION yifa_audit_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' AND coalesce(current_setting('yifa.audit_purge', true), '') = 'on' THEN
        RETURN OLD;
    END IF;
    RAISE EXCEPTION 'audit_auditevent is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS yifa_audit_append_only ON audit_auditevent;
CREATE TRIGGER yifa_audit_append_only BEFORE UPDATE OR DELETE ON audit_auditevent
    FOR EACH ROW EXECUTE FUNCTION yifa_audit_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS yifa_audit_append_only ON audit_auditevent;
DROP FUNCTION IF EXISTS yifa_audit_append_only();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_fewer_indexes")]

    operations = [migrations.RunPython(forwards, backwards)]
