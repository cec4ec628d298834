"""Hostile and malformed input: a clear message, no 500, nothing half-written."""

import datetime as dt

import pytest

from yifa.audit.models import AuditEvent
from yifa.enforcement.cases.models import EnforcementCase, Evidence

from ..factories import make_staff
from .factories import filed_case, notified_case

pytestmark = pytest.mark.django_db
D = dt.date


def body(setup, **changes):
    values = {"department": setup.department.code, "power": setup.power.pk, "title": "经营超过保质期的食品",
              "party_kind": "legal_person", "party_name": "肇东市某某商贸有限公司", "facts": "货架上有过期饮料。",
              "found_on": "2016-08-01", "handlers": [s.pk for s in setup.handlers]}
    values.update(changes)
    return values


def test_registering_through_the_api_checks_everything_and_writes_nothing_when_refused(setup, api_as, editor, outsider):
    api, stranger = api_as(editor), api_as(outsider)
    events = AuditEvent.objects.count()
    plain = make_staff(setup.department)
    cases = [
        ({"found_on": "2016-02-30"}, 422, "日期"),
        ({"found_on": "2099-01-01"}, 422, "晚于今天"),
        ({"party_kind": "alien"}, 422, "当事人类型"),
        ({"handlers": [setup.handlers[0].pk]}, 422, "不得少于 2 人"),
        ({"handlers": [setup.handlers[0].pk, plain.pk]}, 422, plain.name),
        ({"handlers": [setup.handlers[0].pk, 99999999]}, 422, "本部门的工作人员"),
        ({"power": 99999999}, 422, "没有这个执法事项"),
        ({"department": "nosuch"}, 422, "没有代码为"),
        ({"party_name": "   "}, 422, "请填写当事人"),
        ({"facts": "有\x00控制字符"}, 422, "控制字符"),
    ]
    for changes, status, words in cases:
        response = api.post("/api/enforcement/cases", body(setup, **changes))
        assert response.status_code == status, (changes, response.content)
        assert words in response.json()["detail"], (changes, response.json())
    for changes in ({"handlers": "1,2"}, {"title": "题" * 500}, {"power": "一"}):
        assert api.post("/api/enforcement/cases", body(setup, **changes)).status_code == 422
    assert api.post("/api/enforcement/cases", "{not json").status_code in (400, 422)
    assert stranger.post("/api/enforcement/cases", body(setup)).status_code == 403
    assert not EnforcementCase.objects.exists() and AuditEvent.objects.count() == events
    created = api.post("/api/enforcement/cases", body(setup))
    assert created.status_code == 201 and created.json()["status"] == "registered"


def test_step_fields_through_the_api_are_validated_by_the_steps_form(setup, api_as, editor, head):
    case = notified_case(setup)
    api = api_as(head)
    for fields in ({"decided_on": "2016-08-20", "decision_number": "X", "decision_text": "罚款", "fine": "-5"},
                   {"decided_on": "2016-08-20", "decision_number": "X", "decision_text": "罚款", "fine": "1e40"},
                   {"decided_on": "not a day", "decision_number": "X", "decision_text": "罚款", "fine": "5"},
                   {"decided_on": "2016-08-20", "decision_number": "X", "decision_text": ["a"], "fine": "5"}):
        response = api.post(f"/api/cases/{case.reference}/transitions/decide", {"fields": fields})
        assert response.status_code == 422, response.content
    case.refresh_from_db()
    assert case.status == "notified" and case.fine is None


def test_bad_evidence_is_refused_and_none_of_the_batch_is_stored(setup):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from yifa.core.errors import ActionRefused
    from yifa.enforcement.cases import actions

    case = filed_case(setup)
    good = SimpleUploadedFile("照片.jpg", b"\xff\xd8\xff\xe0" + b"x" * 50)
    for bad, words in ((SimpleUploadedFile("病毒.exe", b"MZ" * 10), "不能上传"),
                       (SimpleUploadedFile("空.jpg", b""), "空文件"),
                       (SimpleUploadedFile("假.jpg", b"GIF89a" * 4), "不符")):
        with pytest.raises(ActionRefused, match=words):
            actions.add_evidence(actor=setup.handlers[0], case=case, uploads=[good, bad], kind="",
                                 description="现场照片", collected_on=D(2016, 8, 1))
        good.seek(0)
    assert not Evidence.objects.exists()
