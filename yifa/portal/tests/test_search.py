"""The site search page (/search/) over the demo portal: what a visitor types, sensible or not."""

import pytest

pytestmark = pytest.mark.django_db


def test_the_seed_report_is_found_highlighted_and_linked(client, seed):
    response = client.get("/search/", {"q": "法治政府"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<mark>法治政府</mark>" in html
    assert f'href="{seed.url}"' in html
    assert response.context["results"].total >= 1


def test_a_column_filter_keeps_only_that_columns_articles(client, portal, seed):
    everywhere = client.get("/search/", {"q": "公开"}).context["results"]
    only = client.get("/search/", {"q": "公开", "column": "zwgk"}).context["results"]
    assert 0 < only.total < everywhere.total
    assert all(item.column == "zwgk" for item in only.items)


def test_results_are_paged_with_links_that_keep_the_query(client, portal):
    from yifa.search.index import SearchDocument, index_document

    for n in range(25):  # more than a page of results, whatever the demo holds
        index_document(SearchDocument(source="portal.article", key=f"extra-{n}", title=f"第{n}号通知的附件",
                                      body="", url=f"/extra/{n}/"))
    first = client.get("/search/", {"q": "的"})
    results = first.context["results"]
    assert results.num_pages >= 2
    assert "p=2" in first.content.decode() and "q=%E7%9A%84" in first.content.decode()
    second = client.get("/search/", {"q": "的", "p": "2"}).context["results"]
    assert second.page == 2
    assert not {i.url for i in results.items} & {i.url for i in second.items}


@pytest.mark.parametrize("params", [
    {"q": ""}, {"q": " "}, {"q": "，。"}, {"q": "x" * 5000}, {"q": "'; DROP TABLE search_fts; --"},
    {"q": '"法治" OR NEAR(政府)'}, {"q": "<script>alert(1)</script>"}, {"q": "\x00"},
    {"q": "法治", "p": "abc"}, {"q": "法治", "p": "-5"}, {"q": "法治", "p": "99999999999999999999"},
    {"q": "法治", "from": "2017-02-30"}, {"q": "法治", "to": "yesterday"}, {"q": "法治", "column": "x" * 500},
    {"q": "法治", "source": "<b>"}, {"q": ["法治", "政府"]},
])
def test_any_input_gets_a_normal_page(client, portal, params):
    response = client.get("/search/", params)
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_a_bad_date_is_explained_to_the_visitor(client, portal):
    response = client.get("/search/", {"q": "法治", "from": "2017-02-30"})
    assert "2017-02-30" in response.content.decode() and "不是有效的日期" in response.content.decode()


def test_post_is_not_allowed(client, portal):
    assert client.post("/search/", {"q": "法治"}).status_code == 405


def test_a_withdrawn_article_leaves_the_search(client, seed):
    seed.unpublish()
    assert seed.url not in client.get("/search/", {"q": "法治政府"}).content.decode()


def test_an_agency_page_is_found_by_what_the_agency_does_and_leaves_when_abolished(client, portal, department):
    from yifa.org.models import InternalUnit

    department.functions = "负责全市婚姻登记和收养登记工作。"
    department.save()
    InternalUnit.objects.create(department=department, name="婚姻登记处")
    found = client.get("/search/", {"q": "婚姻登记"}).context["results"]
    assert [item.url for item in found.items if item.source == "portal.agency"] == [f"/jigou/{department.code}/"]
    from yifa.search.models import IndexedDocument

    assert "内设机构：婚姻登记处" in IndexedDocument.objects.get(source="portal.agency", key=department.code).body
    department.is_active = False
    department.save()
    found = client.get("/search/", {"q": "婚姻登记"}).context["results"]
    assert not [item for item in found.items if item.source == "portal.agency"]


def test_a_rebuild_of_the_agency_source_holds_every_active_agency(portal, department, other_department):
    from yifa.search.index import reindex
    from yifa.search.models import IndexedDocument

    other_department.is_active = False
    other_department.save()
    reindex("portal.agency")
    keys = set(IndexedDocument.objects.filter(source="portal.agency").values_list("key", flat=True))
    assert department.code in keys and other_department.code not in keys
