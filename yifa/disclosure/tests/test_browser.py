"""The whole path in a browser: a citizen files and follows a request; the department corrects, consults, replies.

The clock is moved (time-machine) so that the steps happen on their 2016–2017 dates, and every due
date is checked against the State Council's notices: 2017-01-01 off and 01-02 补休, 01-22 and 02-04
worked, 春节 01-27–02-02 off; 2017-09-30 worked, 10-01–10-08 off.
"""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from yifa.conftest import give_passwords, login, screenshot
from yifa.disclosure.models import DisclosureRequest

from .conftest import valid_person_id

pytestmark = pytest.mark.browser
ZHAODONG = ZoneInfo("Asia/Shanghai")


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=ZHAODONG)


@pytest.fixture
def staff(editor, head):
    give_passwords(editor, head)
    return editor


def file_request(page, department, description):
    page.goto(page.base_url + "/yishenqing/")
    page.check("input[name=applicant_type][value=natural_person]")
    page.fill("#id_applicant_name", "王建国")
    page.fill("#id_id_number", valid_person_id())
    page.fill("#id_phone", "13804551234")
    page.fill("#id_email", "wang@example.com")
    page.fill("#id_address", "肇东市正阳大街1号")
    page.select_option("#id_department", str(department.pk))
    page.fill("#id_description", description)
    page.check("input[name=delivery][value=email]")
    page.get_by_role("button", name="提交申请").click()
    page.wait_for_url("**/yishenqing/submitted/")
    return DisclosureRequest.objects.get(description=description)


def step(page, request, label, fields):
    page.goto(page.base_url + f"/admin/cases/disclosure-request/{request.pk}/")
    page.get_by_role("link", name=label, exact=True).click()
    for selector, value in fields.items():
        if selector.startswith("select:"):
            page.select_option(selector[7:], value)
        elif selector.startswith("check:"):
            page.check(selector[6:])
        else:
            page.fill(selector, value)
    page.locator("form").get_by_role("button", name=label, exact=True).click()
    page.wait_for_url(f"**/admin/cases/disclosure-request/{request.pk}/")


def track(page, request, phone="13804551234"):
    """The applicant looks the request up (code and phone are posted, never put in the URL)."""
    page.goto(page.base_url + "/yishenqing/chaxun/")
    page.fill("#id_code", request.tracking_code)
    page.fill("#id_phone", phone)
    page.get_by_role("button", name="查询").click()
    page.wait_for_load_state()


def due_date_on_screen(page, request):
    page.goto(page.base_url + f"/admin/cases/disclosure-request/{request.pk}/")
    return page.locator("section[aria-labelledby=main-deadline-heading] dd").first.inner_text().strip()


