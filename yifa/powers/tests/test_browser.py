"""The lists on the portal in a real browser: browse and filter, an item with its flowchart, print, download, search."""

import io

import openpyxl
import pytest

from yifa.conftest import give_passwords, login, screenshot, serious_violations
from yifa.powers.content import Step
from yifa.powers.models import PowerVersion

from .conftest import D, approve, power, proposal

pytestmark = pytest.mark.browser

STEPS = (Step("受理", "对申请材料进行审查，材料不全的一次告知", "不一次告知补正材料的"),
         Step("审查", "对申请材料的实质内容进行核实", "不依法审查的"),
         Step("决定", "作出准予或不予许可的决定", "违法准予许可的"),
         Step("送达", "送达食品经营许可证", ""))


@pytest.fixture
def lists(department, other_department):
    approve(department, proposal(power(responsibilities=STEPS, handling_office="行政审批科",
                                       supervision_phone="0455-7711365")))
    approve(department, proposal(power("0200101000", "对未取得食品经营许可从事食品经营活动的处罚", "02",
                                       statutory_limit=None, statutory_unit="", promised_limit=None, promised_unit="")))
    approve(other_department, proposal(power("0100201000", "药品经营许可")))
    return PowerVersion.objects.get(code="0100101000")


def rows(page):
    return page.locator("table.powers-table tbody tr").all_inner_texts()


def test_a_citizen_filters_the_list_opens_an_item_with_its_flowchart_and_downloads_both(
        page, live_server, lists, department, other_department):
    page.goto(page.base_url + "/powers/")
    assert len(rows(page)) == 3
    assert serious_violations(page) == []
    screenshot(page, "powers-list")

    page.select_option("#f-department", other_department.code)
    page.get_by_role("button", name="筛选", exact=True).click()
    page.wait_for_url(f"**/powers/?*department={other_department.code}*")
    assert [r.split("\t")[1] for r in rows(page)] == ["药品经营许可"]

    page.select_option("#f-department", department.code)
    page.select_option("#f-type", "01")
    page.get_by_role("button", name="筛选", exact=True).click()
    page.wait_for_url("**/powers/?*type=01*")
    assert len(rows(page)) == 1
    screenshot(page, "powers-list-filtered")

    page.get_by_role("link", name="食品经营许可", exact=True).click()
    page.wait_for_url(f"**/powers/items/{lists.item_id}/*")
    assert page.get_by_role("heading", level=1).inner_text() == "食品经营许可"
    assert "《中华人民共和国行政许可法》第三十二条" in page.inner_text("ol.bases")
    assert "20个工作日" in page.inner_text("ul.limits").replace(" ", "")
    chart = page.locator("section.flowchart figure svg")
    chart_text = chart.text_content()
    for step in STEPS:
        assert step.step in chart_text
    assert chart.locator("g.node").count() >= len(STEPS)
    assert chart.bounding_box()["width"] > 100  # drawn, not an empty box
    assert serious_violations(page) == []
    screenshot(page, "powers-item")

    with page.expect_download() as download:
        page.get_by_role("link", name="下载流程图（SVG）").click()
    svg = download.value.path().read_text()
    assert "<svg" in svg and "受理" in svg and download.value.suggested_filename.endswith(".svg")

    page.emulate_media(media="print")
    assert not page.get_by_role("button", name="打印本页").is_visible()
    assert not page.locator(".powers-tabs").is_visible() and chart.is_visible()
    screenshot(page, "powers-item-print")
    page.emulate_media(media="screen")

    page.goto(page.base_url + f"/powers/?department={department.code}")
    with page.expect_download() as download:
        page.locator(".powers-downloads").get_by_role("link", name="XLSX").click()
    book = openpyxl.load_workbook(io.BytesIO(download.value.path().read_bytes()), read_only=True)
    names = sorted(row[1] for row in book["权力清单"].iter_rows(min_row=2, values_only=True))
    assert names == ["对未取得食品经营许可从事食品经营活动的处罚", "食品经营许可"]


def test_the_full_text_search_on_the_list_finds_an_item_by_its_legal_basis(page, live_server, lists):
    page.goto(page.base_url + "/powers/")
    page.fill("#fulltext", "行政许可法")
    page.locator("form.powers-fulltext").get_by_role("button", name="搜索").click()
    page.wait_for_url("**/search/?*")
    assert page.locator("main h2 a").count() == 3  # every item cites the 行政许可法
    page.get_by_role("link", name="食品经营许可", exact=True).click()
    page.wait_for_url(f"**/powers/items/{lists.item_id}/")
    screenshot(page, "powers-search-to-item")


# --- the back office: a department imports its list, its head submits, the legal affairs office approves ----



