"""Eight processes counting views of one page at once lose no increment (SQLite file or PostgreSQL)."""

import multiprocessing
import sqlite3

import pytest
from django.db import connection, connections
from django.test import Client
from django.utils import timezone

from yifa.viewcounts.models import DailyPageViews, PageViewTotal

PROCESSES = 8
VIEWS_EACH = 25


def _count_views(job: tuple[str, int, int]) -> list[int]:
    """In a forked process: a database connection of its own, then VIEWS_EACH beacons."""
    database, page_id, worker = job
    connections.settings["default"]["NAME"] = database
    del connections["default"]  # never touch the parent's connection object
    client = Client(REMOTE_ADDR=f"10.0.0.{worker + 1}")
    try:
        return [client.post(f"/views/{page_id}/").json()["views"] for _ in range(VIEWS_EACH)]
    finally:
        connections.close_all()


@pytest.mark.django_db(transaction=True)
def test_eight_processes_viewing_at_once_lose_no_view(article, tmp_path, settings):
    settings.YIFA_VIEWS_PER_CLIENT_PER_HOUR = VIEWS_EACH
    if connection.vendor == "sqlite":
        # The test database is in memory, which other processes cannot open: copy it to a file.
        database = str(tmp_path / "views.sqlite3")
        with connection.cursor() as cursor:
            cursor.execute("VACUUM INTO %s", [database])
    else:
        database = connection.settings_dict["NAME"]
    connections.close_all()  # forked children must not inherit an open connection

    with multiprocessing.get_context("fork").Pool(PROCESSES) as pool:
        answers = pool.map(_count_views, [(database, article.pk, worker) for worker in range(PROCESSES)])

    expected = PROCESSES * VIEWS_EACH
    # Every increment answered its own fresh total: together they are exactly 1 … 200.
    assert sorted(n for answer in answers for n in answer) == list(range(1, expected + 1))
    if connection.vendor == "sqlite":
        with sqlite3.connect(database) as copy:
            total = copy.execute("SELECT views FROM viewcounts_pageviewtotal WHERE page_id = ?", [article.pk]).fetchone()[0]
            daily = copy.execute("SELECT SUM(views) FROM viewcounts_dailypageviews WHERE page_id = ?", [article.pk]).fetchone()[0]
    else:
        total = PageViewTotal.objects.get(page=article).views
        daily = sum(DailyPageViews.objects.filter(page=article, day=timezone.localdate()).values_list("views", flat=True))
    assert total == expected and daily == expected
