"""In a real browser, desktop (1280) and phone (390): as a citizen, an agency page without leader photos and its
catalogue holding the records the modules published (the power list, a published message); as the editor, the
catalogue import's preview and its confirmation. Screenshots in var/screenshots/; console errors fail the test."""

import datetime as dt

import pytest

from yifa.conftest import give_passwords, login, screenshot, serious_violations
from yifa.org.models import Leader
from yifa.portal.catalogue import sync_catalogue
from yifa.portal.catalogue_io import COLUMNS
from yifa.powers.tests.conftest import approve, power, proposal

pytestmark = pytest.mark.browser


@pytest.fixture
def live_agency(portal, live_server, settings, department):
    settings.ALLOWED_HOSTS = ["*"]
    department.functions = "负责全市市场综合监督管理。\n负责食品安全监督管理。"
    department.address = "黑龙江省肇东市东升路 185 号"
    department.phone = "0455-7700026"
    department.save()
    Leader.objects.create(department=department, name="王长江", post="局长", duties="主持全面工作。", sort_order=1)
    Leader.objects.create(department=department, name="李松", post="副局长", duties="分管食品安全。", sort_order=2)
    approve(department, proposal(power()), today=dt.date(2016, 6, 30))
    approve(department, proposal(power(code="0200101000", name="对无证经营的处罚", power_type="02"),
                                 when=dt.date(2016, 12, 1)), today=dt.date(2016, 11, 20))
    sync_catalogue()
    return department


@pytest.mark.parametrize("width", [1280, 390])
def test_a_citizen_reads_an_agency_without_photos_and_finds_its_power_list_in_the_catalogue(
        browser, live_server, live_agency, width):
    from yifa.conftest import fail_on_console_errors, open_page

    page = open_page(browser, live_server, width=width, height=900, mobile=width < 500)
    try:
        page.goto(page.base_url + f"/jigou/{live_agency.code}/")
        assert page.locator(".leader-card").count() == 2
        assert page.locator(".leader-card img").count() == 0, "no photo, no image element"
        boxes = [box.bounding_box() for box in page.locator(".leader-card__photo--none").all()]
        assert all(box["width"] == 72 and box["height"] == 96 for box in boxes)
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert serious_violations(page) == []
        screenshot(page, f"catalogue-sources-agency-{width}")
        page.goto(page.base_url + f"/xxgk/{live_agency.code}/mulu/")
        table = page.locator(".catalogue-table").inner_text()
        assert "权责清单（2016年12月1日调整）" in table and f"{live_agency.credit_code}-A02-2016-0002" in table
        assert serious_violations(page) == []
        screenshot(page, f"catalogue-sources-mulu-{width}")
        page.get_by_role("table").get_by_role("link", name=f"{live_agency.name}权责清单（2016年12月1日调整）").click()
        page.wait_for_url(f"**/?department={live_agency.code}")
        assert "对无证经营的处罚" in page.inner_text("main")
    finally:
        page.context.close()
    fail_on_console_errors(page)


@pytest.mark.parametrize("width", [1280, 390])
def test_the_editor_previews_an_import_then_confirms_it(browser, live_server, live_agency, make_user, tmp_path, width):
    from yifa.conftest import fail_on_console_errors, open_page
    from yifa.portal.models import CatalogueEntry

    editor = make_user("department_editor", live_agency, username=f"mulu-{width}")
    give_passwords(editor)
    rows = [f",2016年部门预算,A07,,{live_agency.code},,2016-03-08,2016-03-22,有效,",
            f",2016年部门决算,A07,财政预决算,{live_agency.code},,2016-08-01,2016-08-10,,",
            f",第三行,A99,,{live_agency.code},,2016-08-01,2016-08-10,,"]
    bad = tmp_path / "mulu-bad.csv"
    bad.write_text(",".join(COLUMNS) + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    good = tmp_path / "mulu.csv"
    good.write_text(",".join(COLUMNS) + "\n" + "\n".join(rows[:2]) + "\n", encoding="utf-8")
    before = CatalogueEntry.objects.count()
    page = open_page(browser, live_server, width=width, height=900, mobile=width < 500)
    try:
        login(page, editor.username)
        page.goto(page.base_url + "/admin/catalogue/import/")
        page.set_input_files("#id_file", str(bad))
        page.get_by_role("button", name="检查并预览").click()
        page.wait_for_selector(".catalogue-preview")
        assert "可以导入 2 行，不能导入 1 行" in page.inner_text(".catalogue-preview")
        assert page.get_by_role("button", name="确认导入 2 项").count() == 0
        screenshot(page, f"catalogue-import-refused-{width}")
        page.set_input_files("#id_file", str(good))
        page.get_by_role("button", name="检查并预览").click()
        page.wait_for_selector(".catalogue-preview")
        assert "2016年部门决算" in page.inner_text(".catalogue-preview")
        assert CatalogueEntry.objects.count() == before, "nothing written by the preview"
        screenshot(page, f"catalogue-import-preview-{width}")
        page.get_by_role("button", name="确认导入 2 项").click()
        page.wait_for_selector("text=已导入 2 项目录条目")
        assert CatalogueEntry.objects.count() == before + 2
        screenshot(page, f"catalogue-import-done-{width}")
    finally:
        page.context.close()
    fail_on_console_errors(page)