def test_a_department_imports_its_list_and_the_legal_affairs_office_approves_it(
        page, live_server, editor, head, legal_officer, department, tmp_path):
    from yifa.powers.models import ChangeRequest

    from .conftest import row, workbook

    give_passwords(editor, head, legal_officer)
    wrong, right = tmp_path / "有错的清单.xlsx", tmp_path / "清单.xlsx"
    wrong.write_bytes(workbook([row(), row(基本编码="0100102000", 事项名称="食品生产许可", 生效日期="2016/06/30")]))
    right.write_bytes(workbook([row(), row(基本编码="0100102000", 事项名称="食品生产许可")]))

    login(page, "editor")
    page.goto(page.base_url + "/admin/powers/import/")
    page.set_input_files("input[type=file]", str(wrong))
    page.get_by_role("button", name="上传并预览").click()
    problems = page.get_by_role("alert")
    assert "文件有 1 处错误，未导入任何内容" in problems.inner_text()
    assert "“2016/06/30”不是有效的日期" in problems.inner_text()
    screenshot(page, "powers-admin-import-refused")

    page.set_input_files("input[type=file]", str(right))
    page.get_by_role("button", name="上传并预览").click()
    assert "新增 2 项" in page.locator(".yifa-import-preview").inner_text()
    screenshot(page, "powers-admin-import-preview")
    page.get_by_role("button", name="确认导入到清单调整申请").click()
    page.wait_for_url("**/admin/**")
    request = ChangeRequest.objects.get()
    assert request.status == "draft"
    # The head submits, not the editor: the editor sees the step disabled, saying whose it is.
    assert page.get_by_role("link", name="提交合法性审查").count() == 0
    assert "部门负责人办理" in page.locator(".yifa-steps").inner_text()
    screenshot(page, "powers-admin-request-draft")
    request_page = page.url

    login(page, "head")
    page.goto(request_page)
    page.get_by_role("link", name="提交合法性审查").click()
    page.get_by_role("button", name="提交合法性审查").click()
    page.wait_for_url(request_page)

    login(page, "legal")
    page.goto(request_page)
    page.get_by_role("link", name="审查通过").click()
    page.fill("#id_reason", "经审查，设定依据合法。")
    screenshot(page, "powers-admin-request-review")
    page.get_by_role("button", name="审查通过").click()
    page.wait_for_url(request_page)
    request.refresh_from_db()
    assert (request.status, request.review_opinion) == ("closed", "经审查，设定依据合法。")

    page.goto(page.base_url + f"/powers/?department={department.code}")
    assert sorted(r.split("\t")[1] for r in rows(page)) == ["食品生产许可", "食品经营许可"]


def test_the_year_of_adjustments_and_the_other_two_lists_read_well(page, live_server, lists, department):
    from yifa.powers.content import ApprovalContent, IntermediaryContent

    approve(department, proposal(IntermediaryContent("ZJ001", "食品经营场所卫生检测", provider="具备资质的检测机构",
                                                      basis="《食品经营许可管理办法》第十一条"),
                                 catalogue="intermediary"))
    approve(department, proposal(ApprovalContent("SP001", "食品经营许可", approval_object="公民、法人或者其他组织",
                                                 basis="《中华人民共和国食品安全法》第三十五条", power_code="0100101000"),
                                 catalogue="approval"))
    approve(department, proposal(power("0100103000", "食品小作坊登记", responsibilities=STEPS), kind="take_over",
                                 when=D(2016, 10, 1), counterpart="绥化市食品药品监督管理局",
                                 document=("关于承接下放行政审批事项的通知", "绥政发〔2016〕9号")))
    approve(department, proposal(None, kind="cancel", code="0200101000", when=D(2016, 11, 30),
                                 document=("关于取消一批行政审批事项的决定", "肇政发〔2016〕30号")))

    page.goto(page.base_url + "/powers/adjustments/?year=2016")
    table = page.locator("table.powers-table").last.inner_text()
    assert "承接" in table and "绥化市食品药品监督管理局" in table and "食品小作坊登记" in table
    assert "取消" in table and "肇政发〔2016〕30号" in table
    assert serious_violations(page) == []
    screenshot(page, "powers-adjustments")

    page.goto(page.base_url + "/powers/intermediaries/")
    assert "食品经营场所卫生检测" in page.inner_text("main")
    assert serious_violations(page) == []
    screenshot(page, "powers-intermediaries")

    page.goto(page.base_url + "/powers/approvals/")
    assert "SP001" in page.inner_text("main")
    assert serious_violations(page) == []
    screenshot(page, "powers-approvals")
    page.get_by_role("link", name="食品经营许可", exact=True).click()
    page.wait_for_url("**/powers/items/*/")
    assert "0100101000 食品经营许可" in page.inner_text("dl")  # the power it implements, by code and name
    screenshot(page, "powers-approval-item")


@pytest.mark.parametrize("width,height", [(1366, 900), (390, 844)])
def test_the_export_screen_picks_a_date_without_a_script_error_and_exports_the_list_as_of_it(
        browser, live_server, lists, head, width, height):
    """Its date field once called Wagtail's initDateChooser, which the page never loaded: a console error and no
    picker. It is the browser's own date input now; the fixture's page fails the test on any console error."""
    from yifa.conftest import fail_on_console_errors, open_page

    page = open_page(browser, live_server, width=width, height=height, mobile=width < 500)
    try:
        give_passwords(head)
        login(page, "head")
        page.goto(page.base_url + "/admin/powers/export/")
        date = page.get_by_label("截至日期")
        assert date.get_attribute("type") == "date"
        date.fill("2016-07-01")
        assert date.input_value() == "2016-07-01"
        page.select_option("#id_format", "json")
        screenshot(page, f"powers-export-{width}")
        with page.expect_download() as download:
            page.get_by_role("button", name="导出", exact=True).click()
        body = download.value.path().read_text(encoding="utf-8")
        assert "0100101000" in body and "2016-07-01" in body
    finally:
        page.context.close()
    fail_on_console_errors(page)
