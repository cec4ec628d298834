"""Staff API tokens: issued and revoked through the actions (checked, audited, never stored or logged in
the clear), and a request without a usable token gets 401 in Chinese with no data."""

from __future__ import annotations

import datetime as dt
import io
import logging

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.utils import timezone

from yifa.api.actions import issue_api_token, record_token_use, revoke_api_token
from yifa.api.models import ApiToken
from yifa.api.tokens import hash_token
from yifa.audit.actors import COMMAND_LINE
from yifa.audit.models import AuditEvent
from yifa.core.errors import ActionRefused

CASES = "/api/cases"


def audit_text() -> str:
    return " ".join(f"{e.actor_label} {e.target_repr} {e.old_values} {e.new_values} {e.reason}"
                    for e in AuditEvent.objects.all())


# --- issuing and revoking ----------------------------------------------------------------------------


def test_a_token_is_stored_only_as_its_hash_and_its_public_beginning(editor):
    row, plaintext = issue_api_token(actor=editor, user=editor, name="统计脚本")
    row.refresh_from_db()
    assert row.token_hash == hash_token(plaintext) and plaintext.startswith(row.prefix)
    assert len(row.prefix) < 16 and plaintext not in str(ApiToken.objects.values().get())
    assert row.expires_at is None and row.is_usable


def test_issuing_and_revoking_are_audited_without_the_token(editor):
    row, plaintext = issue_api_token(actor=editor, user=editor, days=30, name="统计脚本")
    revoke_api_token(actor=editor, token=row, reason="不用了")
    events = list(AuditEvent.objects.order_by("id").values_list("event_type", flat=True))
    assert events == ["api.token_issued", "api.token_revoked"]
    assert row.prefix in audit_text() and plaintext not in audit_text()
    assert plaintext[len(row.prefix):] not in audit_text()


def test_a_person_manages_their_own_tokens_but_not_someone_elses(editor, outsider):
    with pytest.raises(PermissionDenied, match="只能管理自己的接口令牌"):
        issue_api_token(actor=outsider, user=editor)
    row, _ = issue_api_token(actor=editor, user=editor)
    with pytest.raises(PermissionDenied):
        revoke_api_token(actor=outsider, token=row)
    assert ApiToken.objects.get().revoked_at is None
    assert list(AuditEvent.objects.values_list("event_type", flat=True)) == ["api.token_issued"]


def test_a_system_administrator_manages_anyones_tokens(editor, make_user, department):
    admin = make_user("system_admin", department)
    row, _ = issue_api_token(actor=admin, user=editor, days=7)
    revoke_api_token(actor=admin, token=row)
    assert ApiToken.objects.get().revoked_at is not None


def test_a_superuser_counts_as_a_system_administrator(editor, django_user_model):
    root = django_user_model.objects.create_superuser("root", password="x")
    row, _ = issue_api_token(actor=root, user=editor)
    assert row.user == editor


@pytest.mark.parametrize("days", [0, -1, 3651])
def test_a_validity_outside_one_day_to_ten_years_is_refused(editor, days):
    with pytest.raises(ActionRefused, match="有效天数"):
        issue_api_token(actor=editor, user=editor, days=days)
    assert not ApiToken.objects.exists() and not AuditEvent.objects.exists()


def test_a_token_is_revoked_only_once(editor):
    row, _ = issue_api_token(actor=editor, user=editor)
    revoke_api_token(actor=editor, token=row)
    with pytest.raises(ActionRefused, match="已于"):
        revoke_api_token(actor=editor, token=row)
    assert AuditEvent.objects.filter(event_type="api.token_revoked").count() == 1


def test_an_inactive_account_gets_no_token(editor, make_user, department):
    admin = make_user("system_admin", department)
    editor.is_active = False
    editor.save()
    with pytest.raises(ActionRefused, match="已停用"):
        issue_api_token(actor=admin, user=editor)


# --- the command ----------------------------------------------------------------------------------


def test_the_command_prints_a_working_token_that_is_not_in_the_audit_log(client, editor):
    out, err = io.StringIO(), io.StringIO()
    call_command("api-token", "editor", "--days", "30", "--name", "报表", stdout=out, stderr=err)
    plaintext = out.getvalue().strip()
    assert plaintext.startswith("yifa_") and "只显示这一次" in err.getvalue() and plaintext not in err.getvalue()
    response = client.get(CASES, headers={"Authorization": f"Bearer {plaintext}"})
    assert response.status_code == 200
    event = AuditEvent.objects.get(event_type="api.token_issued")
    assert event.actor_label == str(COMMAND_LINE) and event.new_values["name"] == "报表"
    assert plaintext not in audit_text()
    row = ApiToken.objects.get()
    assert row.user == editor and dt.timedelta(days=29) < row.expires_at - timezone.now() <= dt.timedelta(days=30)


