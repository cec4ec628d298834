"""The public register /zhifa/renyuan/: a citizen checks the person at the door; no personal contact data."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from yifa.enforcement.personnel.models import Certificate
from yifa.enforcement.personnel.search import certificate_documents
from yifa.enforcement.personnel.selectors import personnel_figures

from .factories import certify, make_staff

pytestmark = pytest.mark.django_db
URL = "/zhifa/renyuan/"


@pytest.fixture
def register(department, market):
    today = timezone.localdate()
    valid = make_staff(department, name="赵执法")
    valid.phone = "13800000000"
    valid.save()
    ok = certify(valid, market, today - dt.timedelta(days=100))
    gone = certify(make_staff(department, name="钱注销"), market, today - dt.timedelta(days=200),
                   status=Certificate.Status.CANCELLED, status_since=today - dt.timedelta(days=10),
                   status_reason=Certificate.Reason.RETIREMENT)
    old = certify(make_staff(department, name="孙过期"), market, today - dt.timedelta(days=3 * 365 + 30))
    ancient = certify(make_staff(department, name="李很早"), market, today - dt.timedelta(days=3 * 365 * 2))
    return ok, gone, old, ancient


def test_search_by_name_or_number_shows_the_status(client, register):
    ok, gone, old, ancient = register
    page = client.get(URL, {"q": "赵执法"}).content.decode()
    assert ok.number in page and "有效" in page and "市场监管" in page and "13800000000" not in page
    page = client.get(URL, {"q": gone.number}).content.decode()
    assert "钱注销" in page and "注销" in page and ok.number not in page
    page = client.get(URL, {"q": "孙过期"}).content.decode()
    assert "已过期" in page
    # Certificates that ended more than a year ago are no longer listed.
    assert "李很早" not in client.get(URL).content.decode()
    assert "没有找到" in client.get(URL, {"q": "查无此人"}).content.decode()


@pytest.mark.parametrize("query", [{"q": "<script>alert(1)</script>"}, {"department": "nope"}, {"field": "x" * 500},
                                   {"p": "-1"}, {"p": "abc"}, {"q": "\x00"}, {"p": "99999999999"}])
def test_hostile_queries_answer_plainly(client, register, query):
    response = client.get(URL, query)
    assert response.status_code == 200
    assert "<script>alert" not in response.content.decode()


def test_filter_by_department_and_field(client, register, other_department, market):
    certify(make_staff(other_department, name="周外局"), market, timezone.localdate() - dt.timedelta(days=5))
    page = client.get(URL, {"department": other_department.code}).content.decode()
    assert "周外局" in page and "赵执法" not in page


def test_search_documents_hold_no_personal_contact(register):
    documents = list(certificate_documents())
    titles = {d.title for d in documents}
    assert any("赵执法" in t for t in titles) and not any("李很早" in t for t in titles)
    assert all("13800000000" not in d.body for d in documents)


def test_figures_count_per_year_and_department(department, other_department, market, sitting):
    from yifa.enforcement.personnel import actions

    from .conftest import JOB

    people = [make_staff(department), make_staff(department), make_staff(other_department)]
    failed = make_staff(department)
    actions.record_scores(actor=JOB, sitting=sitting, scores=[(p, "80") for p in people] + [(failed, "30")])
    resit = actions.create_sitting(actor=JOB, title="补考", held_on=dt.date(2016, 6, 1), resit_of=sitting)
    actions.record_scores(actor=JOB, sitting=resit, scores=[(failed, "65")])
    for p in people[:2]:
        actions.issue_certificate(actor=JOB, staff=p, fields=[market], issued_on=dt.date(2016, 7, 1))
    cert = Certificate.objects.first()
    actions.cancel_certificate(actor=JOB, certificate=cert, on=dt.date(2016, 9, 1), reason="transfer")
    figures = personnel_figures(2016)
    assert (figures["personnel_examined"], figures["personnel_passed"]) == (4, 4)
    assert (figures["certificates_issued"], figures["certificates_cancelled"], figures["certificate_actions"]) == (2, 1, 3)
    assert figures["certificates_in_force"] == 1
    assert personnel_figures(2016, other_department)["personnel_examined"] == 1
    assert personnel_figures(2017)["certificate_actions"] == 0
