"""`make bench`: every app's benchmarks, each compared with a baseline measured in the same run.

An app adds `yifa/<app>/bench.py` defining `BENCHMARKS`, a list of callables that return rows
(`Row`), and names it in its `Module` (`benchmarks="yifa.<app>.bench:BENCHMARKS"`). Benchmarks run against a scratch SQLite database in a temporary directory and, when DATABASE_URL
names PostgreSQL, again against a scratch PostgreSQL database created for the run and dropped after it;
never the demo's. A benchmark must work on both (see __main__.py).
"""
