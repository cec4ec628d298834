"""Run every app's benchmarks on a scratch database and print one table."""

from __future__ import annotations

import os
import sys
import tempfile
import time


def main() -> int:
    scratch = tempfile.mkdtemp(prefix="yifa-bench-")
    os.environ["YIFA_VAR_DIR"] = scratch
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{scratch}/bench.sqlite3")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yifa.settings")
    os.environ["DEBUG"] = "false"
    os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
    import django

    django.setup()
    from django.core.management import call_command
    from django.utils.module_loading import import_string

    from yifa.core.modules import modules

    from .rows import Row, print_table

    call_command("migrate", verbosity=0, interactive=False)
    only = set(sys.argv[1:])
    rows: list[Row] = []
    for declared in modules():
        if not declared.benchmarks or (only and declared.label not in only):
            continue
        for benchmark in import_string(declared.benchmarks.replace(":", ".")):
            started = time.perf_counter()
            print(f"… {declared.label}: {benchmark.__name__}", file=sys.stderr, flush=True)
            rows.extend(benchmark())
            print(f"  {time.perf_counter() - started:.1f}s", file=sys.stderr, flush=True)
    print_table(rows)
    return 0 if all(r.ok is not False for r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
