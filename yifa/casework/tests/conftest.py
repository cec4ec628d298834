import pytest
from django.db import connection

from .sample import SampleCase


@pytest.fixture
def sample_case_model(transactional_db):
    with connection.schema_editor() as editor:
        editor.create_model(SampleCase)
    yield SampleCase
    with connection.schema_editor() as editor:
        editor.delete_model(SampleCase)


@pytest.fixture
def sample_case(sample_case_model, department):
    return SampleCase.objects.create(reference="SC-2017-0001", department=department, status="open")
