"""Rate limits are shared by every app server: two OS processes counting the same client at the same moment
get one limit between them, on the database cache (SQLite file or PostgreSQL, as the suite runs) and on Redis;
And the database cache's increments are atomic."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import override_settings

from yifa.core.cache import create_cache_tables

ROOT = Path(__file__).resolve().parents[3]
PROCESSES = 2
HITS_EACH = 40
LIMIT = 50  # less than the 80 hits sent together: exactly 50 must get through, whichever process sent them


def _run_clients(tmp_path: Path, env: dict[str, str]) -> list[int]:
    client = [sys.executable, "-m", "yifa.core.tests.shared_limit_client", str(tmp_path)]
    first = [*client, "p0", str(PROCESSES), str(HITS_EACH), str(LIMIT), "--setup"]
    others = [[*client, f"p{n}", str(PROCESSES), str(HITS_EACH), str(LIMIT)] for n in range(1, PROCESSES)]
    running = [subprocess.Popen(args, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for args in [first, *others]]
    allowed = []
    for process in running:
        out, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        allowed.append(json.loads(out.strip().splitlines()[-1])["allowed"])
    return allowed


def _environment(tmp_path: Path, **values: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "REDIS_URL", "DJANGO_ENV")}
    (tmp_path / "var").mkdir(exist_ok=True)
    return env | {"YIFA_VAR_DIR": str(tmp_path / "var"), "CACHE_KEY_PREFIX": f"test-{uuid.uuid4().hex}",
                  "PYTHONPATH": str(ROOT)} | values


def _database_url(tmp_path: Path) -> str:
    if connection.vendor == "postgresql":  # the suite's own test database (the cache table is ours alone)
        s = connection.settings_dict
        password = f":{quote(s['PASSWORD'])}" if s.get("PASSWORD") else ""
        return f"postgres://{quote(s['USER'] or '')}{password}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"
    return f"sqlite:///{tmp_path / 'shared.sqlite3'}"


def _assert_one_limit(allowed: list[int]) -> None:
    assert sum(allowed) == LIMIT, f"the processes let {allowed} through, together more or less than {LIMIT}"
    assert all(n > 0 for n in allowed), "each process counted, not one after the other"


@pytest.mark.django_db
def test_two_processes_share_one_limit_on_the_database_cache(tmp_path):
    _assert_one_limit(_run_clients(tmp_path, _environment(tmp_path, DATABASE_URL=_database_url(tmp_path))))


def _redis_url() -> str | None:
    url = os.environ.get("YIFA_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
    host_port = url.split("//", 1)[-1].split("/", 1)[0].rsplit("@", 1)[-1]
    host, _, port = host_port.partition(":")
    try:
        with socket.create_connection((host, int(port or 6379)), timeout=0.5):
            return url
    except OSError:
        return None


def test_two_processes_share_one_limit_on_redis(tmp_path):
    url = _redis_url()
    if url is None:
        pytest.skip("no Redis server at YIFA_TEST_REDIS_URL (redis://127.0.0.1:6379/0)")
    env = _environment(tmp_path, REDIS_URL=url, DATABASE_URL=f"sqlite:///{tmp_path / 'unused.sqlite3'}")
    try:
        allowed = _run_clients(tmp_path, env)
    finally:
        import redis

        client = redis.Redis.from_url(url)
        for key in client.scan_iter(f"{env['CACHE_KEY_PREFIX']}:*"):
            client.delete(key)
    _assert_one_limit(allowed)


DATABASE_CACHE = {"default": {"BACKEND": "yifa.core.cache.AtomicDatabaseCache", "LOCATION": "yifa_test_cache"}}


@pytest.mark.django_db
def test_the_database_cache_counts_up_and_down_and_forgets_expired_keys():
    with override_settings(CACHES=DATABASE_CACHE):
        create_cache_tables(using=connection.alias)
        cache = caches["default"]
        assert cache.add("n", 5, timeout=60)
        assert not cache.add("n", 1, timeout=60)  # taken: add never overwrites a live count
        assert cache.incr("n") == 6
        assert cache.incr("n", 4) == 10
        assert cache.decr("n", 3) == 7
        assert cache.get("n") == 7
        with pytest.raises(ValueError):
            cache.incr("missing")
        cache.set("old", 1, timeout=-1)  # already expired
        with pytest.raises(ValueError):
            cache.incr("old")


def test_migrate_creates_the_database_cache_table(tmp_path):
    """`migrate` (a new server, make demo, the test databases) leaves the shared cache ready to use."""
    env = _environment(tmp_path, DATABASE_URL=f"sqlite:///{tmp_path / 'fresh.sqlite3'}")
    script = ("import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'yifa.settings'; django.setup();"
              "from django.core.management import call_command; call_command('migrate', 'core', verbosity=0);"
              "from django.core.cache import cache; cache.set('k', 1); print(cache.incr('k'))")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "2"
