"""Fixtures of the enforcement tests: a department enforcing 市场监管 and people who passed the law exam."""

from __future__ import annotations

import datetime as dt

import pytest

from yifa.audit.actors import SystemJob
from yifa.enforcement.personnel import actions
from yifa.enforcement.personnel.models import DepartmentField
from yifa.org.models import Staff

from .factories import enforcement_field, make_staff

JOB = SystemJob("test")
EXAM_DAY = dt.date(2016, 4, 16)


@pytest.fixture
def market(db, department):
    field = enforcement_field("market")
    DepartmentField.objects.create(department=department, field=field)
    return field


@pytest.fixture
def sitting(db):
    return actions.create_sitting(actor=JOB, title="2016年度行政执法人员资格考试", held_on=EXAM_DAY)


@pytest.fixture
def passed(department, sitting, market) -> list[Staff]:
    """Three established staff of `department` who passed the 2016 exam."""
    people = [make_staff(department, name=name) for name in ("张三", "李四", "王五")]
    actions.record_scores(actor=JOB, sitting=sitting, scores=[(p, "80") for p in people])
    return people
