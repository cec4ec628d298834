import datetime as dt

from yifa.viewcounts.actions import PageNotCountable, record_view
from yifa.viewcounts.selectors import most_viewed, view_totals, views_between, views_per_day, views_per_month

from .conftest import add_page

D = dt.date


def test_views_are_kept_per_day_and_the_total_is_their_sum(article):
    for day in (D(2026, 11, 30), D(2026, 11, 30), D(2026, 12, 1)):
        total = record_view(page_id=article.pk, day=day)
    assert total == 3
    assert views_per_day(article, D(2026, 11, 29), D(2026, 12, 2)) == [
        (D(2026, 11, 29), 0), (D(2026, 11, 30), 2), (D(2026, 12, 1), 1), (D(2026, 12, 2), 0)]
    assert views_per_month(article, D(2026, 10, 15), D(2026, 12, 31)) == [
        (D(2026, 10, 1), 0), (D(2026, 11, 1), 2), (D(2026, 12, 1), 1)]
    assert views_between(D(2026, 12, 1), D(2026, 12, 31)) == {article.pk: 1}


def test_a_column_counts_the_views_of_the_pages_under_it(article):
    child = article.add_child(instance=type(article)(title="child", slug="child"))
    elsewhere = add_page("elsewhere")
    for page in (article, child, child, elsewhere):
        record_view(page_id=page.pk, day=D(2026, 12, 3))
    assert views_per_day(article, D(2026, 12, 3), D(2026, 12, 3), subtree=True) == [(D(2026, 12, 3), 3)]
    assert views_per_day(article, D(2026, 12, 3), D(2026, 12, 3)) == [(D(2026, 12, 3), 1)]
    assert [row.page_id for row in most_viewed(D(2026, 12, 1), D(2026, 12, 31))] == [child.pk, article.pk, elsewhere.pk]
    assert view_totals([child.pk, 999999]) == {child.pk: 2, 999999: 0}


def test_counting_a_draft_is_refused(draft):
    try:
        record_view(page_id=draft.pk)
    except PageNotCountable as refused:
        assert "不计点击数" in refused.message
    else:
        raise AssertionError("a draft was counted")
