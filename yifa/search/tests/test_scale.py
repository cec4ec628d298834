"""Counting past the limit ("约 N 条"), the time limit on search queries, and input that asks for everything."""

from __future__ import annotations

import pytest
from django.db import connection
from django.utils import translation

from yifa.search import engines, query
from yifa.search.engines import round_estimate
from yifa.search.index import index_document
from yifa.search.query import search

from .conftest import at, document

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_limit(monkeypatch):
    """A count limit of 5 (and 5 results to page through), so that 40 documents are "many"."""
    monkeypatch.setattr(engines, "COUNT_LIMIT", 5)
    monkeypatch.setattr(query, "MAX_RESULTS", 5)
    return 5


@pytest.fixture
def many(sources):
    for n in range(40):
        index_document(document(f"d{n}", f"第{n}号通知" + ("政府公告" if n % 4 == 0 else ""),
                                "市人民政府发布。" if n % 2 else "其他内容。", published=at(2016, 1, 1 + n // 24, n % 24)))
    # 10 titles (n = 0, 4, …, 36) and 20 other bodies (odd n) contain 政府: 30 documents, newest n last.


def test_round_estimate_keeps_two_significant_figures_and_never_goes_below_what_was_counted():
    assert round_estimate(56_217, 1001) == 56_000
    assert round_estimate(1_234.5, 1001) == 1_200
    assert round_estimate(987, 1001) == 1001
    assert round_estimate(7, 6) == 7


def test_below_the_limit_the_count_is_exact(many):
    page = search("政府", per_page=10)
    assert page.total == 30 and not page.estimated and page.num_pages == 3
    assert len(search("公告", per_page=100).items) == 10 == search("公告").total


def test_past_the_limit_the_count_is_an_estimate_and_paging_stops_at_the_limit(many, small_limit):
    page = search("政府", per_page=2)
    assert page.estimated and page.total > small_limit
    assert page.num_pages == 3  # 5 results reachable, 2 a page
    assert [item.key for item in page.items] == ["d36", "d32"]  # title matches first, newest first
    past = search("政府", per_page=2, page=50)
    assert past.page == 3 and len(past.items) == 1 and "只能翻阅前 5 条" in past.notice
    # the reachable results are the first five of the exact order
    keys = [i.key for p in (1, 2, 3) for i in search("政府", per_page=2, page=p).items]
    assert keys[:3] == ["d36", "d32", "d28"] and len(set(keys)) == 5
    assert not search("公告 第1号", per_page=2).estimated  # still exact when few match


def test_the_portal_shows_an_estimated_count_as_about_n(client, many, small_limit):
    html = client.get("/search/", {"q": "政府"}).content.decode()
    assert "约有" in html and "条结果" in html
    client.cookies["django_language"] = "en"
    with translation.override("en"):
        html = client.get("/search/", {"q": "政府"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "About" in html and "results for" in html


def _slow_statement() -> None:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT pg_sleep(2)")
        else:
            cursor.execute("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 100000000)"
                           " SELECT count(*) FROM c")


def _statement_timeout() -> str | None:
    if connection.vendor != "postgresql":
        return None
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        return cursor.fetchone()[0]


def test_a_search_query_past_its_time_limit_answers_with_a_notice_not_an_error(many, monkeypatch, settings):
    settings.YIFA_SEARCH_TIMEOUT_MS = 100
    before = _statement_timeout()
    engine_class = type(engines.current_engine())
    original = engine_class.count

    def slow_count(self, terms, filters):
        _slow_statement()
        return original(self, terms, filters)

    monkeypatch.setattr(engine_class, "count", slow_count)
    page = search("政府")
    assert page.total == 0 and page.items == [] and "检索超时" in page.notice
    with translation.override("en"):
        assert "timed out" in search("政府").notice
    monkeypatch.setattr(engine_class, "count", original)
    # The connection is usable, and the time limit did not outlive the search.
    assert search("政府").total == 30
    assert _statement_timeout() == before


def test_the_portal_explains_a_timeout(client, many, monkeypatch, settings):
    settings.YIFA_SEARCH_TIMEOUT_MS = 100
    engine_class = type(engines.current_engine())
    monkeypatch.setattr(engine_class, "count", lambda self, terms, filters: _slow_statement())
    response = client.get("/search/", {"q": "政府"})
    assert response.status_code == 200 and "检索超时" in response.content.decode()


@pytest.mark.parametrize("q, page", [
    ("的", 1), ("政", 1), ("政" * 10_000, 1), ("政府 " * 3_000, 1), ("，。！？…" * 2_000, 1), ("政府", 10_000),
    ("政府", -3), ("通知", 2**70),
])
def test_input_that_asks_for_everything_or_nothing_answers_a_normal_page(many, q, page):
    result = search(q, page=page)
    assert 1 <= result.page <= result.num_pages
    assert result.total == 0 or result.items


def test_a_page_past_the_end_shows_the_last_page(many):
    page = search("政府", per_page=10, page=99)
    assert page.page == 3 and len(page.items) == 10 and not page.notice
