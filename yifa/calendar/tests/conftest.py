import pytest

from yifa.org.models import Staff


@pytest.fixture
def record(department, editor):
    """A record of `department` that deadlines run on (any model with a department will do)."""
    return Staff.objects.create(name="申请人甲", department=department, employment_type="contract")


@pytest.fixture
def other_record(other_department):
    return Staff.objects.create(name="申请人乙", department=other_department, employment_type="contract")


@pytest.fixture
def calendar_keeper(legal_officer):
    return legal_officer
