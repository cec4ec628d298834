"""The certificate register in a browser, at desktop and phone width, checked with axe-core (WCAG 2.1 AA)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from yifa.conftest import screenshot, serious_violations
from yifa.portal.demo import load_portal_demo

from .factories import certify, make_staff

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def register(settings, department, market):
    settings.ALLOWED_HOSTS = ["*"]
    load_portal_demo()
    today = timezone.localdate()
    certify(make_staff(department, name="赵执法"), market, today - dt.timedelta(days=100))
    return certify(make_staff(department, name="钱注销"), market, today - dt.timedelta(days=200), status="cancelled",
                   status_since=today - dt.timedelta(days=3), status_reason="retirement")


@pytest.mark.parametrize("device", ["page", "phone"])
def test_a_citizen_checks_a_certificate_number(request, live_server, register, device):
    page = request.getfixturevalue(device)
    page.goto(page.base_url + "/xzzfgs/")
    page.get_by_role("link", name="执法人员公示", exact=True).first.click()
    page.wait_for_url("**/xzzfgs/zfry/")
    page.get_by_role("link", name="行政执法人员公示", exact=True).click()
    page.wait_for_url("**/zhifa/renyuan/")
    # The register is framed by the column that shows it.
    assert "执法人员公示" in page.get_by_role("navigation", name="当前位置").inner_text()
    assert serious_violations(page) == []
    page.get_by_label("姓名或证件编号").fill(register.number)
    page.get_by_role("button", name="查询").click()
    page.wait_for_url(f"**q={register.number}**")
    table = page.get_by_role("table").inner_text()
    assert "钱注销" in table and "注销" in table and "赵执法" not in table
    assert serious_violations(page) == []
    screenshot(page, f"enforcement-register-{device}")
    page.get_by_label("姓名或证件编号").fill("查无此人")
    page.get_by_role("button", name="查询").click()
    page.wait_for_url("**q=**")
    assert "没有找到" in page.get_by_role("table").inner_text()
