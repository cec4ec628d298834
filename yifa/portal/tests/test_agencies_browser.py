"""机构信息 in a real browser, on a desktop and on a phone: find an agency, open its page, follow its links."""

import pytest

from yifa.conftest import screenshot, serious_violations
from yifa.org.demo import load as load_org_demo

pytestmark = pytest.mark.browser


@pytest.fixture
def zhaodong(db):
    load_org_demo()


def test_a_citizen_finds_a_town_office_with_the_filter_box_and_opens_its_page(page, zhaodong):
    page.goto(page.base_url + "/jigou/")
    assert page.locator(".agency-card").count() == 60
    assert serious_violations(page) == []
    screenshot(page, "agencies-index")
    page.fill("#agency-filter-input", "昌五")
    assert page.locator(".agency-card:visible").count() == 1
    assert page.locator("#agency-filter-status").inner_text() == "找到 1 个机构"
    assert not page.locator("#departments").is_visible()  # a group with no match folds away
    page.fill("#agency-filter-input", "没有这个名字")
    assert page.locator("[data-agency-none]").is_visible()
    page.fill("#agency-filter-input", "昌五")
    page.get_by_role("link", name="肇东市昌五镇人民政府").click()
    page.wait_for_url("**/jigou/changwu/")
    assert page.get_by_role("heading", name="肇东市昌五镇人民政府", level=1).is_visible()
    assert page.get_by_role("heading", name="领导信息").is_visible()
    assert serious_violations(page) == []
    screenshot(page, "agencies-town")
    page.get_by_role("link", name="申请政府信息公开").click()
    page.wait_for_url("**/yishenqing/?department=changwu")
    assert page.locator("#id_department option:checked").inner_text() == "肇东市昌五镇人民政府"


def test_an_agency_page_reads_on_a_phone_with_its_contacts_first(phone, zhaodong):
    phone.goto(phone.base_url + "/jigou/scjgj/")
    contacts = phone.get_by_role("heading", name="联系方式").bounding_box()
    functions = phone.get_by_role("heading", name="机构职能").bounding_box()
    assert contacts["y"] < functions["y"]
    # Nothing is wider than the screen: cards fold, no table scrolls sideways.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert serious_violations(phone) == []
    screenshot(phone, "agencies-department-phone")
    phone.goto(phone.base_url + "/jigou/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "agencies-index-phone")
