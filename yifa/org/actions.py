"""Writes to the organisation. Each checks permission, runs in one transaction and logs."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractBaseUser, Group, Permission
from django.db import transaction
from django.utils.translation import gettext as _

from yifa.audit.actions import check_actor, record_event, save_record
from yifa.audit.actors import Actor
from yifa.core.errors import ActionRefused

from .models import Department, InternalUnit, Leader, Membership, Region, Role, Staff, StaffDeparture
from .policies import (
    agency_info_policy,
    department_policy,
    internal_unit_policy,
    leader_policy,
    membership_policy,
    region_policy,
    staff_policy,
)
from .scoping import forget_scope
from .selectors import forget_official_phones


def save_region(*, actor: Actor, region: Region, reason: str = "") -> Region:
    return save_record(actor=actor, instance=region, policy=region_policy, event_type="org.region_saved", reason=reason)  # type: ignore[return-value]


def save_department(*, actor: Actor, department: Department, reason: str = "") -> Department:
    return save_record(  # type: ignore[return-value]
        actor=actor, instance=department, policy=department_policy, event_type="org.department_saved", reason=reason
    )


def save_agency_info(*, actor: Actor, department: Department, reason: str = "") -> Department:
    """Save what the department's public page shows (机构职能, address, office hours, official contacts).

    Only those fields are written, whatever else the instance carries: a department's editor keeps its
    page current but cannot rename or recode it (that stays with save_department)."""
    check_actor(agency_info_policy, actor, "change", department)
    department.full_clean()
    fields = list(Department.PUBLIC_INFO_FIELDS)
    with transaction.atomic():
        before = Department.objects.select_for_update().get(pk=department.pk)
        old = {name: getattr(before, name) for name in fields if getattr(before, name) != getattr(department, name)}
        new = {name: getattr(department, name) for name in old}
        department.save(update_fields=fields)
        if old:
            record_event(actor=actor, event_type="org.agency_info_saved", target=department, department=department,
                         old=old, new=new, reason=reason)
        transaction.on_commit(forget_official_phones)
    return department


def save_internal_unit(*, actor: Actor, unit: InternalUnit, reason: str = "") -> InternalUnit:
    return save_record(  # type: ignore[return-value]
        actor=actor, instance=unit, policy=internal_unit_policy, event_type="org.internal_unit_saved", reason=reason
    )


def delete_internal_unit(*, actor: Actor, unit: InternalUnit, reason: str = "") -> None:
    check_actor(internal_unit_policy, actor, "delete", unit)
    with transaction.atomic():
        record_event(actor=actor, event_type="org.internal_unit_deleted", target=unit.department,
                     department=unit.department, old={"name": unit.name, "functions": unit.functions}, reason=reason)
        unit.delete()


def save_leader(*, actor: Actor, leader: Leader, reason: str = "") -> Leader:
    return save_record(  # type: ignore[return-value]
        actor=actor, instance=leader, policy=leader_policy, event_type="org.leader_saved",
        # The photo's file is logged by its presence only (the audit log keeps values, not uploads).
        fields=["department", "name", "post", "duties", "sort_order", "is_active"], reason=reason,
    )


def delete_leader(*, actor: Actor, leader: Leader, reason: str = "") -> None:
    check_actor(leader_policy, actor, "delete", leader)
    with transaction.atomic():
        record_event(actor=actor, event_type="org.leader_deleted", target=leader.department,
                     department=leader.department, old={"name": leader.name, "post": leader.post}, reason=reason)
        leader.delete()


def save_staff(*, actor: Actor, staff: Staff, reason: str = "") -> Staff:
    saved = save_record(actor=actor, instance=staff, policy=staff_policy, event_type="org.staff_saved", reason=reason)
    if staff.user_id:
        sync_role_groups(staff.user)  # type: ignore[arg-type]
    return saved  # type: ignore[return-value]


def role_group(role: str) -> Group:
    """The Wagtail group that mirrors a role: it grants access to the back office, nothing more.

    What a role may do to records is decided by the policies, not by group permissions."""
    label = str(Role(role).label)
    group, created = Group.objects.get_or_create(name=label)
    if created:
        group.permissions.add(Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin"))
    return group


def sync_role_groups(user: AbstractBaseUser) -> None:
    roles = set(
        Membership.objects.filter(staff__user_id=user.pk, staff__is_active=True).values_list("role", flat=True)
    )
    role_groups = {role: role_group(role) for role in Role.values}
    for role, group in role_groups.items():
        if role in roles:
            user.groups.add(group)  # type: ignore[attr-defined]
        else:
            user.groups.remove(group)  # type: ignore[attr-defined]
    forget_scope(user)


def grant_role(*, actor: Actor, staff: Staff, department: Department, role: str, reason: str = "") -> Membership:
    membership = Membership(staff=staff, department=department, role=role)
    check_actor(membership_policy, actor, "add", membership)
    with transaction.atomic():
        membership, created = Membership.objects.get_or_create(staff=staff, department=department, role=role)
        if created:
            record_event(
                actor=actor,
                event_type="org.membership_granted",
                target=staff,
                department=department,
                new={"role": role, "department": department.name},
                reason=reason,
            )
        if staff.user_id:
            sync_role_groups(staff.user)  # type: ignore[arg-type]
    return membership


def revoke_role(*, actor: Actor, membership: Membership, reason: str = "") -> None:
    check_actor(membership_policy, actor, "delete", membership)
    with transaction.atomic():
        staff, department, role = membership.staff, membership.department, membership.role
        membership.delete()
        record_event(
            actor=actor,
            event_type="org.membership_revoked",
            target=staff,
            department=department,
            old={"role": role, "department": department.name},
            reason=reason,
        )
        if staff.user_id:
            sync_role_groups(staff.user)  # type: ignore[arg-type]


def link_account(*, actor: Actor, staff: Staff, user: AbstractBaseUser | None, reason: str = "") -> Staff:
    check_actor(staff_policy, actor, "change", staff)
    with transaction.atomic():
        old_user = staff.user
        staff.user = user  # type: ignore[assignment]
        staff.save(update_fields=["user"])
        record_event(
            actor=actor,
            event_type="org.account_linked",
            target=staff,
            old={"user": old_user.get_username() if old_user else None},
            new={"user": user.get_username() if user else None},
            reason=reason,
        )
        for account in {old_user, user} - {None}:
            sync_role_groups(account)  # type: ignore[arg-type]
    return staff


# --- leaving a post: transfer, retirement, the agency abolished --------------------------------------
# Each is recorded with its date; the enforcement part's daily job cancels the person's enforcement
# certificates on that date (yifa.enforcement.personnel.jobs) and tells the legal affairs office.


class DepartureRefused(ActionRefused):
    pass


def _depart(*, actor: Actor, staff: Staff, kind: str, on: dt.date, to_department: Department | None,
            note: str, event_type: str) -> StaffDeparture:
    check_actor(staff_policy, actor, "change", staff)
    if not isinstance(on, dt.date):
        raise DepartureRefused(_("请填写生效日期。"))
    note = "".join(ch for ch in note if ch.isprintable()).strip()
    if len(note) > 200:
        raise DepartureRefused(_("说明不能超过 200 字。"))
    with transaction.atomic():
        staff = Staff.objects.select_for_update().get(pk=staff.pk)
        if not staff.is_active:
            raise DepartureRefused(_("%(name)s 已不在岗，不能再登记调离或退休。") % {"name": staff.name})
        if to_department is not None and (to_department.pk == staff.department_id or not to_department.is_active):
            raise DepartureRefused(_("调入部门应为本市其他存续的部门。"))
        departure = StaffDeparture.objects.create(
            staff=staff, kind=kind, effective_on=on, from_department=staff.department, to_department=to_department,
            note=note)
        old = {"department": staff.department.name, "is_active": staff.is_active}
        if to_department is not None:
            staff.department = to_department
            # Roles held in the old department end with the post.
            Membership.objects.filter(staff=staff).exclude(department=to_department).delete()
        else:
            staff.is_active = False
        staff.save(update_fields=["department", "is_active"])
        record_event(actor=actor, event_type=event_type, target=staff, department=departure.from_department,
                     old=old, new={"department": staff.department.name, "is_active": staff.is_active,
                                   "effective_on": on, "kind": kind}, reason=note)
        if staff.user_id:
            sync_role_groups(staff.user)  # type: ignore[arg-type]
    return departure


def transfer_staff(*, actor: Actor, staff: Staff, on: dt.date, to_department: Department | None = None,
                   note: str = "") -> StaffDeparture:
    """调离: to another department of the city (the staff record moves there) or out of the city (inactive)."""
    return _depart(actor=actor, staff=staff, kind=StaffDeparture.Kind.TRANSFER, on=on, to_department=to_department,
                   note=note, event_type="org.staff_transferred")


def retire_staff(*, actor: Actor, staff: Staff, on: dt.date, note: str = "") -> StaffDeparture:
    return _depart(actor=actor, staff=staff, kind=StaffDeparture.Kind.RETIREMENT, on=on, to_department=None,
                   note=note, event_type="org.staff_retired")


def abolish_department(*, actor: Actor, department: Department, on: dt.date, note: str = "") -> Department:
    """机构撤销: the agency stops existing on `on` (it stays in the records, inactive)."""
    check_actor(department_policy, actor, "add", department)  # the system administrator's, as creating one is
    with transaction.atomic():
        department = Department.objects.select_for_update().get(pk=department.pk)
        if department.abolished_on is not None:
            raise ActionRefused(_("%(name)s 已于 %(on)s 撤销。") % {"name": department.name, "on": department.abolished_on})
        department.abolished_on = on
        department.is_active = False
        department.save(update_fields=["abolished_on", "is_active"])
        record_event(actor=actor, event_type="org.department_abolished", target=department, department=department,
                     old={"is_active": True}, new={"is_active": False, "abolished_on": on}, reason=note)
    return department


def record_legal_qualification(*, actor: Actor, staff: Staff, qualified: bool, number: str = "",
                               reason: str = "") -> Staff:
    """法律职业资格 on the staff record (the first 法制审核 of an enforcement case needs it)."""
    check_actor(staff_policy, actor, "change", staff)
    number = "".join(ch for ch in number if ch.isprintable()).strip()
    if qualified and not number:
        raise ActionRefused(_("请填写法律职业资格证书编号。"))
    if len(number) > 40:
        raise ActionRefused(_("证书编号不能超过 40 个字符。"))
    with transaction.atomic():
        staff = Staff.objects.select_for_update().get(pk=staff.pk)
        old = {"has_legal_qualification": staff.has_legal_qualification,
               "legal_qualification_number": staff.legal_qualification_number}
        staff.has_legal_qualification = qualified
        staff.legal_qualification_number = number if qualified else ""
        staff.save(update_fields=["has_legal_qualification", "legal_qualification_number"])
        record_event(actor=actor, event_type="org.legal_qualification_recorded", target=staff, old=old,
                     new={"has_legal_qualification": qualified, "legal_qualification_number": staff.legal_qualification_number},
                     reason=reason)
    return staff
