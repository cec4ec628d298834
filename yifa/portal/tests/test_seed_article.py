"""The seed article as the demo loads it, and 上一篇/下一篇 of an article alone in its sub-column."""

from yifa.portal.demo import load_portal_demo
from yifa.portal.models import ArticlePage, ColumnPage
from yifa.portal.selectors import neighbours


def test_the_seed_has_its_author_source_and_clean_text(seed):
    assert (seed.author, seed.source) == ("市法制办", "肇东市人民政府")
    assert "()" not in seed.body and "," not in seed.body
    assert "<h2>二、依法决策，实现行政决策法制化</h2>" in seed.body
    assert "<p>（三）严把关口" not in seed.body and "<p>（一）严把关口，强化审查。" in seed.body
    # The figures are the seed's, untouched.
    for figure in ("承接152项，对应取消21项", "行政职权3209项", "共收到行政复议申请31件", "行政执法及监督证件320件"):
        assert figure in seed.body


def test_a_demo_loaded_before_gets_the_completed_seed_once(seed):
    ArticlePage.objects.filter(pk=seed.pk).update(author="", source="", body="<p>()旧文本</p>")
    load_portal_demo()
    seed.refresh_from_db()
    assert seed.author == "市法制办" and "()" not in seed.body
    assert seed.last_published_at.date().isoformat() == "2017-09-30", "its history is kept"
    revisions = seed.revisions.count()
    load_portal_demo()
    assert seed.revisions.count() == revisions, "running the demo again changes nothing"


def test_an_article_alone_in_its_sub_column_leads_on_through_its_column(seed):
    for sibling in seed.get_siblings(inclusive=False):  # the demo's current articles, dated after the seed
        sibling.delete()
    older, newer = neighbours(seed)
    zwgk = ColumnPage.objects.get(slug="zwgk")
    assert older is not None and older.is_descendant_of(zwgk) and older.published_on < seed.published_on
    assert newer is None  # the newest article of 政务公开


def test_articles_with_siblings_keep_to_their_own_column(portal):
    guide_column = ColumnPage.objects.get(slug="gkzd")
    articles = list(ArticlePage.objects.child_of(guide_column).order_by("published_on", "id"))
    assert len(articles) >= 2
    for article in articles:
        older, newer = neighbours(article)
        for neighbour in (older, newer):
            assert neighbour is None or neighbour.get_parent().pk == guide_column.pk
