"""A register's thousands of entries (the power lists) do not bury pages and articles titled with the same term."""

from __future__ import annotations

import pytest

from yifa.search.index import reindex
from yifa.search.query import search

from .conftest import at, document

pytestmark = pytest.mark.django_db


@pytest.fixture
def guide_and_register(registers):
    registers["test.article"].extend([
        document("guide", "行政复议申请指南", "申请人认为行政行为侵犯其合法权益的，可以申请行政复议。", published=at(2016, 5, 18)),
        document("news", "工作动态", "市法制办受理行政复议申请31件。", published=at(2017, 1, 10)),
    ])
    registers["test.register"].extend(
        document(f"power-{n}", f"对拒不履行行政复议决定的处罚{n}", "行政处罚 · 市法制办", source="test.register",
                 published=at(2016, 6, 30, 9, 0, n)) for n in range(30))
    reindex()


def keys(query: str, **options) -> list[str]:
    return [item.key for item in search(query, per_page=100, **options).items]


def test_an_articles_title_match_ranks_above_newer_register_entries_titled_with_the_same_term(guide_and_register):
    found = keys("行政复议")
    assert found[0] == "guide"
    # Then the register's title matches, newest first, and only then the matches in a body.
    assert found[1:31] == [f"power-{n}" for n in reversed(range(30))] and found[-1] == "news"


def test_paging_crosses_the_tiers_without_losing_or_repeating_a_result(guide_and_register):
    everything = keys("行政复议")
    pages = [[i.key for i in search("行政复议", per_page=7, page=n).items] for n in range(1, 6)]
    assert [key for page in pages for key in page] == everything and len(everything) == 32


def test_a_filter_on_the_register_lists_only_its_entries_newest_first(guide_and_register):
    assert keys("行政复议", source="test.register")[:2] == ["power-29", "power-28"]
    assert keys("行政复议", source="test.article") == ["guide", "news"]
