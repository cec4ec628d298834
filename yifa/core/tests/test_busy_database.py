"""A database that stays busy (SQLite's one writer, a PostgreSQL lock timeout) answers 503 with Retry-After."""

from __future__ import annotations

import pytest
from django.db import OperationalError

from yifa.interaction import actions
from yifa.interaction.models import Message

FORM = {"subject": "路灯不亮", "content": "正阳大街路灯连续三晚不亮。", "name": "王建国", "phone": "13804551234"}


@pytest.fixture
def locked(monkeypatch):
    def busy(**kwargs):
        raise OperationalError("database is locked")

    monkeypatch.setattr(actions, "submit_message", busy)


def test_a_message_posted_while_the_database_is_locked_gets_503_with_retry_after(client, department, locked):
    response = client.post("/hdjl/liuyan/", {**FORM, "department": department.pk})
    assert response.status_code == 503 and response["Retry-After"] == "5"
    assert "系统正忙" in response.content.decode() and "Traceback" not in response.content.decode()
    assert not Message.objects.exists()


def test_the_api_answers_json_while_the_database_is_locked(client, department, locked):
    response = client.post("/api/interaction/messages", {**FORM, "department": department.code},
                           content_type="application/json")
    assert response.status_code == 503 and response["Retry-After"] == "5"
    assert response.json()["detail"] == "系统正忙，请稍后重试。"


def test_other_database_errors_are_not_hidden_as_busy(client, department, monkeypatch):
    def broken(**kwargs):
        raise OperationalError("no such table: interaction_message")

    monkeypatch.setattr(actions, "submit_message", broken)
    client.raise_request_exception = False
    assert client.post("/hdjl/liuyan/", {**FORM, "department": department.pk}).status_code == 500
