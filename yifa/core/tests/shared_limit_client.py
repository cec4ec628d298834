"""A separate OS process using yifa's rate limit, for test_shared_rate_limit.py (not a test itself).

    python -m yifa.core.tests.shared_limit_client DIR NAME PEERS HITS LIMIT [--setup]

The settings are yifa's own (not the suite's), with the cache the environment chooses (DATABASE_URL,
REDIS_URL, CACHE_KEY_PREFIX). Each process writes DIR/NAME.ready once Django is set up and waits for the
PEERS others, so that all of them count at the same moment; it prints a JSON line of what it was allowed.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> None:
    folder, name, peers, hits, limit = Path(argv[0]), argv[1], int(argv[2]), int(argv[3]), int(argv[4])
    os.environ["DJANGO_SETTINGS_MODULE"] = "yifa.settings"
    import django

    django.setup()
    from django.test import RequestFactory

    from yifa.core.cache import create_cache_tables
    from yifa.core.ratelimit import hit

    if "--setup" in argv:
        create_cache_tables()
    (folder / f"{name}.ready").touch()
    deadline = time.monotonic() + 60
    while len(list(folder.glob("*.ready"))) < peers and time.monotonic() < deadline:
        time.sleep(0.01)
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.9")
    window = 366 * 86400  # long: the window must not end while the test runs
    allowed = sum(hit(request, "shared-test", limit=limit, window_seconds=window) for _ in range(hits))
    print(json.dumps({"allowed": allowed}))


if __name__ == "__main__":
    main(sys.argv[1:])
