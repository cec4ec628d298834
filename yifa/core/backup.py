"""Backing up and restoring an instance: the database, the public media, the case files and the uploaded
imports, with a manifest that proves a restore complete.

    yifa backup --output /srv/backup/2026-12-07     # a consistent snapshot, then the files
    yifa restore /srv/backup/2026-12-07              # into an empty database; checks every count and checksum

The database is copied by its own tools, never by `dumpdata` (which cannot serialise Wagtail's pages
with natural keys): SQLite's online backup API (a consistent copy while the site runs) or PostgreSQL's
`pg_dump -Fc` (one snapshot transaction). The manifest lists every table's row count and every file's
size and SHA-256; `restore` refuses a database that already holds data unless forced, and after
restoring compares everything with the manifest.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from .errors import ActionRefused

MANIFEST = "manifest.json"
FORMAT_VERSION = 1


def file_roots() -> dict[str, Path]:
    """The directories whose files belong to the instance (name in the backup → place on disk)."""
    media = Path(settings.MEDIA_ROOT)
    return {"media": media, "private": Path(settings.YIFA_PRIVATE_ROOT),
            "imports": media.parent / "powers-imports"}


def table_counts() -> dict[str, int]:
    counts = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            if table.startswith("sqlite_"):
                continue
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        while chunk := file.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _files(root: Path) -> dict[str, dict[str, Any]]:
    if not root.is_dir():
        return {}
    return {str(path.relative_to(root)): {"size": path.stat().st_size, "sha256": _sha256(path)}
            for path in sorted(root.rglob("*")) if path.is_file()}


def _pg_environment() -> tuple[list[str], dict[str, str]]:
    """pg_dump/pg_restore connection arguments for the default database (the password by environment)."""
    db = connection.settings_dict
    args = ["--host", db.get("HOST") or "localhost", "--port", str(db.get("PORT") or 5432),
            "--username", db.get("USER") or "postgres"]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


@dataclass(frozen=True)
class BackupResult:
    directory: Path
    tables: int
    rows: int
    files: int


def backup(output: Path) -> BackupResult:
    output = Path(output)
    if output.exists() and any(output.iterdir()):
        raise ActionRefused(_("备份目录 %(path)s 不是空的，请指定一个新目录。") % {"path": output})
    output.mkdir(parents=True, exist_ok=True)
    vendor = connection.vendor
    connection.ensure_connection()
    if vendor == "sqlite":
        target = sqlite3.connect(output / "db.sqlite3")
        try:
            connection.connection.backup(target)  # the online backup API: consistent while others write
        finally:
            target.close()
        database_file = "db.sqlite3"
    elif vendor == "postgresql":
        args, env = _pg_environment()
        database_file = "db.dump"
        result = subprocess.run(["pg_dump", "--format=custom", "--no-owner", *args, "--file",
                                 str(output / database_file), connection.settings_dict["NAME"]],
                                env=env, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise ActionRefused(_("pg_dump 失败：%(error)s") % {"error": result.stderr.strip()[:500]})
    else:
        raise ActionRefused(_("不支持备份 %(vendor)s 数据库。") % {"vendor": vendor})
    counts = table_counts()
    files: dict[str, dict[str, Any]] = {}
    for name, root in file_roots().items():
        listed = _files(root)
        if listed:
            shutil.copytree(root, output / "files" / name)
        files[name] = listed
    manifest = {
        "format": FORMAT_VERSION, "created_at": timezone.now().isoformat(), "database": vendor,
        "database_file": database_file, "database_sha256": _sha256(output / database_file),
        "tables": counts, "files": files,
    }
    (output / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True))
    return BackupResult(output, len(counts), sum(counts.values()), sum(len(listed) for listed in files.values()))


def read_manifest(directory: Path) -> dict[str, Any]:
    path = Path(directory) / MANIFEST
    try:
        manifest = json.loads(path.read_text())
    except (OSError, ValueError):
        raise ActionRefused(_("%(path)s 不存在或不是 yifa 的备份清单。") % {"path": path}) from None
    if manifest.get("format") != FORMAT_VERSION:
        raise ActionRefused(_("备份的格式版本与本系统不符。"))
    return manifest  # type: ignore[no-any-return]


def database_is_empty() -> bool:
    """No table holds a row (a database just migrated holds rows: it is not empty)."""
    with connection.cursor() as cursor:
        tables = [t for t in connection.introspection.table_names(cursor) if not t.startswith("sqlite_")]
    return not tables or all(count == 0 for count in table_counts().values())


def restore(directory: Path, *, force: bool = False) -> list[str]:
    """Restore the backup into the configured database and file roots; returns the differences found
    when checking the result against the manifest (none: the restore is complete)."""
    directory = Path(directory)
    manifest = read_manifest(directory)
    vendor = connection.vendor
    if manifest["database"] != vendor:
        raise ActionRefused(_("备份来自 %(source)s 数据库，不能恢复到 %(vendor)s 数据库。") % {"source": manifest["database"], "vendor": vendor})
    database_file = directory / manifest["database_file"]
    if _sha256(database_file) != manifest["database_sha256"]:
        raise ActionRefused(_("数据库备份文件的校验和与清单不符：文件已损坏或被改动。"))
    if not database_is_empty() and not force:
        raise ActionRefused(_("目标数据库中已有数据。恢复会覆盖它们；确需覆盖请加 --force。"))
    if vendor == "sqlite":
        database_path = Path(connection.settings_dict["NAME"])
        connection.close()
        source = sqlite3.connect(database_file)
        target = sqlite3.connect(database_path)
        try:
            source.backup(target)
        finally:
            source.close()
            target.close()
    else:
        args, env = _pg_environment()
        connection.close()
        result = subprocess.run(["pg_restore", "--no-owner", "--clean", "--if-exists", *args, "--dbname",
                                 connection.settings_dict["NAME"], str(database_file)],
                                env=env, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise ActionRefused(_("pg_restore 失败：%(error)s") % {"error": result.stderr.strip()[:500]})
    for name, root in file_roots().items():
        source_root = directory / "files" / name
        if source_root.is_dir():
            shutil.copytree(source_root, root, dirs_exist_ok=True)
    return compare(manifest)


def compare(manifest: dict[str, Any]) -> list[str]:
    differences = []
    counts = table_counts()
    for table, expected in manifest["tables"].items():
        if counts.get(table) != expected:
            differences.append(_("表 %(table)s：应有 %(expected)s 行，现有 %(found)s 行") % {"table": table, "expected": expected, "found": counts.get(table)})
    roots = file_roots()
    for name, listed in manifest["files"].items():
        for relative, expected in listed.items():
            path = roots[name] / relative
            if not path.is_file() or _sha256(path) != expected["sha256"]:
                differences.append(_("文件 %(path)s 缺失或内容不符") % {"path": f"{name}/{relative}"})
    return differences
