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


@pytest.fixture(autouse=True)
def keep_the_test_connection():
    """The WSGI handler closes database connections after each request (close_old_connections): inside a
    test that is the test's own transaction. Django's test client unhooks it for the same reason."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


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
