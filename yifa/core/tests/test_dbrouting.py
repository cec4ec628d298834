"""The replica router: anonymous reads from the replica, writes and what follows them from the primary.

The test settings give a 'replica' alias that mirrors the test database (the same SQLite file or PostgreSQL
database through a second connection), so a query routed to the replica really runs on that connection.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import OperationalError, connections, transaction
from django.http import HttpRequest, HttpResponse
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext

from yifa.core import dbrouting
from yifa.core.dbrouting import COOKIE, REPLICA, ReplicaRoutingMiddleware

pytestmark = pytest.mark.django_db(transaction=True, databases=["default", REPLICA])


@pytest.fixture(autouse=True)
def router(settings):
    settings.DATABASE_ROUTERS = [dbrouting.ROUTER]
    dbrouting._replica_down_until = 0.0
    yield
    dbrouting._replica_down_until = 0.0


def run(request: HttpRequest, view) -> tuple[HttpResponse, dict[str, list[str]]]:
    """Pass `request` through the middleware to `view`; return the response and the SQL each database ran."""
    with CaptureQueriesContext(connections["default"]) as primary, CaptureQueriesContext(
            connections[REPLICA]) as replica:
        response = ReplicaRoutingMiddleware(view)(request)
    return response, {
        "default": [q["sql"] for q in primary.captured_queries if "SELECT 1" not in q["sql"]],
        REPLICA: [q["sql"] for q in replica.captured_queries if "SELECT 1" not in q["sql"]],
    }


def count_groups(request: HttpRequest) -> HttpResponse:
    return HttpResponse(str(Group.objects.count()))


def test_outside_a_request_everything_uses_the_primary():
    assert Group.objects.all().db == "default"
    assert Group.objects.all()._db is None and Group.objects.db_manager().db == "default"


def test_an_anonymous_get_reads_the_replica_and_sets_no_cookie():
    # Counted from what is there: a browser test on the same worker may have left groups behind.
    base = Group.objects.count()
    Group.objects.create(name="肇东市司法局")
    response, queries = run(RequestFactory().get("/"), count_groups)
    assert response.content == str(base + 1).encode()  # the replica (a mirror here) has the committed row
    assert queries[REPLICA] and not queries["default"]
    assert COOKIE not in response.cookies


def test_a_post_reads_and_writes_the_primary_and_marks_the_browser_for_read_your_writes(settings):
    def create(request: HttpRequest) -> HttpResponse:
        Group.objects.create(name="肇东市司法局")
        return HttpResponse(str(Group.objects.count()))

    base = Group.objects.count()
    response, queries = run(RequestFactory().post("/"), create)
    assert response.content == str(base + 1).encode() and queries["default"] and not queries[REPLICA]
    cookie = response.cookies[COOKIE]
    assert cookie["max-age"] == settings.YIFA_READ_YOUR_WRITES_SECONDS and cookie["httponly"]


def test_a_write_in_a_get_pins_the_rest_of_the_request_to_the_primary():
    def read_write_read(request: HttpRequest) -> HttpResponse:
        before = Group.objects.count()
        Group.objects.create(name="肇东市司法局")
        return HttpResponse(f"{before} {Group.objects.count()}")

    base = Group.objects.count()
    response, queries = run(RequestFactory().get("/"), read_write_read)
    assert response.content == f"{base} {base + 1}".encode()
    assert len(queries[REPLICA]) == 1  # only the read before the write
    assert any("INSERT" in sql for sql in queries["default"])
    assert sum("COUNT" in sql for sql in queries["default"]) == 1
    assert COOKIE in response.cookies


def test_the_next_request_of_a_browser_that_wrote_reads_the_primary():
    base = Group.objects.count()
    first, _ = run(RequestFactory().post("/"), lambda r: (Group.objects.create(name="局"),
                                                          HttpResponse())[1])
    factory = RequestFactory()
    factory.cookies[COOKIE] = first.cookies[COOKIE].value
    response, queries = run(factory.get("/"), count_groups)
    assert response.content == str(base + 1).encode() and queries["default"] and not queries[REPLICA]


def test_a_logged_in_session_reads_the_primary(settings):
    factory = RequestFactory()
    factory.cookies[settings.SESSION_COOKIE_NAME] = "any"
    _, queries = run(factory.get("/"), count_groups)
    assert queries["default"] and not queries[REPLICA]


def test_reads_inside_a_transaction_on_the_primary_read_the_primary():
    def in_transaction(request: HttpRequest) -> HttpResponse:
        with transaction.atomic():
            return HttpResponse(str(Group.objects.count()))

    _, queries = run(RequestFactory().get("/"), in_transaction)
    assert queries["default"] and not queries[REPLICA]


def test_an_unreachable_replica_sends_reads_to_the_primary_and_is_not_retried_at_once(monkeypatch, caplog):
    attempts = []

    def refuse():
        attempts.append(1)
        raise OperationalError("connection refused")

    base = Group.objects.count()
    connections[REPLICA].close()
    monkeypatch.setattr(connections[REPLICA], "ensure_connection", refuse)
    for _ in range(3):
        with CaptureQueriesContext(connections["default"]) as primary:
            response = ReplicaRoutingMiddleware(count_groups)(RequestFactory().get("/"))
        assert response.content == str(base).encode() and primary.captured_queries
    assert len(attempts) == 1  # then REPLICA_RETRY_SECONDS without trying
    assert "replica unreachable" in caplog.text


def test_without_the_router_the_middleware_changes_nothing(settings):
    settings.DATABASE_ROUTERS = []
    response, queries = run(RequestFactory().post("/"), lambda r: (Group.objects.create(name="局"),
                                                                   HttpResponse())[1])
    assert COOKIE not in response.cookies and not queries[REPLICA]


def test_after_a_login_through_the_whole_stack_the_staff_member_reads_the_primary():
    user = get_user_model().objects.create_user("editor", password="Yifa@2016demo", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    browser = Client()
    with CaptureQueriesContext(connections[REPLICA]) as replica:
        response = browser.post("/admin/login/", {"username": "editor", "password": "Yifa@2016demo"})
        assert response.status_code == 302 and COOKIE in response.cookies
        assert browser.get("/admin/").status_code == 200
    assert not replica.captured_queries  # the login wrote (session, last_login); the session reads the primary


@pytest.fixture
def cached_site(settings, tmp_path):
    from yifa.portal.demo import load_portal_demo
    from yifa.portal.models import ArticlePage

    settings.ALLOWED_HOSTS = ["*"]
    settings.YIFA_PAGE_CACHE = True
    settings.YIFA_PAGE_CACHE_DIR = tmp_path / "pagecache"
    load_portal_demo()
    return ArticlePage.objects.get(slug="fazhi-zhengfu-jianshe-baogao-2016")


def test_a_page_the_cache_will_store_is_rendered_from_the_primary(cached_site):
    browser = Client()
    with CaptureQueriesContext(connections[REPLICA]) as replica:
        stored = browser.get(cached_site.url)
    assert stored["X-Yifa-Cache"] == "miss" and not replica.captured_queries
    assert not stored.cookies  # rendering a page reads (Wagtail's settings' get_or_create too): no write cookie
    with CaptureQueriesContext(connections[REPLICA]) as replica:
        second_page = browser.get(cached_site.get_parent().url + "?page=1")  # never stored: may read the replica
    assert second_page.status_code == 200 and "X-Yifa-Cache" not in second_page
    assert replica.captured_queries


def test_an_anonymous_search_reads_the_replica_and_a_logged_in_one_the_primary(settings):
    """The site search's own SQL (the full-text tables, not the ORM) follows the router too (issue 17)."""
    from yifa.search.index import SearchDocument, index_document
    from yifa.search.query import search

    index_document(SearchDocument(source="test", key="1", title="行政复议申请指南", body="向市政府申请行政复议。",
                                  url="/a/", listing="", published_at=None))

    def searching(request: HttpRequest) -> HttpResponse:
        return HttpResponse(str(search("行政复议").total))

    response, queries = run(RequestFactory().get("/search/?q=行政复议"), searching)
    assert response.content == b"1"
    assert any("search_" in sql for sql in queries[REPLICA]) and not any("search_" in sql for sql in queries["default"])
    factory = RequestFactory()
    factory.cookies[settings.SESSION_COOKIE_NAME] = "any"
    response, queries = run(factory.get("/search/?q=行政复议"), searching)
    assert response.content == b"1" and not queries[REPLICA]