@pytest.mark.release_review
def test_a_request_across_new_year_2017_corrected_consulted_and_answered(page, live_server, staff, department):
    with time_machine.travel(at(dt.date(2016, 12, 26)), tick=True) as clock:
        request = file_request(page, department, "2016年城区道路改造工程的立项批复文件。")
        assert request.tracking_code in page.content()
        screenshot(page, "disclosure-submitted")

        clock.move_to(at(dt.date(2016, 12, 27)))
        login(page, "editor")
        step(page, request, "登记", {"select:#id_channel": "online", "#id_received_on": "2016-12-27"})
        # The 2007 text governs a 2016 request (art.24): 15 working days from 2016-12-27, New Year 01-01/01-02 off.
        assert due_date_on_screen(page, request) == "2017-01-18"
        screenshot(page, "disclosure-registered")

        clock.move_to(at(dt.date(2016, 12, 28)))
        login(page, "editor")
        step(page, request, "告知补正", {"#id_items": "请写明所需文件的名称或文号。", "#id_requested_on": "2016-12-28"})
        assert due_date_on_screen(page, request) == "中止计时中"

        track(page, request)
        assert "待申请人补正" in page.content() and "计时中止" in page.content()
        # The applicant answers the notice on the tracking page, with a file.
        page.fill("#id_text", "所需文件为肇发改〔2016〕88号立项批复。")
        page.set_input_files("#id_attachments", files=[{"name": "补正说明.pdf", "mimeType": "application/pdf",
                                                         "buffer": b"%PDF-1.4\n1 0 obj<<>>endobj\n%%EOF\n"}])
        page.get_by_role("button", name="提交补正").click()
        page.wait_for_load_state()
        assert "补正材料已提交" in page.content() and "补正说明.pdf" in page.content()
        screenshot(page, "disclosure-track-correction")

        clock.move_to(at(dt.date(2017, 1, 5)))
        login(page, "editor")
        step(page, request, "收到补正", {"#id_day": "2017-01-05"})
        # Counted afresh from 2017-01-05: 15 working days, 01-22 (a Sunday) worked.
        assert due_date_on_screen(page, request) == "2017-01-25"

        clock.move_to(at(dt.date(2017, 1, 9)))
        login(page, "editor")
        step(page, request, "征求意见", {"#id_party": "肇东市某建筑公司", "check:input[name=third_party][value='1']": "",
                                         "#id_sent_on": "2017-01-09"})
        assert due_date_on_screen(page, request) == "中止计时中"

        clock.move_to(at(dt.date(2017, 1, 20)))
        login(page, "editor")
        step(page, request, "收到意见", {"#id_answered_on": "2017-01-20", "#id_note": "第三方同意公开"})
        # 01-06 counted before; 01-09–01-20 stopped; then 01-22 and 02-04 worked, 春节 01-27–02-02 off.
        assert due_date_on_screen(page, request) == "2017-02-14"
        screenshot(page, "disclosure-after-consultation")

        clock.move_to(at(dt.date(2017, 2, 20)))
        login(page, "editor")
        # Releasing information: drafted by the editor, 保密审查 and sign-off by the head (art.17).
        step(page, request, "提交审核签发", {"check:input[name=outcome][value=granted]": "",
                                          "#id_summary": "提供立项批复文件复印件。"})
        login(page, "head")
        step(page, request, "保密审查通过", {})
        step(page, request, "签发答复", {"#id_replied_on": "2017-02-20"})
        request.refresh_from_db()
        assert (request.status, request.outcome, request.concluded_on) == ("concluded", "granted", dt.date(2017, 2, 20))

        track(page, request)
        assert "已于 2017-02-20 答复" in page.content() and "提供立项批复文件复印件。" in page.content()
        with page.expect_download() as download:
            page.get_by_role("link", name="政府信息公开申请答复书（Word）").click()
        assert download.value.suggested_filename.endswith(".docx")
        screenshot(page, "disclosure-track-answered")

        login(page, "editor")
        step(page, request, "公开答复（答复选登）", {"#id_title": "关于2016年城区道路改造工程立项批复的申请",
                                                  "#id_text": "2016年城区道路改造工程的立项批复文件。"})
        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(page.base_url + "/yishenqing/dafu/")
        page.get_by_role("link", name="关于2016年城区道路改造工程立项批复的申请").click()
        page.wait_for_url("**/yishenqing/dafu/*/")
        page.wait_for_load_state()
        assert "提供立项批复文件复印件。" in page.content() and "王建国" not in page.content()
        screenshot(page, "disclosure-answer-phone")


def test_a_request_across_the_2017_national_day_week(page, live_server, staff, department):
    with time_machine.travel(at(dt.date(2017, 9, 20)), tick=True):
        request = file_request(page, department, "2017年政府采购项目中标公告汇总。")
        login(page, "editor")
        step(page, request, "登记", {"select:#id_channel": "online", "#id_received_on": "2017-09-20"})
        # 15 working days (2007 text, art.24): 09-30 worked; 10-01–10-08 off.
        assert due_date_on_screen(page, request) == "2017-10-17"
        screenshot(page, "disclosure-national-day")


