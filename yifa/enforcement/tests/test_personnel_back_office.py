"""The back-office screens of personnel: scoped lists, the certificate's screen, scores entry."""

from __future__ import annotations

import datetime as dt

import pytest

from yifa.enforcement.personnel.models import Certificate, ExamResult

from .factories import certify, make_staff

pytestmark = pytest.mark.django_db
D = dt.date


def test_another_departments_certificate_does_not_exist(client, department, other_department, market, editor, outsider):
    cert = certify(make_staff(department, name="本局人"), market, D(2016, 5, 20))
    client.force_login(outsider)
    assert client.get(f"/admin/enforcement/certificates/{cert.pk}/").status_code == 404
    assert "本局人" not in client.get("/admin/enforcement-certificates/").content.decode()
    client.force_login(editor)
    page = client.get(f"/admin/enforcement/certificates/{cert.pk}/").content.decode()
    assert "本局人" in page and 'name="action"' not in page  # a department reads, the office acts
    assert "本局人" in client.get("/admin/enforcement-certificates/").content.decode()


def test_the_office_cancels_on_the_certificate_screen_and_sees_refusals(client, department, market, legal_officer):
    cert = certify(make_staff(department), market, D(2016, 5, 20))
    client.force_login(legal_officer)
    url = f"/admin/enforcement/certificates/{cert.pk}/"
    refused = client.post(url, {"action": "cancel", "on": "2016-06-01", "reason": "", "note": ""})
    assert "请选择原因" in refused.content.decode()
    done = client.post(url, {"action": "cancel", "on": "2016-06-01", "reason": "retirement", "note": "退休"})
    assert done.status_code == 302
    cert.refresh_from_db()
    assert (cert.status, cert.status_reason) == (Certificate.Status.CANCELLED, "retirement")


def test_a_department_cannot_post_a_status_change(client, department, market, head):
    cert = certify(make_staff(department), market, D(2016, 5, 20))
    client.force_login(head)
    page = client.post(f"/admin/enforcement/certificates/{cert.pk}/",
                       {"action": "cancel", "on": "2016-06-01", "reason": "retirement"}).content.decode()
    assert "没有权限" in page
    cert.refresh_from_db()
    assert cert.status == Certificate.Status.VALID


def test_issuing_through_the_add_screen(client, passed, market, legal_officer):
    client.force_login(legal_officer)
    response = client.post("/admin/enforcement-certificates/new/", {
        "staff": passed[0].pk, "kind": "enforcement", "fields": [market.pk], "issued_on": "2016-05-20",
        "number": "", "area": "", "issuing_authority": "", "basis": ""})
    cert = Certificate.objects.get()
    assert response.status_code == 302 and response.url.endswith(f"/enforcement/certificates/{cert.pk}/")
    assert cert.valid_until == D(2019, 5, 19) and list(cert.fields.all()) == [market]


def test_issuing_to_a_contract_worker_is_refused_on_the_form(client, department, market, legal_officer):
    worker = make_staff(department, name="派遣工", employment_type="dispatched")
    client.force_login(legal_officer)
    page = client.post("/admin/enforcement-certificates/new/", {
        "staff": worker.pk, "kind": "enforcement", "fields": [market.pk], "issued_on": "2016-05-20"}).content.decode()
    assert "劳务派遣人员，不是在编人员" in page
    assert not Certificate.objects.exists()


def test_scores_screen_all_or_nothing(client, department, sitting, legal_officer, editor):
    a, b = make_staff(department), make_staff(department)
    client.force_login(editor)
    assert client.get(f"/admin/enforcement/sittings/{sitting.pk}/scores/").status_code == 302  # refused, sent home
    client.force_login(legal_officer)
    url = f"/admin/enforcement/sittings/{sitting.pk}/scores/"
    page = client.post(url, {"lines": f"{a.pk} 88\n{b.pk} 120"}).content.decode()
    assert "超出范围" in page and not ExamResult.objects.exists()
    page = client.post(url, {"lines": "garbage"}).content.decode()
    assert "格式不对" in page
    assert client.post(url, {"lines": f"{a.pk} 88\n{b.pk}\t59.5"}).status_code == 302
    assert sorted(ExamResult.objects.values_list("passed", flat=True)) == [False, True]
