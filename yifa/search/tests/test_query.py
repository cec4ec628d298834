"""The search as a reader meets it: ordering, filters, paging, highlighting, and any input at all."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from yifa.audit.actors import COMMAND_LINE
from yifa.audit.models import AuditEvent
from yifa.core.errors import ActionRefused
from yifa.search.actions import rebuild_index
from yifa.search.index import SearchDocument, index_document, reindex, remove_document
from yifa.search.models import IndexedDocument
from yifa.search.query import MAX_QUERY_LENGTH, search

from .conftest import at, document

pytestmark = pytest.mark.django_db


def keys(query: str, **options) -> list[str]:
    return [item.key for item in search(query, per_page=100, **options).items]


@pytest.fixture
def corpus(sources):
    documents = [
        document("old-title", "关于法治政府建设情况的报告", "全市依法行政工作。", published=at(2016, 3, 1)),
        document("new-body", "工作动态", "本月推进法治政府建设。", published=at(2017, 9, 30, 9, 50, 59), column="zwgk"),
        document("newest-title", "法治政府建设年度报告", "", published=at(2017, 12, 1), column="zwgk"),
        document("item", "食品经营许可", "依据法治政府建设要求。", source="test.item", published=at(2017, 5, 1)),
        document("undated", "法治政府建设简介", "", published=None),
    ]
    sources["test.article"].extend(d for d in documents if d.source == "test.article")
    sources["test.item"].extend(d for d in documents if d.source == "test.item")
    reindex()
    return documents


def test_title_matches_come_first_then_the_rest_each_newest_first(corpus):
    assert keys("法治政府") == ["newest-title", "old-title", "undated", "new-body", "item"]


def test_paging_follows_the_same_order_across_the_title_tier_boundary(corpus):
    pages = [search("法治政府", per_page=2, page=n) for n in (1, 2, 3)]
    assert [[i.key for i in p.items] for p in pages] == [["newest-title", "old-title"], ["undated", "new-body"], ["item"]]
    assert {p.total for p in pages} == {5} and {p.num_pages for p in pages} == {3}
    assert pages[0].has_next and not pages[0].has_previous and not pages[2].has_next


def test_a_page_beyond_the_last_shows_the_last_page(corpus):
    page = search("法治政府", per_page=2, page=99)
    assert page.page == 3 and [i.key for i in page.items] == ["item"]


def test_filters_by_source_column_and_publication_date(corpus):
    assert keys("法治政府", source="test.item") == ["item"]
    assert keys("法治政府", column="zwgk") == ["newest-title", "new-body"]
    assert keys("法治政府", date_from="2017-01-01") == ["newest-title", "new-body", "item"]
    assert keys("法治政府", date_to=dt.date(2017, 9, 30)) == ["old-title", "new-body", "item"]
    assert keys("法治政府", date_from="2017-09-30", date_to="2017-09-30") == ["new-body"]
    assert keys("法治政府", source="no.such.source") == []


def test_a_bad_date_is_ignored_with_a_notice_and_a_reversed_range_finds_nothing(corpus):
    page = search("法治政府", date_from="2017-13-45")
    assert page.total == 5 and "2017-13-45" in page.notice
    page = search("法治政府", date_from="2018-01-01", date_to="2017-01-01")
    assert page.total == 0 and "起始日期晚于截止日期" in page.notice


def test_several_terms_must_all_match(corpus):
    assert keys("法治政府 许可") == ["item"]
    assert keys("报告 年度") == ["newest-title"]


def test_one_character_finds_every_document_containing_it(corpus):
    assert set(keys("许")) == {"item"}
    assert set(keys("报")) == {"old-title", "newest-title"}


def test_matches_are_highlighted_in_the_title_and_the_snippet(corpus):
    item = search("法治政府", source="test.item").items[0]
    assert item.title_html == "食品经营许可"
    assert item.snippet_html == "依据<mark>法治政府</mark>建设要求。"
    assert item.source_label == "权力事项" and item.url == "/test.item/item/"
    first = search("法治政府").items[0]
    assert first.title_html == "<mark>法治政府</mark>建设年度报告"


def test_html_in_a_document_is_escaped_around_the_marks(sources):
    index_document(document("x", "<script>alert(1)</script>政府公告", "<b>政府</b> & 公告"))
    item = search("政府").items[0]
    assert item.title_html == "&lt;script&gt;alert(1)&lt;/script&gt;<mark>政府</mark>公告"
    assert item.snippet_html == "&lt;b&gt;<mark>政府</mark>&lt;/b&gt; &amp; 公告"


def test_a_long_body_is_cut_to_a_snippet_around_the_first_match(sources):
    body = "前" * 500 + "双随机一公开" + "后" * 500
    index_document(document("long", "抽查", body))
    snippet = search("双随机").items[0].snippet_html
    assert snippet.startswith("…") and snippet.endswith("…")
    assert "<mark>双随机</mark>" in snippet and len(snippet) < 200


@pytest.mark.parametrize("query", [
    "", "   ", "，。！？", "!!!", "*", '"', "'", "\\", "\x00", "\x00政府", "NEAR(政府 公开)", "title:政府",
    "政府 OR 1=1 --", "'; DROP TABLE search_fts; --", '"政府" AND "公开"', "政府*", "{title body}: 政府",
    "<script>alert(1)</script>", "%", "_", "政_府", "a" * 10_000, "政" * 10_000, "\u202e政府", "🙂🙂", "０１２",
])
def test_any_query_answers_normally(corpus, query):
    page = search(query)
    assert page.total >= 0 and page.page >= 1
    for item in page.items:
        assert "<script>" not in item.title_html + item.snippet_html


def test_a_query_over_the_limit_is_cut_with_a_notice(corpus):
    page = search("法治政府" + "字" * 100)
    assert len(page.query) <= MAX_QUERY_LENGTH and "过长" in page.notice


def test_a_query_of_punctuation_only_says_why_nothing_was_searched(corpus):
    page = search("，。！？")
    assert page.total == 0 and "没有可检索的文字" in page.notice


def test_non_numeric_paging_falls_back_to_defaults(corpus):
    page = search("法治政府", page="abc", per_page="x")  # type: ignore[arg-type]
    assert page.page == 1 and page.per_page == 20 and page.total == 5


def test_a_changed_document_is_found_by_its_new_text_only(sources):
    index_document(document("a", "旧标题", published=at(2017, 1, 1)))
    index_document(document("a", "新标题", published=at(2017, 2, 1)))
    assert keys("旧标") == [] and keys("新标") == ["a"]
    assert IndexedDocument.objects.count() == 1


def test_a_removed_document_is_not_found(sources):
    index_document(document("a", "撤下的文章"))
    remove_document("test.article", "a")
    assert keys("撤下") == []


def test_reindex_replaces_a_sources_documents_with_what_it_publishes_now(sources):
    sources["test.article"].append(document("kept", "保留的文章"))
    index_document(document("stale", "过时的文章"))
    reindex("test.article")
    assert keys("文章") == ["kept"]


def test_a_document_that_is_not_a_search_document_is_refused(sources):
    with pytest.raises(TypeError):
        index_document({"title": "x"})  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        index_document(SearchDocument(source="test.article", key="", title="x", body="", url="/"))


def test_rebuilding_is_audited_and_refused_for_an_unknown_source(sources):
    sources["test.item"].append(document("i", "行政许可", source="test.item"))
    assert rebuild_index(actor=COMMAND_LINE) == {"test.article": 0, "test.item": 1}
    assert AuditEvent.objects.filter(event_type="search.reindexed").count() == 1
    with pytest.raises(ActionRefused):
        rebuild_index(actor=COMMAND_LINE, source="nope")


def test_the_rebuild_command_prints_counts_and_answers_an_unknown_source_clearly(sources, capsys):
    sources["test.article"].append(document("a", "文章"))
    call_command("search_index")
    assert "共 1 条" in capsys.readouterr().out
    with pytest.raises(CommandError, match="没有名为“nope”的检索来源"):
        call_command("search_index", "--source", "nope")


def test_notices_are_in_the_readers_language(corpus):
    from django.utils import translation

    with translation.override("en"):
        assert "nothing searchable" in search("，。").notice
        assert "not a valid date" in search("法治", date_from="2017-02-30").notice