def test_the_command_refuses_an_unknown_user_and_a_bad_validity(editor):
    with pytest.raises(CommandError, match="没有用户名"):
        call_command("api-token", "nobody", stdout=io.StringIO(), stderr=io.StringIO())
    with pytest.raises(CommandError, match="有效天数"):
        call_command("api-token", "editor", "--days", "0", stdout=io.StringIO(), stderr=io.StringIO())
    assert not ApiToken.objects.exists()


# --- 401 ------------------------------------------------------------------------------------------


def assert_refused(response, text: str) -> None:
    assert response.status_code == 401
    assert response.json() == {"detail": response.json()["detail"]} and text in response.json()["detail"]
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize(("header", "text"), [
    (None, "缺少访问令牌"),
    ("", "缺少访问令牌"),
    ("Bearer", "访问令牌无效"),
    ("Bearer ", "访问令牌无效"),
    ("Token yifa_" + "a" * 43, "格式不正确"),
    ("Basic ZWRpdG9yOnBhc3N3b3Jk", "格式不正确"),
    ("Bearer not-a-token", "访问令牌无效"),
    ("Bearer yifa_" + "a" * 43, "访问令牌无效"),
    ("Bearer yifa_" + "a" * 42 + "!", "访问令牌无效"),
    ("Bearer " + "长" * 5000, "格式不正确"),
])
def test_a_missing_malformed_or_unknown_token_gets_401_in_chinese(api_with_header, header, text, editor):
    for path in (CASES, f"{CASES}/TEST-2017-0001"):
        assert_refused(api_with_header(header).get(path), text)
    assert_refused(api_with_header(header).post(f"{CASES}/TEST-2017-0001/transitions/register", {}), text)


def test_a_revoked_token_gets_401(api_with_header, editor):
    row, plaintext = issue_api_token(actor=editor, user=editor)
    assert api_with_header(f"Bearer {plaintext}").get(CASES).status_code == 200
    revoke_api_token(actor=editor, token=row)
    assert_refused(api_with_header(f"Bearer {plaintext}").get(CASES), "已被吊销")


def test_an_expired_token_gets_401(api_with_header, editor):
    _row, plaintext = issue_api_token(actor=editor, user=editor, days=1)
    assert api_with_header(f"Bearer {plaintext}").get(CASES).status_code == 200
    with time_machine.travel(timezone.now() + dt.timedelta(days=1, seconds=1)):
        assert_refused(api_with_header(f"Bearer {plaintext}").get(CASES), "已过期")


def test_the_token_of_a_deactivated_account_gets_401(api_with_header, editor):
    _row, plaintext = issue_api_token(actor=editor, user=editor)
    editor.is_active = False
    editor.save()
    assert_refused(api_with_header(f"Bearer {plaintext}").get(CASES), "访问令牌无效")


def test_the_token_never_reaches_the_logs(api_with_header, editor, caplog, settings):
    settings.DEBUG = True  # ninja's own HttpBearer logs an unexpected header in DEBUG: ours must not
    row, plaintext = issue_api_token(actor=editor, user=editor)
    revoke_api_token(actor=editor, token=row)
    with caplog.at_level(logging.DEBUG):
        for header in (f"Bearer {plaintext}", f"Token {plaintext}", f"Bearer {plaintext}x"):
            assert api_with_header(header).get(CASES, {"kind": "nosuch"}).status_code == 401
    assert any(r.name == "django.request" and r.levelno == logging.WARNING for r in caplog.records)
    logged = caplog.text + " ".join(str(r.__dict__) for r in caplog.records)
    assert plaintext not in logged and plaintext[len(row.prefix):] not in logged
    assert plaintext not in audit_text()


# --- last used ------------------------------------------------------------------------------------


def test_last_use_is_written_at_most_once_a_minute(api_with_header, editor):
    row, plaintext = issue_api_token(actor=editor, user=editor)
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        api_with_header(f"Bearer {plaintext}").get(CASES)
    first = ApiToken.objects.get().last_used_at
    assert first == start
    with time_machine.travel(start + dt.timedelta(seconds=59), tick=False):
        api_with_header(f"Bearer {plaintext}").get(CASES)
    assert ApiToken.objects.get().last_used_at == first
    with time_machine.travel(start + dt.timedelta(seconds=61), tick=False):
        api_with_header(f"Bearer {plaintext}").get(CASES)
    assert ApiToken.objects.get().last_used_at == start + dt.timedelta(seconds=61)


def test_recording_a_recent_use_again_writes_nothing(editor, django_assert_num_queries):
    row, _ = issue_api_token(actor=editor, user=editor)
    now = timezone.now()
    assert record_token_use(row, now=now) is True
    with django_assert_num_queries(0):
        assert record_token_use(row, now=now + dt.timedelta(seconds=30)) is False


def test_an_english_client_is_refused_in_english(client, db):
    response = client.get(CASES, headers={"Accept-Language": "en"})
    assert response.status_code == 401 and response.json()["detail"].startswith("No access token")
