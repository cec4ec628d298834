import pytest
from django.test import Client
from django.utils import timezone

from yifa.viewcounts.models import DailyPageViews, PageViewTotal


def test_each_beacon_counts_one_view_and_answers_the_fresh_total(client, article):
    first = client.post(f"/views/{article.pk}/")
    second = client.post(f"/views/{article.pk}/")
    assert first.status_code == 200 and first["Content-Type"] == "application/json"
    assert first.json() == {"page": article.pk, "views": 1, "counted": True}
    assert second.json()["views"] == 2
    assert "no-store" in second["Cache-Control"]
    assert PageViewTotal.objects.get(page=article).views == 2
    assert DailyPageViews.objects.get(page=article, day=timezone.localdate()).views == 2


def test_the_beacon_needs_no_csrf_token(article):
    assert Client(enforce_csrf_checks=True).post(f"/views/{article.pk}/").status_code == 200


def test_a_get_never_counts(client, article):
    response = client.get(f"/views/{article.pk}/")
    assert response.status_code == 405
    assert not PageViewTotal.objects.exists()


def test_drafts_and_restricted_pages_are_not_counted(client, draft, private_page):
    assert client.post(f"/views/{draft.pk}/").status_code == 404
    assert client.post(f"/views/{private_page.pk}/").status_code == 404
    assert not PageViewTotal.objects.exists() and not DailyPageViews.objects.exists()


@pytest.mark.parametrize("page_id", ["999999", "999999999999999999", "9" * 19, "9" * 40, "0", "-1", "abc", "1.5",
                                     "%00", "１２"])
def test_unknown_and_malformed_ids_are_404(client, article, page_id):
    assert client.post(f"/views/{page_id}/").status_code == 404
    assert not PageViewTotal.objects.exists()


def test_one_client_cannot_inflate_the_count(client, article, settings):
    settings.YIFA_VIEWS_PER_CLIENT_PER_HOUR = 3
    answers = [client.post(f"/views/{article.pk}/") for _ in range(5)]
    assert [a.status_code for a in answers] == [200, 200, 200, 429, 429]
    assert answers[-1].json() == {"page": article.pk, "views": 3, "counted": False}
    other_client = Client(REMOTE_ADDR="10.1.2.3")
    assert other_client.post(f"/views/{article.pk}/").json()["views"] == 4


def test_an_over_the_limit_client_still_gets_404_for_unknown_pages(client, article, settings):
    settings.YIFA_VIEWS_PER_CLIENT_PER_HOUR = 0
    assert client.post("/views/999999/").status_code == 404


def test_crawlers_are_answered_but_not_counted(client, article):
    response = client.post(f"/views/{article.pk}/", headers={"user-agent": "Mozilla/5.0 (compatible; Baiduspider/2.0)"})
    assert response.json() == {"page": article.pk, "views": 0, "counted": False}
    assert not PageViewTotal.objects.exists()
