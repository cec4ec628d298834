"""The API fuzzed from its own OpenAPI schema (schemathesis): whatever the parameters and bodies the schema
allows — and the malformed ones it does not — no endpoint answers 500, with or without a valid token."""

from __future__ import annotations

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings

from yifa.api.actions import issue_api_token
from yifa.audit.actors import COMMAND_LINE

schema = schemathesis.openapi.from_wsgi("/api/openapi.json", get_wsgi_application())


@pytest.fixture
def token(db, make_user, department):
    user = make_user("department_editor", department, username="fuzzer")
    _row, plaintext = issue_api_token(actor=COMMAND_LINE, user=user, days=1, name="fuzz")
    return plaintext


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=30, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.filter_too_much])
def test_no_endpoint_answers_500(case, token):
    response = case.call(headers={"Authorization": f"Bearer {token}"})
    assert response.status_code < 500, f"{case.method} {case.formatted_path} → {response.status_code}"
