"""The token screen in a browser: an editor issues a token, sees it once, and revokes it."""

import pytest

from yifa.api.models import ApiToken
from yifa.conftest import give_passwords, login, screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_editor_issues_a_token_sees_it_once_and_revokes_it(page, live_server, settings, editor):
    settings.ALLOWED_HOSTS = ["*"]
    give_passwords(editor)
    login(page, "editor")
    page.goto(page.base_url + "/admin/api-tokens/")
    page.get_by_label("用途").fill("统计报表脚本")
    page.get_by_role("button", name="签发").click()
    token = page.locator("#new-token").input_value()
    assert token.startswith("yifa_")
    screenshot(page, "api-token-issued")
    page.goto(page.base_url + "/admin/api-tokens/")
    assert token not in page.content()
    row = ApiToken.objects.get()
    page.get_by_role("button", name=f"吊销 {row.prefix}…").click()
    page.wait_for_url("**/admin/api-tokens/")
    assert "已吊销" in page.content()
    screenshot(page, "api-token-revoked")
