import pytest
from django.test import Client

from yifa.pagecache import store
from yifa.portal.demo import load_portal_demo
from yifa.portal.models import ArticlePage


@pytest.fixture
def seed(db, settings, tmp_path):
    settings.ALLOWED_HOSTS = ["*"]
    settings.YIFA_PAGE_CACHE = True
    settings.YIFA_PAGE_CACHE_DIR = tmp_path / "pagecache"
    load_portal_demo()
    return ArticlePage.objects.get(slug="fazhi-zhengfu-jianshe-baogao-2016")


def test_the_second_anonymous_visit_is_served_from_the_cache_without_the_database(client, seed,
                                                                                  django_assert_num_queries):
    first = client.get(seed.url)
    assert first["X-Yifa-Cache"] == "miss" and not first.cookies
    assert b"csrfmiddlewaretoken" not in first.content
    with django_assert_num_queries(0):
        second = client.get(seed.url)
    assert second["X-Yifa-Cache"] == "hit" and second.content == first.content
    assert "Content-Security-Policy" in second and second["Content-Language"] == "zh-hans"
    assert (store.cache_root() / "testserver" / seed.url.strip("/") / "index.html").exists()


def test_query_strings_logged_in_staff_and_other_languages_bypass_the_cache(client, seed, editor):
    client.get(seed.url)
    assert "X-Yifa-Cache" not in client.get(seed.url + "?p=2")
    english = Client()
    english.get("/language/en/?next=/")
    assert "X-Yifa-Cache" not in english.get(seed.url)
    assert "X-Yifa-Cache" not in Client(headers={"accept-language": "en"}).get(seed.url)
    client.force_login(editor)
    assert "X-Yifa-Cache" not in client.get(seed.url)


def test_publishing_or_withdrawing_purges_the_cache(client, seed, django_capture_on_commit_callbacks):
    client.get(seed.url)
    seed.title = "关于肇东市法治政府建设情况的报告（修订）"
    with django_capture_on_commit_callbacks(execute=True):
        seed.save_revision().publish()
    changed = client.get(seed.url)
    assert "（修订）" in changed.content.decode() and changed["X-Yifa-Cache"] == "miss"
    with django_capture_on_commit_callbacks(execute=True):
        seed.unpublish()
    assert client.get(seed.url).status_code == 404


def test_a_render_overtaken_by_a_purge_is_not_kept(tmp_path, settings):
    settings.YIFA_PAGE_CACHE_DIR = tmp_path
    file = tmp_path / "host" / "index.html"
    before = store.generation()
    store.purge()
    assert store.store(file, b"old", before) is False and not file.exists()


def test_deleting_or_moving_a_page_purges_the_cache(client, seed, django_capture_on_commit_callbacks):
    other = ArticlePage.objects.exclude(pk=seed.pk).live().first()
    client.get(seed.url)
    client.get(other.url)
    with django_capture_on_commit_callbacks(execute=True):
        other.delete()
    assert client.get(seed.url)["X-Yifa-Cache"] == "miss"
    target = seed.get_parent().get_siblings().exclude(pk=seed.get_parent().pk).type(seed.get_parent().specific_class).first()
    with django_capture_on_commit_callbacks(execute=True):
        seed.move(target, pos="last-child")
    seed.refresh_from_db()
    assert client.get(seed.url)["X-Yifa-Cache"] == "miss"


def test_the_purge_command_empties_the_cache(client, seed):
    from django.core.management import call_command

    client.get(seed.url)
    assert client.get(seed.url)["X-Yifa-Cache"] == "hit"
    call_command("purge_page_cache")
    assert client.get(seed.url)["X-Yifa-Cache"] == "miss"


@pytest.mark.parametrize(("language", "next_url", "cookie", "location"), [
    ("en", "/zwgk/", "en", "/zwgk/"),
    ("zh-hans", "/", "zh-hans", "/"),
    ("xx", "/", None, "/"),  # not a site language: nothing remembered
    ("en", "https://evil.example/", "en", "/"),  # never an open redirect
    ("en", "//evil.example/", "en", "/"),
])
def test_the_language_link_remembers_the_choice_and_goes_back_safely(client, seed, language, next_url, cookie,
                                                                     location):
    response = client.get(f"/language/{language}/", {"next": next_url})
    assert response.status_code == 302 and response["Location"] == location
    assert (response.cookies["django_language"].value if "django_language" in response.cookies else None) == cookie
