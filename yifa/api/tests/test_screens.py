"""The back office's token screen: one's own tokens (everyone's for a system administrator), a new token
shown once, revoking through the action, and no way to reach someone else's token."""

from __future__ import annotations

import re

import pytest

from yifa.api.actions import issue_api_token
from yifa.api.models import ApiToken
from yifa.audit.models import AuditEvent

SCREEN = "/admin/api-tokens/"


@pytest.fixture
def logged_in(client):
    def login(user):
        client.force_login(user)
        return client

    return login


def test_the_screen_lists_only_ones_own_tokens(logged_in, editor, outsider):
    issue_api_token(actor=editor, user=editor, name="我的脚本")
    issue_api_token(actor=outsider, user=outsider, name="别人的脚本")
    page = logged_in(editor).get(SCREEN).content.decode()
    assert "我的脚本" in page and "别人的脚本" not in page and "我的令牌" in page


def test_a_system_administrator_sees_everyones_tokens_with_their_owner(logged_in, editor, outsider, make_user,
                                                                          department):
    admin = make_user("system_admin", department, username="admin")
    issue_api_token(actor=editor, user=editor, name="我的脚本")
    issue_api_token(actor=outsider, user=outsider, name="别人的脚本")
    page = logged_in(admin).get(SCREEN).content.decode()
    assert "我的脚本" in page and "别人的脚本" in page and "(outsider)" in page and "全部令牌" in page


def test_a_new_token_is_shown_once_and_works(logged_in, editor):
    client = logged_in(editor)
    response = client.post(SCREEN, {"name": "报表", "days": "30"})
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    plaintext = re.search(r'value="(yifa_[A-Za-z0-9_-]{43})"', response.content.decode()).group(1)
    assert ApiToken.objects.get().user == editor
    assert plaintext not in client.get(SCREEN).content.decode()
    client.logout()
    assert client.get("/api/cases", headers={"Authorization": f"Bearer {plaintext}"}).status_code == 200


def test_a_bad_validity_is_refused_with_the_forms_message(logged_in, editor):
    response = logged_in(editor).post(SCREEN, {"days": "0"})
    assert response.status_code == 200 and not ApiToken.objects.exists()
    assert "yifa_" not in response.content.decode()


def test_revoking_goes_through_the_action(logged_in, editor):
    row, _ = issue_api_token(actor=editor, user=editor)
    response = logged_in(editor).post(f"{SCREEN}{row.pk}/revoke/")
    assert response.status_code == 302
    row.refresh_from_db()
    assert row.revoked_at is not None
    assert AuditEvent.objects.filter(event_type="api.token_revoked", actor_user=editor).exists()


def test_someone_elses_token_cannot_be_revoked_and_a_get_changes_nothing(logged_in, editor, outsider):
    row, _ = issue_api_token(actor=editor, user=editor)
    client = logged_in(outsider)
    assert client.post(f"{SCREEN}{row.pk}/revoke/").status_code == 404
    logged_in(editor)
    assert client.get(f"{SCREEN}{row.pk}/revoke/").status_code == 302
    row.refresh_from_db()
    assert row.revoked_at is None


def test_the_screen_is_linked_from_the_settings_menu_and_the_account_page(logged_in, editor):
    client = logged_in(editor)
    assert SCREEN in client.get("/admin/").content.decode()
    assert SCREEN in client.get("/admin/account/").content.decode()


def test_the_screen_needs_a_back_office_login(client, db):
    assert client.get(SCREEN).status_code == 302
    assert client.post(f"{SCREEN}1/revoke/").status_code == 302
