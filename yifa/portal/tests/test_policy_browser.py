"""A citizen reads a policy, its validity and its interpretation in a real browser, on a desktop and a phone."""

import pytest

from yifa.conftest import screenshot, serious_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def live_portal(portal, live_server, settings):
    settings.ALLOWED_HOSTS = ["*"]
    return portal


@pytest.mark.parametrize("device", ["page", "phone"])
def test_a_citizen_goes_from_an_amended_policy_to_its_successor_and_its_interpretation(request, device, live_portal):
    page = request.getfixturevalue(device)
    page.goto(page.base_url + "/zcwj/guifanxing-wenjian-guanli-banfa-2016/")
    banner = page.get_by_role("note", name="文件效力")
    assert "本文件已被修改" in banner.inner_text()
    assert serious_violations(page) == []
    screenshot(page, f"portal-policy-amended-{device}")
    banner.get_by_role("link", name="肇东市行政规范性文件管理办法（2017年修订）").click()
    page.wait_for_url("**/guifanxing-wenjian-guanli-banfa-2017/")
    assert page.get_by_role("note", name="文件效力").count() == 0
    assert "现行有效" in page.inner_text(".catalogue")
    replaced = page.get_by_role("region", name="本文件替代的文件")
    assert replaced.get_by_role("link", name="肇东市行政规范性文件管理办法").is_visible()
    assert serious_violations(page) == []
    screenshot(page, f"portal-policy-successor-{device}")
    page.get_by_role("region", name="政策解读").get_by_role("link").first.click()
    page.wait_for_url("**/zcjd/guifanxing-wenjian-guanli-banfa-2017-wenda/")
    assert page.get_by_role("heading", name="问：这次修订主要改了什么？").is_visible()
    assert serious_violations(page) == []
    screenshot(page, f"portal-policy-interpretation-{device}")
    page.locator(".interprets").first.get_by_role("link").click()
    page.wait_for_url("**/zcwj/guifanxing-wenjian-guanli-banfa-2017/")
