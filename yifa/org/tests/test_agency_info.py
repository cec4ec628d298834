"""What an agency's page shows, kept by its own staff through the org actions: permissions, checks, audit."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from yifa.audit.models import AuditEvent
from yifa.org import actions
from yifa.org.models import Department, InternalUnit, Leader
from yifa.org.policies import agency_info_policy


def events(event_type):
    return AuditEvent.objects.filter(event_type=event_type)


def test_a_department_editor_keeps_their_own_agency_page_current_and_it_is_logged(editor, department):
    department.functions = "负责市场综合监督管理。"
    department.office_hours = "周一至周五 8:30—17:00"
    actions.save_agency_info(actor=editor, department=department, reason="更新三定职责")
    department.refresh_from_db()
    assert department.functions == "负责市场综合监督管理。"
    event = events("org.agency_info_saved").get()
    assert event.new_values == {"functions": "负责市场综合监督管理。", "office_hours": "周一至周五 8:30—17:00"}
    assert event.old_values == {"functions": "", "office_hours": ""} and event.reason == "更新三定职责"


def test_saving_the_agency_page_never_renames_or_recodes_the_department(editor, department):
    name, code = department.name, department.code
    department.name, department.code, department.address = "改名局", "renamed", "黑龙江省肇东市正阳大街 1 号"
    actions.save_agency_info(actor=editor, department=department)
    department.refresh_from_db()
    assert (department.name, department.code, department.address) == (name, code, "黑龙江省肇东市正阳大街 1 号")


def test_another_departments_staff_and_city_wide_readers_may_not_edit_an_agency_page(outsider, department, make_user):
    leader = make_user("leader", department)
    inspector = make_user("inspector", department)
    for user in (outsider, leader, inspector):
        department.functions = "篡改"
        with pytest.raises(PermissionDenied):
            actions.save_agency_info(actor=user, department=department)
    assert Department.objects.get(pk=department.pk).functions == ""
    assert not events("org.agency_info_saved").exists()


def test_the_system_administrator_edits_any_agency_page(make_user, department, other_department):
    admin = make_user("system_admin", other_department)
    assert agency_info_policy.can(admin, "change", department)
    department.phone = "0455-7700026"
    actions.save_agency_info(actor=admin, department=department)
    event = events("org.agency_info_saved").get()
    assert (event.actor_user, event.department, event.new_values) == (admin, department, {"phone": "0455-7700026"})


@pytest.mark.parametrize("phone", ["13804551234", "138 0455 1234", "+86 13804551234", "请打我电话", "0455-77"])
def test_an_agency_number_is_never_a_mobile_or_free_text(editor, department, phone):
    department.phone = phone
    with pytest.raises(ValidationError) as refused:
        actions.save_agency_info(actor=editor, department=department)
    assert "不能填写个人手机号码" in str(refused.value)
    assert Department.objects.get(pk=department.pk).phone == ""


@pytest.mark.parametrize("phone", ["0455-7771365", "04557771365", "12345", "（0455）7771365", "0455-7771365-801"])
def test_an_agency_number_may_be_a_landline_or_a_hotline(editor, department, phone):
    department.phone = phone
    actions.save_agency_info(actor=editor, department=department)


def test_published_text_carries_no_mobile_or_id_number(editor, department):
    leader = Leader(department=department, name="王长江", post="局长", duties="联系人电话 13804551234")
    with pytest.raises(ValidationError) as refused:
        actions.save_leader(actor=editor, leader=leader)
    assert "不能包含手机号码或身份证号码" in str(refused.value)
    department.functions = "联系人身份证 230102199001011234"
    with pytest.raises(ValidationError):
        actions.save_agency_info(actor=editor, department=department)
    assert not Leader.objects.exists()


def test_a_bad_postcode_email_or_website_is_refused_with_a_message(editor, department):
    for field, value in (("postal_code", "15110"), ("email", "not-an-email"), ("website", "javascript:alert(1)")):
        setattr(department, field, value)
        with pytest.raises(ValidationError) as refused:
            actions.save_agency_info(actor=editor, department=department)
        assert field in refused.value.message_dict
        setattr(department, field, "")


def test_units_and_leaders_are_kept_by_the_departments_own_staff_and_logged(editor, outsider, department):
    unit = actions.save_internal_unit(actor=editor, unit=InternalUnit(department=department, name="办公室"))
    leader = actions.save_leader(actor=editor, leader=Leader(department=department, name="王长江", post="局长"))
    with pytest.raises(PermissionDenied):
        actions.save_leader(actor=outsider, leader=Leader(department=department, name="冒名", post="局长"))
    with pytest.raises(PermissionDenied):
        actions.delete_internal_unit(actor=outsider, unit=unit)
    actions.delete_leader(actor=editor, leader=leader)
    actions.delete_internal_unit(actor=editor, unit=unit)
    assert not Leader.objects.exists() and not InternalUnit.objects.exists()
    assert list(AuditEvent.objects.filter(event_type__startswith="org.").exclude(
        event_type="org.membership_granted").order_by("pk").values_list("event_type", flat=True)) == [
        "org.internal_unit_saved", "org.leader_saved", "org.leader_deleted", "org.internal_unit_deleted"]


def test_a_leaders_photo_must_be_a_small_image(editor, department, media_root):
    leader = Leader(department=department, name="王长江", post="局长",
                    photo=SimpleUploadedFile("photo.exe", b"MZ\x90\x00", content_type="application/octet-stream"))
    with pytest.raises(ValidationError) as refused:
        actions.save_leader(actor=editor, leader=leader)
    assert "photo" in refused.value.message_dict
