"""The back office's screens for the agency pages: 机构公开信息, 内设机构, 领导信息, scoped to one's department."""

import pytest

from yifa.audit.models import AuditEvent
from yifa.org.models import Department, InternalUnit, Leader

INFO = {"functions": "负责市场综合监督管理。", "address": "黑龙江省肇东市东升路 185 号", "postal_code": "151100",
        "office_hours": "周一至周五 8:30—17:00", "phone": "0455-7700026", "fax": "", "email": "", "website": ""}


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def test_an_editor_edits_their_agencys_public_information_through_the_action(editor_client, department):
    response = editor_client.post(f"/admin/agency_info/edit/{department.pk}/", INFO)
    assert response.status_code == 302, response.content.decode()[:3000]
    department.refresh_from_db()
    assert department.functions == "负责市场综合监督管理。" and department.phone == "0455-7700026"
    assert AuditEvent.objects.filter(event_type="org.agency_info_saved", department=department).exists()


def test_a_mobile_number_is_refused_on_the_screen_with_a_message(editor_client, department):
    response = editor_client.post(f"/admin/agency_info/edit/{department.pk}/", {**INFO, "phone": "13804551234"})
    assert response.status_code == 200
    assert "不能填写个人手机号码" in response.content.decode()
    assert Department.objects.get(pk=department.pk).phone == ""


def test_another_departments_agency_page_cannot_be_opened_or_changed(editor_client, other_department):
    assert editor_client.get(f"/admin/agency_info/edit/{other_department.pk}/").status_code == 404
    assert editor_client.post(f"/admin/agency_info/edit/{other_department.pk}/", INFO).status_code == 404
    assert Department.objects.get(pk=other_department.pk).functions == ""
    listing = editor_client.get("/admin/agency_info/").content.decode()
    assert other_department.name not in listing


def test_an_editor_adds_a_leader_and_a_unit_of_their_own_department_only(editor_client, department, other_department):
    response = editor_client.post("/admin/leader/new/", {"department": department.pk, "name": "王长江", "post": "局长",
                                                         "duties": "主持全面工作。", "sort_order": 1, "is_active": "on"})
    assert response.status_code == 302, response.content.decode()[:3000]
    refused = editor_client.post("/admin/leader/new/", {"department": other_department.pk, "name": "冒名",
                                                        "post": "局长", "sort_order": 1})
    assert refused.status_code == 200 and not Leader.objects.filter(name="冒名").exists()
    response = editor_client.post("/admin/internalunit/new/", {"department": department.pk, "name": "办公室",
                                                               "functions": "负责日常运转。", "sort_order": 1})
    assert response.status_code == 302, response.content.decode()[:3000]
    unit = InternalUnit.objects.get()
    assert editor_client.post(f"/admin/internalunit/delete/{unit.pk}/").status_code == 302
    assert not InternalUnit.objects.exists()
    assert AuditEvent.objects.filter(event_type="org.internal_unit_deleted").exists()
