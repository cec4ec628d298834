"""The staff API of personnel: scoped like the back office, writes through the actions, refusals as 4xx."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from yifa.api.actions import issue_api_token
from yifa.audit.models import AuditEvent
from yifa.enforcement.personnel.models import Certificate
from yifa.org.models import Staff

from .factories import certify, make_staff

pytestmark = pytest.mark.django_db
D = dt.date


class Api:
    def __init__(self, client, user):
        _row, token = issue_api_token(actor=user, user=user)
        self.client, self.headers = client, {"Authorization": f"Bearer {token}"}

    def get(self, path, params=None):
        return self.client.get(path, params or {}, headers=self.headers)

    def post(self, path, body):
        data = body if isinstance(body, str) else json.dumps(body, default=str)
        return self.client.post(path, data, content_type="application/json", headers=self.headers)


@pytest.fixture
def certs(department, other_department, market):
    own = certify(make_staff(department, name="本局"), market, D(2016, 5, 20))
    other = certify(make_staff(other_department, name="外局"), market, D(2016, 5, 20))
    return own, other


def test_a_department_sees_only_its_own_certificates(client, certs, editor, legal_officer):
    own, other = certs
    api = Api(client, editor)
    listed = api.get("/api/enforcement/certificates").json()
    assert [item["number"] for item in listed["items"]] == [own.number]
    assert api.get(f"/api/enforcement/certificates/{other.number}").status_code == 404
    assert api.get(f"/api/enforcement/certificates/{own.number}").json()["holder"] == "本局"
    office = Api(client, legal_officer).get("/api/enforcement/certificates").json()
    assert office["count"] == 2


def test_status_changes_through_the_api_are_the_offices(client, certs, head, legal_officer):
    own, _other = certs
    body = {"action": "suspend", "on": "2017-03-01", "reason": "misconduct", "note": "违规"}
    refused = Api(client, head).post(f"/api/enforcement/certificates/{own.number}/status", body)
    assert refused.status_code == 403
    assert AuditEvent.objects.filter(event_type="enforcement.personnel_refused", actor_user=head).exists()
    ok = Api(client, legal_officer).post(f"/api/enforcement/certificates/{own.number}/status", body)
    assert ok.status_code == 200 and ok.json()["status_reason"] == "misconduct"
    again = Api(client, legal_officer).post(f"/api/enforcement/certificates/{own.number}/status", body)
    assert again.status_code == 422 and "不能暂扣" in again.json()["detail"]
    own.refresh_from_db()
    assert own.status == Certificate.Status.SUSPENDED


@pytest.mark.parametrize("body", ['{"action": "explode", "on": "2017-01-01"}', '{"action": "cancel", "on": "x"}',
                                  "not json", '{"action": "cancel", "on": "2017-01-01", "note": "' + "长" * 300 + '"}'])
def test_malformed_bodies_are_422_and_change_nothing(client, certs, legal_officer, body):
    own, _other = certs
    response = Api(client, legal_officer).post(f"/api/enforcement/certificates/{own.number}/status", body)
    assert response.status_code in (400, 422)
    own.refresh_from_db()
    assert own.status == Certificate.Status.VALID


def test_checking_assignments_in_a_batch(client, certs, department, editor):
    own, other = certs
    contract = make_staff(department, name="合同工", employment_type=Staff.EmploymentType.CONTRACT)
    api = Api(client, editor)
    answer = api.post("/api/enforcement/assignments/check", {"assignments": [
        {"staff_id": own.staff_id, "field": "market", "on": "2017-01-01"},
        {"staff_id": own.staff_id, "field": "市场监管", "on": "2020-01-01"},
        {"staff_id": contract.pk, "field": "market", "on": "2017-01-01"}]})
    assert answer.status_code == 200
    reasons = {(p["staff_id"], p["on"]): p["reason"] for p in answer.json()["problems"]}
    assert set(reasons) == {(own.staff_id, "2020-01-01"), (contract.pk, "2017-01-01")}
    assert "到期" in reasons[(own.staff_id, "2020-01-01")] and "不是在编人员" in reasons[(contract.pk, "2017-01-01")]
    hidden = api.post("/api/enforcement/assignments/check", {"assignments": [
        {"staff_id": other.staff_id, "field": "market", "on": "2017-01-01"}]})
    assert hidden.status_code == 422


def test_no_token_no_data(client, certs):
    assert client.get("/api/enforcement/certificates").status_code == 401


def test_figures_endpoint(client):
    answer = client.get("/api/enforcement/figures/2016")
    assert answer.status_code == 200 and answer.json()["certificate_actions"] == 0
    assert client.get("/api/enforcement/figures/1800").status_code == 400


def test_control_characters_are_dropped_not_500(client, certs, legal_officer):
    own, _other = certs
    api = Api(client, legal_officer)
    assert api.get("/api/enforcement/certificates", {"q": "本\x00局"}).status_code == 200
    assert api.get("/api/enforcement/certificates", {"department": "\x00"}).status_code == 422
    answer = api.post("/api/enforcement/assignments/check", {"assignments": [
        {"staff_id": own.staff_id, "field": "mar\x00ket", "on": "2017-01-01"}]})
    assert answer.status_code == 200 and answer.json()["problems"] == []  # read as "market"
    done = api.post(f"/api/enforcement/certificates/{own.number}/status",
                    {"action": "cancel", "on": "2017-01-01", "reason": "transfer", "note": "调\x00离"})
    assert done.status_code == 200
    own.refresh_from_db()
    assert own.status_note == "调离"
