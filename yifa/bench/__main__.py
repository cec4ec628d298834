"""Run every app's benchmarks on SQLite and, when DATABASE_URL names PostgreSQL, on PostgreSQL too.

    python -m yifa.bench                 # every module's benchmarks
    python -m yifa.bench calendar powers # only these modules

Each database gets a process of its own (Django's settings name one database) and a scratch
database of its own: a SQLite file in a temporary directory, and on PostgreSQL a database
`<name>_bench_<pid>` on the server DATABASE_URL names, created for the run and dropped after it.
The database DATABASE_URL names itself is never touched. The runs are one after the other, so
that they do not slow each other down, and the table prints each benchmark's rows for both
databases side by side.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict
from urllib.parse import urlsplit, urlunsplit

CHILD = "--database"


def _is_postgres(url: str) -> bool:
    return url.split(":", 1)[0] in ("postgres", "postgresql", "pgsql", "postgis")


def _postgres_scratch(url: str) -> tuple[str, str]:
    """(scratch URL, scratch name): the server of `url`, a new database named after it."""
    parts = urlsplit(url)
    name = f"{(parts.path.lstrip('/') or 'yifa')}_bench_{os.getpid()}"
    return urlunsplit(parts._replace(path="/" + name)), name


def _admin(url: str, sql: str) -> None:
    import psycopg

    parts = urlsplit(url)
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as connection:
        connection.execute(sql)  # type: ignore[arg-type]


def _run_child(database: str, url: str, only: list[str]) -> list[dict]:
    scratch = tempfile.mkdtemp(prefix=f"yifa-bench-{database}-")
    out = os.path.join(scratch, "rows.json")
    env = {**os.environ, "YIFA_VAR_DIR": scratch, "DATABASE_URL": url, "YIFA_BENCH_ROWS": out}
    print(f"=== {database} ===", file=sys.stderr, flush=True)
    code = subprocess.call([sys.executable, "-m", "yifa.bench", CHILD, database, *only], env=env)
    rows: list[dict] = []
    if os.path.exists(out):
        with open(out, encoding="utf-8") as handle:
            rows = json.load(handle)
    if code != 0 and not rows:
        rows = [{"name": "(the benchmarks stopped with an error: see above)", "measured": "failed", "ok": False,
                 "key": "error"}]
    for row in rows:
        row["database"] = database
    return rows


def main() -> int:
    if len(sys.argv) > 2 and sys.argv[1] == CHILD:
        return child(sys.argv[2], sys.argv[3:])
    only = sys.argv[1:]
    url = os.environ.get("DATABASE_URL", "")
    results = _run_child("SQLite", "sqlite:///{}", only)
    if _is_postgres(url):
        scratch_url, name = _postgres_scratch(url)
        _admin(url, f'CREATE DATABASE "{name}"')
        try:
            results += _run_child("PostgreSQL", scratch_url, only)
        finally:
            _admin(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    else:
        print("(DATABASE_URL does not name PostgreSQL: SQLite only)", file=sys.stderr)

    from .rows import Row, print_table

    # Each benchmark's rows, SQLite then PostgreSQL beside it, in the order the benchmarks ran.
    order: list[str] = []
    by_key: dict[str, list[dict]] = {}
    for row in results:
        key = row.pop("key", "")
        if key not in by_key:
            order.append(key)
        by_key.setdefault(key, []).append(row)
    rows = [Row(**row) for key in order for row in by_key[key]]
    print_table(rows)
    return 0 if all(r.ok is not False for r in rows) else 1


def child(database: str, only: list[str]) -> int:
    scratch = os.environ["YIFA_VAR_DIR"]
    url = os.environ["DATABASE_URL"]
    if url == "sqlite:///{}":
        os.environ["DATABASE_URL"] = f"sqlite:///{scratch}/bench.sqlite3"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yifa.settings")
    os.environ["DEBUG"] = "false"
    # Background work runs inline: a benchmark times the work, not a queue waiting for a worker.
    os.environ["TASKS_BACKEND"] = "django_tasks.backends.immediate.ImmediateBackend"
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils.module_loading import import_string

    from yifa.core.modules import modules

    wanted = set(only)
    unknown = wanted - {m.label for m in modules() if m.benchmarks}
    if unknown:
        print(f"no benchmarks for {', '.join(sorted(unknown))}; modules with benchmarks: "
              f"{', '.join(m.label for m in modules() if m.benchmarks)}", file=sys.stderr)
        return 2
    call_command("migrate", verbosity=0, interactive=False)
    rows: list[dict] = []
    failed = False
    for declared in modules():
        if not declared.benchmarks or (wanted and declared.label not in wanted):
            continue
        for benchmark in import_string(declared.benchmarks.replace(":", ".")):
            started = time.perf_counter()
            print(f"… {database} {declared.label}: {benchmark.__name__}", file=sys.stderr, flush=True)
            key = f"{declared.label}.{benchmark.__name__}"
            try:
                produced = benchmark()
            except Exception:  # one benchmark's failure is reported in the table; the others still run
                import traceback

                traceback.print_exc()
                failed = True
                rows.append({"name": f"{key} (stopped with an error: see above)", "measured": "failed",
                             "ok": False, "key": f"{key}#error"})
            else:
                rows.extend({**asdict(row), "key": f"{key}#{n}"} for n, row in enumerate(produced))
            print(f"  {time.perf_counter() - started:.1f}s", file=sys.stderr, flush=True)
            with open(os.environ["YIFA_BENCH_ROWS"], "w", encoding="utf-8") as handle:
                json.dump(rows, handle, ensure_ascii=False)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
