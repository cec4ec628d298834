"""A backup of the demo restores into a fresh database with every table's rows and every file intact."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection

ROOT = Path(__file__).resolve().parents[3]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"


def _run(*command: str, **environment: str) -> subprocess.CompletedProcess:
    env = {**{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
           "DJANGO_SETTINGS_MODULE": "yifa.settings", "DJANGO_ENV": "development", **environment}
    return subprocess.run([sys.executable, "manage.py", *command], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=600)


@pytest.fixture
def instance(transactional_db, settings, tmp_path):
    """The org and portal demos, a disclosure request with an applicant's file (a private case file)."""
    from yifa.audit.actors import PublicVisitor
    from yifa.disclosure.actions import submit_request
    from yifa.disclosure.models import DisclosureRequest
    from yifa.org.demo import load
    from yifa.org.models import Department
    from yifa.portal.demo import load_portal_demo

    settings.MEDIA_ROOT = tmp_path / "var" / "media"
    settings.YIFA_PRIVATE_ROOT = tmp_path / "var" / "private"
    load()
    load_portal_demo()
    request = DisclosureRequest(
        department=Department.objects.get(code="scjgj"), applicant_type="natural_person", applicant_name="王建国",
        id_number="231282199001010016", phone="13804551234", address="肇东市正阳大街1号",
        description="2016年度食品抽检结果。", delivery="email", email="w@example.com")
    submit_request(actor=PublicVisitor("test"), request=request, uploads=[SimpleUploadedFile("申请书.pdf", PDF)])
    return tmp_path


def test_a_backup_restores_into_a_fresh_database_with_every_row_and_file(instance):
    backup_dir = instance / "backup"
    call_command("backup", output=str(backup_dir))
    manifest = json.loads((backup_dir / "manifest.json").read_text())
    assert manifest["tables"]["disclosure_disclosurerequest"] == 1
    assert manifest["tables"]["org_department"] >= 34 and manifest["tables"]["wagtailcore_page"] > 10
    assert len(manifest["files"]["private"]) == 1  # the applicant's file

    fresh = instance / "fresh"
    if connection.vendor == "sqlite":
        environment = {"DATABASE_URL": f"sqlite:///{fresh}/db.sqlite3", "YIFA_VAR_DIR": str(fresh)}
        fresh.mkdir()
    else:
        name = f"yifa_restore_{uuid.uuid4().hex[:8]}"
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE DATABASE {name}")
        settings_dict = connection.settings_dict
        environment = {"DATABASE_URL": f"postgres://{settings_dict['USER'] or 'postgres'}@{settings_dict['HOST'] or '127.0.0.1'}:"
                                       f"{settings_dict['PORT'] or 5432}/{name}", "YIFA_VAR_DIR": str(fresh)}
    try:
        result = _run("restore", str(backup_dir), **environment)
        assert result.returncode == 0, result.stderr
        assert "核对一致" in result.stdout
        assert (fresh / "private").is_dir() and any((fresh / "private").rglob("*.pdf"))
        # A second restore into the now full database is refused.
        again = _run("restore", str(backup_dir), **environment)
        assert again.returncode != 0 and "已有数据" in again.stderr
    finally:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def test_a_damaged_backup_is_refused_and_a_full_directory_is_not_overwritten(instance):
    backup_dir = instance / "backup"
    call_command("backup", output=str(backup_dir))
    with pytest.raises(CommandError, match="不是空的"):
        call_command("backup", output=str(backup_dir))
    database = backup_dir / json.loads((backup_dir / "manifest.json").read_text())["database_file"]
    database.write_bytes(database.read_bytes()[:-10] + b"0123456789")
    with pytest.raises(CommandError, match="校验和"):
        call_command("restore", str(backup_dir), force=True)
