"""Requests that came on paper, entered by the department's staff: filed and registered at once, the reply
period running from the day of receipt (政府信息公开条例 (2019) art.31, art.33)."""

import datetime as dt

import pytest
import time_machine

from yifa.audit.models import AuditEvent
from yifa.calendar.selectors import deadline_of
from yifa.core.errors import ActionRefused
from yifa.disclosure import actions
from yifa.disclosure.models import DisclosureRequest

from .conftest import valid_person_id

URL = "/admin/cases/disclosure-request/new/"


def form(department, **overrides):
    values = {
        "channel": "mail", "received_on": "2024-03-11", "department": department.pk,
        "applicant_type": "natural_person", "applicant_name": "李秀英", "id_number": valid_person_id(7),
        "phone": "13945561234", "email": "", "address": "肇东市东兴街12号", "postal_code": "151100",
        "description": "2023年肇东市城区供热管网改造项目的招标文件和中标结果。", "purpose": "", "delivery": "paper_mail",
    }
    values.update(overrides)
    return values


@pytest.fixture
def on_a_working_day():
    with time_machine.travel(dt.datetime(2024, 3, 14, 2, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.mark.usefixtures("on_a_working_day")
def test_a_posted_request_is_filed_registered_and_its_clock_runs_from_the_day_it_was_signed_for(
        client, editor, department):
    client.force_login(editor)
    response = client.post(URL, form(department))
    request = DisclosureRequest.objects.get(applicant_name="李秀英")
    assert response.status_code == 302 and response["Location"].endswith(f"/{request.pk}/")
    assert request.status == DisclosureRequest.Status.HANDLING
    assert (request.channel, request.received_on) == ("mail", dt.date(2024, 3, 11))
    assert "签收" in request.received_basis
    reply = deadline_of(request, actions.REPLY)
    # 2019 text art.33: 20 working days from the day after receipt; Qingming (4–6 April 2024) is rest.
    assert reply.start_date == dt.date(2024, 3, 11) and reply.due_date == dt.date(2024, 4, 9)
    events = list(AuditEvent.objects.filter(target_id=str(request.pk)).values_list("event_type", flat=True))
    assert "disclosure.submitted" in events and "disclosure.registered" in events
    assert request.reference in client.get(response["Location"]).content.decode()


@pytest.mark.usefixtures("on_a_working_day")
def test_the_clerk_is_told_the_tracking_code_for_the_receipt(client, editor, department):
    client.force_login(editor)
    response = client.post(URL, form(department), follow=True)
    request = DisclosureRequest.objects.get(applicant_name="李秀英")
    assert request.tracking_code in response.content.decode()


@pytest.mark.usefixtures("on_a_working_day")
def test_a_bad_paper_request_keeps_what_was_typed_and_files_nothing(client, editor, department):
    client.force_login(editor)
    response = client.post(URL, form(department, received_on="2024-03-20", id_number="23128219800101007X"))
    body = response.content.decode()
    assert response.status_code == 200
    assert "2023年肇东市城区供热管网改造项目" in body  # nothing typed is lost
    assert "校验位" in body or "晚于今天" in body
    assert not DisclosureRequest.objects.exists()
    response = client.post(URL, form(department, received_on="2024-03-20"))
    assert "晚于今天" in response.content.decode()
    assert not DisclosureRequest.objects.exists()


@pytest.mark.usefixtures("on_a_working_day")
def test_an_online_channel_cannot_be_entered_by_staff(client, editor, department):
    client.force_login(editor)
    response = client.post(URL, form(department, channel="online"))
    assert response.status_code == 200 and not DisclosureRequest.objects.exists()
    with pytest.raises(ActionRefused):
        actions.enter_request(actor=editor, request=DisclosureRequest(department=department), channel="online",
                              received_on=dt.date(2024, 3, 11))


@pytest.mark.usefixtures("on_a_working_day")
def test_staff_enter_requests_only_for_their_own_department(client, editor, outsider, department, legal_officer):
    client.force_login(outsider)
    response = client.post(URL, form(department))
    assert response.status_code == 200 and not DisclosureRequest.objects.exists()
    client.force_login(legal_officer)  # supervises every department, handles none
    assert client.get(URL).status_code == 302  # Wagtail sends a refused user home with its message
    assert "登记纸质申请" not in client.get("/admin/cases/disclosure-request/").content.decode()
    client.force_login(editor)
    assert "登记纸质申请" in client.get("/admin/cases/disclosure-request/").content.decode()
