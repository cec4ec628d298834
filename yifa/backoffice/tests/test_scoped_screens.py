"""Back-office screens: a department's staff cannot read or change another department's records."""

import pytest
from django.urls import reverse

from yifa.audit.actions import record_event
from yifa.audit.actors import SystemJob
from yifa.audit.models import AuditEvent
from yifa.org.models import Staff


@pytest.fixture
def head_client(client, head):
    client.force_login(head)
    return client


def test_the_admin_login_page_is_in_chinese(client, db):
    response = client.get(reverse("wagtailadmin_login"))
    assert response.status_code == 200
    assert "登录" in response.content.decode()


def test_english_works_by_switching_the_language(client, db):
    client.cookies["django_language"] = "en"
    response = client.get(reverse("wagtailadmin_login"))
    assert "Sign in" in response.content.decode()


def test_staff_list_shows_only_the_users_department(head_client, head, outsider):
    response = head_client.get("/admin/staff/")
    body = response.content.decode()
    assert response.status_code == 200
    assert head.staff.name in body
    assert outsider.staff.name not in body


def test_another_departments_staff_record_cannot_be_opened_or_changed(head_client, outsider):
    other = outsider.staff
    assert head_client.get(f"/admin/staff/edit/{other.pk}/").status_code == 404
    assert head_client.get(f"/admin/staff/inspect/{other.pk}/").status_code == 404
    response = head_client.post(
        f"/admin/staff/edit/{other.pk}/",
        {"name": "篡改", "department": other.department_id, "employment_type": "administrative"},
    )
    assert response.status_code == 404
    assert Staff.objects.get(pk=other.pk).name == other.name


def test_editing_through_the_screen_goes_through_the_action_and_is_audited(head_client, head):
    staff = head.staff
    response = head_client.post(
        f"/admin/staff/edit/{staff.pk}/",
        {"name": "新名字", "department": staff.department_id, "employment_type": "administrative",
         "position": "局长", "phone": "", "is_active": "on"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    staff.refresh_from_db()
    assert staff.name == "新名字"
    event = AuditEvent.objects.get(event_type="org.staff_saved")
    assert event.actor_user == head
    assert event.new_values["name"] == "新名字"


def test_a_head_cannot_move_staff_into_another_department(head_client, head, other_department):
    staff = head.staff
    form_page = head_client.get(f"/admin/staff/edit/{staff.pk}/").content.decode()
    assert other_department.name not in form_page  # not even offered
    response = head_client.post(
        f"/admin/staff/edit/{staff.pk}/",
        {"name": staff.name, "department": other_department.pk, "employment_type": "administrative", "is_active": "on"},
    )
    assert response.status_code == 200  # the form comes back with an error
    staff.refresh_from_db()
    assert staff.department_id != other_department.pk


def test_the_audit_report_is_scoped_and_read_only(head_client, department, other_department):
    record_event(actor=SystemJob("test"), event_type="org.department_saved", target=department, reason="本部门事件")
    record_event(actor=SystemJob("test"), event_type="org.department_saved", target=other_department, reason="他部门事件")
    body = head_client.get("/admin/audit/").content.decode()
    assert "本部门事件" in body
    assert "他部门事件" not in body
    theirs = AuditEvent.objects.get(reason="他部门事件")
    assert head_client.get(f"/admin/audit/inspect/{theirs.pk}/").status_code == 404
    mine = AuditEvent.objects.get(reason="本部门事件")
    # Wagtail answers a refused admin view with a redirect to the dashboard and a message.
    assert head_client.get(f"/admin/audit/edit/{mine.pk}/").status_code in (302, 403)
    assert head_client.post(f"/admin/audit/edit/{mine.pk}/", {"reason": "篡改"}).status_code in (302, 403)
    assert head_client.post(f"/admin/audit/delete/{mine.pk}/").status_code in (302, 403, 404)
    assert head_client.get("/admin/audit/add/").status_code in (302, 403, 404)
    assert AuditEvent.objects.get(pk=mine.pk).reason == "本部门事件"
    assert AuditEvent.objects.count() == 2


def test_legal_affairs_sees_every_departments_events(client, legal_officer, department, other_department):
    record_event(actor=SystemJob("test"), event_type="org.department_saved", target=department, reason="甲")
    record_event(actor=SystemJob("test"), event_type="org.department_saved", target=other_department, reason="乙")
    client.force_login(legal_officer)
    body = client.get("/admin/audit/").content.decode()
    assert "甲" in body and "乙" in body
