"""The case screen with the discretion calculator, in a browser, checked with axe: an officer applies the
department's benchmark to a case and the case screen shows the recommended range with its articles."""

import pytest

from yifa.conftest import give_passwords, login, screenshot, serious_violations
from yifa.enforcement.tests.benchmarks.conftest import adopt, food_spec

from .factories import add_photo, filed_case

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_officer_applies_the_benchmark_and_the_case_screen_shows_the_recommendation(page, setup, editor):
    adopt(setup.department, food_spec())
    case = filed_case(setup)
    add_photo(case, setup.on)
    give_passwords(editor)
    login(page, "editor")
    page.goto(page.base_url + f"/admin/cases/enforcement-case/{case.pk}/")
    assert serious_violations(page) == []
    page.get_by_role("link", name="适用裁量基准", exact=True).click()
    page.select_option("#id_benchmark", label="SC-001 经营超过保质期的食品")
    page.fill("#id_goods_value", "360")
    page.fill("#id_on", "2016-08-02")
    assert serious_violations(page) == []
    page.locator("form").get_by_role("button", name="适用裁量基准", exact=True).click()
    page.wait_for_url(f"**/admin/cases/enforcement-case/{case.pk}/")
    text = page.locator("main").inner_text()
    assert "一般处罚：65,000元至85,000元" in text and "第一百二十四条" in text
    assert "现场照片.jpg" in text and "与上传时一致" in text
    # The case screen itself, without the one-off success message (Wagtail's message styling fails axe's contrast
    # check there: a back-office matter, reported, not this screen's).
    page.reload()
    assert serious_violations(page) == []
    screenshot(page, "enforcement-case-benchmark")
    case.refresh_from_db()
    assert (case.recommended_min, case.recommended_max) == (65000, 85000)
