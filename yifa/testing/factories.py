"""Factories for tests: departments, staff and users holding roles. Names read as the domain does."""

from __future__ import annotations

import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser

from yifa.org.actions import sync_role_groups
from yifa.org.models import Department, Membership, Region, Role, Staff
from yifa.org.validators import uscc_check_character

_counter = itertools.count(1)


def make_city() -> Region:
    city, _ = Region.objects.get_or_create(
        code="231282000000", defaults={"name": "肇东市", "level": Region.Level.CITY}
    )
    return city


def make_credit_code(n: int) -> str:
    first17 = f"11231282{n:09d}"[:17]
    return first17 + uscc_check_character(first17)


def make_department(name: str | None = None, *, code: str | None = None, legal_affairs: bool = False) -> Department:
    n = next(_counter)
    name = name or f"测试局{n}"
    code = code or f"dept{n}"
    department, _ = Department.objects.get_or_create(
        code=code,
        defaults={
            "name": name,
            "short_name": name[:6],
            "credit_code": make_credit_code(900000 + n),
            "region": make_city(),
            "is_legal_affairs_office": legal_affairs,
        },
    )
    return department


def make_user(
    role: str | Role | None = None,
    department: Department | None = None,
    *,
    username: str | None = None,
    employment_type: str = Staff.EmploymentType.ADMINISTRATIVE,
    password: str = "yifa-test-password",
) -> AbstractBaseUser:
    """A user linked to a staff member of `department`, holding `role` there (if given)."""
    n = next(_counter)
    department = department or make_department()
    user = get_user_model().objects.create_user(username=username or f"user{n}", password=password)
    staff = Staff.objects.create(
        name=f"测试人员{n}", department=department, employment_type=employment_type, user=user
    )
    if role:
        Membership.objects.create(staff=staff, department=department, role=role)
    sync_role_groups(user)
    return user
