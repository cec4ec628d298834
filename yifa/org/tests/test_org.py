import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from yifa.audit.actors import SystemJob
from yifa.audit.models import AuditEvent
from yifa.org.actions import grant_role, revoke_role, save_department
from yifa.org.models import Department, Membership, Role, Staff
from yifa.org.policies import department_policy, membership_policy, staff_policy
from yifa.org.scoping import department_scope
from yifa.org.validators import uscc_check_character, validate_uscc
from yifa.testing.factories import make_credit_code


@pytest.mark.parametrize("code", ["91350100M000100Y43", "11231282000100001" + uscc_check_character("11231282000100001")])
def test_valid_credit_codes_pass(code):
    validate_uscc(code)


@pytest.mark.parametrize(
    ("code", "message"),
    [("91350100M000100Y44", "校验位"), ("123", "18 位"), ("91350100M000100YI3", "18 位"), ("", "18 位")],
)
def test_invalid_credit_codes_are_explained(code, message):
    with pytest.raises(ValidationError, match=message):
        validate_uscc(code)


def test_city_wide_roles_see_every_department(legal_officer, department, other_department):
    scope = department_scope(legal_officer)
    assert scope.all_departments
    assert set(department_policy.visible(legal_officer)) >= {department, other_department}


def test_department_staff_see_only_their_own_department(editor, department, other_department):
    scope = department_scope(editor)
    assert not scope.all_departments
    assert scope.department_ids == {department.pk}
    staff_of_other = Staff.objects.filter(department=other_department)
    assert not staff_policy.visible(editor, staff_of_other).exists()


def test_a_user_without_a_role_sees_nothing(make_user, department):
    nobody = make_user(None, department)
    assert not department_policy.visible(nobody).exists()
    assert not staff_policy.can(nobody, "view", nobody.staff)


def test_saving_a_department_checks_permission_and_logs_the_change(department, head, outsider):
    department.phone = "0455-7711365"
    save_department(actor=head, department=department, reason="更新电话")
    event = AuditEvent.objects.get(event_type="org.department_saved")
    assert event.new_values == {"phone": "0455-7711365"}
    department.phone = "0455-0000000"
    with pytest.raises(PermissionDenied):
        save_department(actor=outsider, department=department)
    department.refresh_from_db()
    assert department.phone == "0455-7711365"


def test_an_invalid_department_is_refused_and_nothing_is_written(department):
    department.credit_code = "not-a-code"
    with pytest.raises(ValidationError):
        save_department(actor=SystemJob("test"), department=department)
    assert not AuditEvent.objects.exists()
    assert Department.objects.get(pk=department.pk).credit_code != "not-a-code"


def test_only_system_administrators_grant_roles(head, department, make_user):
    staff = make_user(None, department).staff
    with pytest.raises(PermissionDenied):
        grant_role(actor=head, staff=staff, department=department, role=Role.LEGAL_AFFAIRS)
    admin = make_user(Role.SYSTEM_ADMIN, department)
    membership = grant_role(actor=admin, staff=staff, department=department, role=Role.DEPARTMENT_EDITOR)
    assert department_scope(staff.user).department_ids == {department.pk}
    assert staff.user.groups.filter(name="部门经办人").exists()
    assert staff.user.has_perm("wagtailadmin.access_admin")
    revoke_role(actor=admin, membership=membership, reason="调离")
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert not staff.user.groups.filter(name="部门经办人").exists()
    assert [e.event_type for e in AuditEvent.objects.order_by("id")] == ["org.membership_granted", "org.membership_revoked"]
    assert membership_policy.can(admin, "add")


def test_factory_credit_codes_are_valid():
    validate_uscc(make_credit_code(123))


def test_role_and_field_names_have_english_translations():
    from django.utils import translation

    with translation.override("en"):
        assert str(Role.LEGAL_AFFAIRS.label) == "Legal affairs office"
        assert str(Staff._meta.get_field("employment_type").verbose_name) == "Establishment type"
    with translation.override("zh-hans"):
        assert str(Role.LEGAL_AFFAIRS.label) == "政府法制机构"
