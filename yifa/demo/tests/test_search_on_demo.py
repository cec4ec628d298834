"""The site search over the whole demo: the power lists' 3209 items do not bury the portal's articles."""

import pytest

from yifa.search.query import search

pytestmark = [pytest.mark.django_db, pytest.mark.release_review]  # the demo as it loads in production


@pytest.fixture
def demo(db, django_capture_on_commit_callbacks):
    from yifa.org.demo import load as load_org_demo
    from yifa.portal.demo import load_portal_demo
    from yifa.powers.demo import load_powers_demo

    load_org_demo()
    with django_capture_on_commit_callbacks(execute=True):
        load_portal_demo()
        load_powers_demo()


def test_the_reconsideration_guide_leads_the_results_for_its_term_above_the_power_items(demo):
    results = search("行政复议")
    assert results.items[0].title_html == "<mark>行政复议</mark>申请指南"
    sources = [item.source for item in results.items]
    assert "powers.item" in sources  # the power items are found too, after the articles titled with the term
    first_power = sources.index("powers.item")
    assert all(source != "powers.item" for source in sources[:first_power])


def test_a_power_items_snippet_reads_as_type_department_and_basis_not_a_field_dump(demo):
    item = next(i for i in search("行政复议", source="powers.item").items)
    text = item.snippet_html.replace("<mark>", "").replace("</mark>", "")
    assert text.startswith("其他行政权力 · 肇东市人民政府法制办公室 · 依据：《中华人民共和国行政复议法》第十二条")
    assert "编码 1000101000" in text
