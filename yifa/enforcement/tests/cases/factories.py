"""Enforcement cases for tests, made through the actions: a department with a 行政处罚 item in its power list,
a field, certified officers, and a case brought to a given step.

    setup = case_setup(department, on=D(2016, 8, 1))
    case = registered_case(setup)                      # 待立案, two certified handlers
    case = filed_case(setup)                           # recusal declared, 立案 on setup.on
    case = notified_case(setup, fine="3000")           # evidence, 告知
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from yifa.audit.actors import SystemJob
from yifa.enforcement.cases import actions
from yifa.enforcement.cases.models import EnforcementCase
from yifa.powers.tests.conftest import approve, power, proposal

from ..factories import certified_staff, enforcement_field

D = dt.date
JOB = SystemJob("test")
PENALTY_CODE = "0200101000"
FOUND_ON = D(2016, 8, 1)
JPEG = b"\xff\xd8\xff\xe0" + b"evidence-photo" * 20


@dataclass
class Setup:
    department: Any
    power: Any
    field: Any
    handlers: list[Any]
    on: dt.date


def penalty_power(department: Any, code: str = PENALTY_CODE) -> Any:
    from yifa.powers.models import PowerVersion

    if not PowerVersion.objects.filter(department=department, code=code).exists():
        approve(department, proposal(power(code=code, name="对经营超过保质期食品的处罚", power_type="02",
                                           statutory_limit=None, statutory_unit="", promised_limit=None,
                                           promised_unit="")))
    return PowerVersion.objects.get(department=department, code=code)


def case_setup(department: Any, on: dt.date = FOUND_ON, *, handlers: int = 2) -> Setup:
    field = enforcement_field("market")
    return Setup(department, penalty_power(department), field, certified_staff(department, field, on, n=handlers), on)


def registered_case(setup: Setup, *, actor: Any = JOB, natural_person: bool = False, **extra: Any) -> EnforcementCase:
    values: dict[str, Any] = {"title": "经营超过保质期的食品", "party_kind": "natural_person" if natural_person else "legal_person",
              "party_name": "王建国" if natural_person else "肇东市某某商贸有限公司",
              "party_id_number": "231282198001010013" if natural_person else "91231282MA1B2C3D4E",
              "party_address": "肇东市正阳大街1号",
              "facts": "当事人货架上摆放超过保质期的饮料12瓶，货值金额360元。", "found_on": setup.on,
              "handler_ids": [s.pk for s in setup.handlers]}
    values.update(extra)
    return actions.register_case(actor=actor, department=setup.department, power=setup.power, **values)


def declare_all(case: EnforcementCase, on: dt.date, actor: Any = JOB) -> None:
    for handler in list(case.handlers.all()):
        actions.declare_recusal(actor=actor, case=case, staff_id=handler.staff_id, declared_on=on, conflict=False)


def filed_case(setup: Setup, **extra: Any) -> EnforcementCase:
    case = registered_case(setup, **extra)
    declare_all(case, setup.on)
    return actions.file_case(actor=JOB, case=case, filed_on=setup.on)


def add_photo(case: EnforcementCase, on: dt.date, name: str = "现场照片.jpg", content: bytes = JPEG) -> Any:
    return actions.add_evidence(actor=JOB, case=case, uploads=[SimpleUploadedFile(name, content)], kind="",
                                description="现场检查照片", collected_on=on)


def notified_case(setup: Setup, *, fine: str = "3000", notified_on: dt.date | None = None, **extra: Any) -> EnforcementCase:
    case = filed_case(setup, **extra)
    add_photo(case, setup.on)
    return actions.notify_party(actor=JOB, case=case, notified_on=notified_on or setup.on, penalty_kinds=["fine"],
                                proposed_fine=Decimal(fine))


def stated_case(setup: Setup, **extra: Any) -> EnforcementCase:
    case = notified_case(setup, **extra)
    assert case.notified_on is not None
    return actions.record_statement(actor=JOB, case=case, stated_on=case.notified_on, statement="", waived=True)