def test_the_officer_draws_an_area_over_a_name_and_the_released_copy_lacks_it(page, phone, live_server, staff, registered):
    import pymupdf

    from yifa.casework.attachments import attachments_of
    from yifa.disclosure import actions
    from yifa.disclosure.models import Redaction

    from .test_redaction import pdf, text_of, upload

    request = registered(dt.date(2017, 9, 20))
    data = pdf(["申请人：张三丰", "批复文号：肇发改〔2017〕12号", "联系电话：13804551234"], ["第二页：附件清单"])
    source = actions.add_original(actor=staff, request=request, upload=upload(data))
    login(page, "editor")
    page.goto(page.base_url + f"/admin/cases/disclosure-request/{request.pk}/")
    page.get_by_role("link", name="删除处理：立项批复.pdf").click()
    page.wait_for_url(f"**/admin/disclosure/{request.pk}/redaction/{source.pk}/")
    page.wait_for_function("() => { const i = document.querySelector('.yifa-redact__sheet img');"
                           " return i && i.complete && i.naturalWidth > 0; }")
    # Drag over the name, as it is placed on the page (points from the top left of a 595 × 842 page).
    name = pymupdf.open(stream=data, filetype="pdf")[0].search_for("张三丰")[0]
    box = page.locator(".yifa-redact__sheet").first.bounding_box()
    scale = box["width"] / 595

    def to_screen(x, y):
        return box["x"] + x * scale, box["y"] + y * scale

    page.mouse.move(*to_screen(name.x0 - 2, name.y0 - 2))
    page.mouse.down()
    page.mouse.move(*to_screen((name.x0 + name.x1) / 2, name.y1), steps=5)
    page.mouse.move(*to_screen(name.x1 + 2, name.y1 + 2), steps=5)
    page.mouse.up()
    assert page.locator(".yifa-redact__box").count() == 1
    assert page.locator("[data-redact-count]").inner_text() == "已框选 1 处"
    page.fill("#id_terms", "13804551234")
    page.check("input[name=reasons][value=third_party_rights]")
    page.evaluate("document.querySelector('.yifa-redact__box').scrollIntoView({block: 'center'})")
    screenshot(page, "disclosure-redact")
    page.get_by_role("button", name="生成删除处理后的文本").click()
    page.wait_for_url(f"**/admin/disclosure/{request.pk}/redaction/result/**")
    made = Redaction.objects.get()
    released = text_of(made.result.file.open("rb").read())
    assert "张三丰" not in released and "13804551234" not in released and "肇发改〔2017〕12号" in released
    assert made.terms_found == [{"term": "1" + "＊" * 10, "count": 1}] and len(made.areas) == 1
    assert "保护第三方合法权益（第十四条第四款）" in page.content()
    page.wait_for_function("() => [...document.querySelectorAll('.yifa-redact__page img')]"
                           ".every(i => i.complete && i.naturalWidth > 0)")
    screenshot(page, "disclosure-redaction-result")
    page.goto(page.base_url + f"/admin/cases/disclosure-request/{request.pk}/")
    page.locator("#redaction-heading").scroll_into_view_if_needed()
    screenshot(page, "disclosure-case-redactions")
    assert list(attachments_of(request).values_list("kind", flat=True)) == ["original", "redacted"]

    # On a phone: the pages fit the screen, 框选 is switched on by a button, nothing overflows.
    login(phone, "editor")
    phone.goto(phone.base_url + f"/admin/disclosure/{request.pk}/redaction/{source.pk}/")
    phone.get_by_role("button", name="框选", exact=True).click()
    assert phone.locator("[data-redact-toggle]").get_attribute("aria-pressed") == "true"
    phone.wait_for_function("() => { const i = document.querySelector('.yifa-redact__sheet img');"
                            " return i && i.complete && i.naturalWidth > 0; }")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "disclosure-redact-phone")
    phone.goto(phone.base_url + f"/admin/disclosure/{request.pk}/redaction/result/{made.pk}/")
    phone.wait_for_function("() => { const i = document.querySelector('.yifa-redact__page img');"
                            " return i && i.complete && i.naturalWidth > 0; }")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "disclosure-redaction-result-phone")
