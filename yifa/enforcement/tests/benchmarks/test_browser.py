"""The calculator in the back office and the public benchmarks page in a real browser, with axe (WCAG 2.1 AA),
at desktop and phone width."""

import pytest

from yifa.conftest import give_passwords, login, screenshot, serious_violations

pytestmark = pytest.mark.browser


def test_a_handler_uses_the_calculator_on_a_desktop_and_a_phone(page, phone, live_server, editor, food_benchmark):
    give_passwords(editor)
    for screen, name in ((page, "desktop"), (phone, "phone")):
        login(screen, editor.username)
        screen.goto(screen.base_url + "/admin/enforcement/benchmarks/calculator/")
        screen.select_option("#calc-benchmark", str(food_benchmark.pk))
        screen.fill("#calc-on", "2024-03-01")
        screen.get_by_role("button", name="下一步").click()
        screen.get_by_label("主动消除或者减轻违法行为危害后果").check()
        screen.fill("#calc-goods_value", "30000")
        screen.fill("#calc-amount", "450000")
        screen.get_by_role("button", name="计算").click()
        result = screen.locator("section.yifa-calculator-result")
        # 从轻 10–13 倍 of 30,000 = 300,000–390,000; 450,000 lies in 一般: a written reason and 法制审核.
        assert "适用从轻处罚阶次：300,000元至390,000元" in result.locator("h2").inner_text()
        assert "法制审核" in result.inner_text()
        assert serious_violations(screen) == []
        screenshot(screen, f"benchmarks-calculator-{name}")


def test_a_citizen_reads_the_benchmarks_on_a_desktop_and_a_phone(page, phone, live_server, department, food_benchmark):
    for screen, name in ((page, "desktop"), (phone, "phone")):
        screen.goto(screen.base_url + "/enforcement/benchmarks/?as_of=2020-01-01")
        assert screen.get_by_role("heading", level=2, name=department.name).is_visible()
        assert "65,000 元至 85,000 元" in screen.locator("table.benchmark-tiers").first.inner_text()
        assert serious_violations(screen) == []
        screenshot(screen, f"benchmarks-public-{name}")
        screen.get_by_role("link", name="SC-001 经营超过保质期的食品").click()
        screen.wait_for_url(f"**/enforcement/benchmarks/{food_benchmark.pk}/*")
        assert screen.get_by_role("heading", level=1).inner_text() == "经营超过保质期的食品"
        assert serious_violations(screen) == []
