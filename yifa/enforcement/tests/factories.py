"""Model-level helpers for the enforcement tests (every part may use them).

    field = enforcement_field("market")                    # 市场监管, created once
    a, b = certified_staff(department, field, on, n=2)     # established staff holding a valid 执法证
    certify(staff, field, on)                              # a certificate for an existing person

They write rows directly (no actions, no audit events): fixtures, not behaviour under test.
"""

from __future__ import annotations

import datetime as dt
import itertools

from yifa.org.models import Department, Staff

from ..personnel.models import Certificate, DepartmentField, EnforcementField

_numbers = itertools.count(1)

FIELD_NAMES = {
    "market": "市场监管", "transport": "交通运输", "environment": "生态环境", "urban": "城市管理",
    "culture": "文化市场", "agriculture": "农业", "resources": "自然资源", "health": "卫生健康",
    "emergency": "应急管理",
}


def enforcement_field(code: str = "market", name: str | None = None) -> EnforcementField:
    field, _created = EnforcementField.objects.get_or_create(
        code=code, defaults={"name": name or FIELD_NAMES.get(code, code)})
    return field


def _field(field: EnforcementField | str) -> EnforcementField:
    return field if isinstance(field, EnforcementField) else enforcement_field(field)


def certify(
    staff: Staff,
    field: EnforcementField | str,
    on: dt.date,
    *,
    years: int = 3,
    kind: str = Certificate.Kind.ENFORCEMENT,
    status: str = Certificate.Status.VALID,
    status_since: dt.date | None = None,
    status_reason: str = "",
) -> Certificate:
    """A certificate for `staff` covering `field`, issued on `on` and valid `years` years (to the day before)."""
    field = _field(field)
    DepartmentField.objects.get_or_create(department=staff.department, field=field)
    number = f"T{next(_numbers):08d}"
    try:
        until = on.replace(year=on.year + years) - dt.timedelta(days=1)
    except ValueError:  # 29 February
        until = on.replace(year=on.year + years, day=28)
    certificate = Certificate.objects.create(
        number=number, kind=kind, staff=staff, department=staff.department, area="肇东市行政区域",
        issuing_authority="肇东市人民政府", basis="《黑龙江省行政执法证件管理办法》", issued_on=on, valid_until=until,
        status=status, status_since=status_since if status != Certificate.Status.VALID else None,
        status_reason=status_reason)
    certificate.fields.add(field)
    return certificate


def make_staff(department: Department, *, name: str | None = None,
               employment_type: str = Staff.EmploymentType.ADMINISTRATIVE) -> Staff:
    n = next(_numbers)
    return Staff.objects.create(name=name or f"执法人员{n}", department=department, employment_type=employment_type)


def certified_staff(
    department: Department, field: EnforcementField | str = "market", on: dt.date | None = None, n: int = 2,
) -> list[Staff]:
    """`n` established staff of `department`, each holding a 执法证 for `field` valid on `on` (issued a year before)."""
    on = on or dt.date.today()
    issued = on - dt.timedelta(days=365)
    people = []
    for _ in range(n):
        person = make_staff(department)
        certify(person, field, issued)
        people.append(person)
    return people
