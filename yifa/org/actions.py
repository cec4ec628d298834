"""Writes to the organisation. Each checks permission, runs in one transaction and logs."""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, Group, Permission
from django.db import transaction

from yifa.audit.actions import check_actor, record_event, save_record
from yifa.audit.actors import Actor

from .models import Department, InternalUnit, Leader, Membership, Region, Role, Staff
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
