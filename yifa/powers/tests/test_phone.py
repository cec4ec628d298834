"""The lists on a phone (390 × 844): rows become cards, the flowchart opens full size and zooms (issue 13, #16)."""

import pytest

from yifa.conftest import screenshot, serious_violations

from .test_browser import lists  # noqa: F401  (the fixture: three items in two departments)

pytestmark = pytest.mark.browser


def scrolls_sideways(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth") > page.viewport_size["width"]


def test_on_a_phone_each_row_of_the_list_is_a_card_with_its_labels(phone, lists):  # noqa: F811
    phone.goto(phone.base_url + "/powers/")
    cards = phone.locator("table.powers-table tbody tr")
    assert cards.count() == 3
    assert not scrolls_sideways(phone)
    name = cards.first.locator("td.card-title")
    # The name runs across the card, not one or two characters a line.
    assert name.bounding_box()["width"] > 300
    assert name.bounding_box()["y"] < cards.first.locator("td.code").bounding_box()["y"], "the name leads the card"
    labels = cards.first.locator("td[data-label]:not(.card-title)").evaluate_all(
        "cells => cells.map(cell => getComputedStyle(cell, '::before').content)")
    assert labels == ['"基本编码"', '"事项类型"', '"实施主体"', '"承诺时限"', '"生效日期"']
    assert serious_violations(phone) == []
    screenshot(phone, "powers-list-phone")


def test_on_a_phone_the_flowchart_opens_full_size_and_zooms(phone, lists):  # noqa: F811
    phone.goto(phone.base_url + f"/powers/items/{lists.item_id}/")
    assert not scrolls_sideways(phone)
    duty = phone.locator("table.duties tbody tr").first
    assert duty.bounding_box()["width"] > 300  # the responsibilities are cards too
    screenshot(phone, "powers-item-phone")

    # The link opens the chart (no download), at its own size.
    phone.get_by_role("link", name="查看大图（可放大）").click()
    phone.wait_for_url(f"**/powers/items/{lists.item_id}/flowchart/")
    viewer = phone.locator("#flowchart-viewer")
    chart = viewer.locator("svg")
    natural = chart.bounding_box()["width"]
    assert natural > viewer.bounding_box()["width"], "full size: wider than the phone, scrolled inside its box"
    assert viewer.evaluate("box => box.scrollWidth > box.clientWidth")
    assert not scrolls_sideways(phone), "the chart scrolls in its box, not the whole page"
    assert "受理" in chart.text_content()
    assert serious_violations(phone) == []
    screenshot(phone, "powers-flowchart-phone")

    phone.get_by_role("button", name="放大").click()
    assert chart.bounding_box()["width"] == pytest.approx(natural * 1.25, abs=2)
    assert phone.locator("[data-zoom-level]").inner_text() == "125%"
    phone.get_by_role("button", name="适合屏幕").click()
    assert chart.bounding_box()["width"] <= viewer.bounding_box()["width"]
    screenshot(phone, "powers-flowchart-phone-fit")

    # The SVG file still downloads from its own link.
    with phone.expect_download() as download:
        phone.get_by_role("link", name="下载流程图（SVG）").click()
    assert download.value.suggested_filename.endswith(".svg")


def test_the_full_size_flowchart_of_an_unknown_item_is_not_found(client, lists):  # noqa: F811
    assert client.get(f"/powers/items/{lists.item_id}/flowchart/").status_code == 200
    assert client.get("/powers/items/999999/flowchart/").status_code == 404
