"""The whole path in a browser: a citizen leaves a message on the portal; the department's editor replies
and its head publishes it in the back office; the portal shows it with the citizen's details masked.

The clock is moved (time-machine) so that the message is left on 2017-09-20 and answered two days later,
within its reply period (five working days, the local rule's setting)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from yifa.conftest import give_passwords, login, screenshot
from yifa.interaction.models import Message
from yifa.portal.demo import load_portal_demo

# A live server needs committed data, so each test ends with a flush; the portal demo loader makes
# Wagtail's root page and locale again when a flush removed them. (Serialized rollback would serialize
# every model, including test-only ones without tables, and fail the whole run's database setup.)
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ZHAODONG = ZoneInfo("Asia/Shanghai")


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=ZHAODONG)


@pytest.fixture
def site(db, settings, editor, head):
    settings.ALLOWED_HOSTS = ["*"]
    load_portal_demo()
    give_passwords(editor, head)


def test_a_message_left_on_the_portal_is_answered_and_published(page, live_server, site, department):
    with time_machine.travel(at(dt.date(2017, 9, 20)), tick=True) as clock:
        page.goto(page.base_url + "/hdjl/")
        page.get_by_role("link", name="我要留言：向市政府各部门留言").click()
        page.wait_for_url("**/hdjl/liuyan/")
        page.get_by_role("button", name="提交留言").click()  # nothing filled in
        assert page.locator("#id_subject_errors").inner_text() == "请填写留言标题。"
        assert page.locator("#id_phone_errors").inner_text() == "请填写联系电话。"
        screenshot(page, "interaction-form-errors")

        page.select_option("#id_department", str(department.pk))
        page.fill("#id_subject", "小区门前道路破损<b>严重</b>")
        page.fill("#id_content", "正阳大街某小区门前道路坑洼，雨天积水严重。我的电话13804551234，盼复。")
        page.fill("#id_name", "王建国")
        page.fill("#id_phone", "12345")
        page.fill("#id_email", "wang@example.com")
        page.get_by_role("button", name="提交留言").click()
        assert "请填写正确的联系电话" in page.locator("#id_phone_errors").inner_text()
        page.fill("#id_phone", "138 0455 1234")
        page.get_by_role("button", name="提交留言").click()
        page.wait_for_url("**/hdjl/liuyan/yitijiao/")
        message = Message.objects.get()
        assert page.locator(".query-code").inner_text() == message.query_code
        screenshot(page, "interaction-submitted")

        clock.move_to(at(dt.date(2017, 9, 22)))
        login(page, "editor")
        page.goto(page.base_url + "/admin/cases/public-message/")
        page.get_by_role("link", name=message.reference).click()
        assert "2017-09-27" in page.locator(".yifa-deadlines").inner_text()
        page.get_by_role("link", name="答复", exact=True).click()
        page.fill("#id_reply", "您好！我局已安排对该路段进行维修，预计10月底前完工。感谢您的监督！")
        page.locator("form").get_by_role("button", name="答复", exact=True).click()
        page.wait_for_url(f"**/admin/cases/public-message/{message.pk}/")
        assert page.get_by_role("link", name="公开", exact=True).count() == 0  # the editor does not publish
        screenshot(page, "interaction-admin-replied")

        login(page, "head")
        page.goto(page.base_url + f"/admin/cases/public-message/{message.pk}/")
        page.get_by_role("link", name="公开", exact=True).click()
        preview = page.locator(".yifa-preview").inner_text()
        assert "网友" in preview and "13804551234" not in preview and "王建国" not in preview
        screenshot(page, "interaction-admin-publish-preview")
        page.locator("form").get_by_role("button", name="公开", exact=True).click()
        page.wait_for_url(f"**/admin/cases/public-message/{message.pk}/")
        log = page.locator(".yifa-event-log").inner_text()
        assert "收到公众留言" in log and "答复留言" in log and "公开留言和答复" in log
        assert "按期完成" in page.locator(".yifa-deadlines").inner_text()
        page.set_viewport_size({"width": 1280, "height": 1700})  # the back office scrolls inside: show the log
        screenshot(page, "interaction-admin-published")
        page.set_viewport_size({"width": 1280, "height": 900})

        page.context.clear_cookies()
        page.goto(page.base_url + "/hdjl/liuyan/gongkai/")
        page.get_by_role("link", name="小区门前道路破损<b>严重</b>").click()
        page.wait_for_url(f"**/hdjl/liuyan/gongkai/{message.reference}/")
        text = page.locator("main").inner_text()
        assert "预计10月底前完工" in text and "网友" in text
        assert "王建国" not in text and "13804551234" not in text and "wang@example.com" not in text
        assert "联系电话" not in text  # the phone left with the message is not published, not even masked
        assert "138****1234" in text  # the one the citizen wrote into the text is masked
        screenshot(page, "interaction-published-detail")
        page.goto(page.base_url + "/hdjl/liuyan/gongkai/")
        screenshot(page, "interaction-published-list")

        page.goto(page.base_url + "/hdjl/liuyan/chaxun/")
        page.fill("#id_code", message.query_code)
        page.fill("#id_phone", "13804551234")
        page.get_by_role("button", name="查询").click()
        assert "已答复并在网站公开" in page.locator("main").inner_text()
        screenshot(page, "interaction-lookup")


def test_the_back_office_warns_before_a_message_goes_three_months_unanswered(page, live_server, site, department,
                                                                              new_message):
    overdue = new_message(left_on=dt.date(2017, 6, 1), subject="六月的留言还没有答复")
    waiting = new_message(left_on=dt.date(2017, 7, 20), subject="七月的留言等待答复")
    fresh = new_message(left_on=dt.date(2017, 9, 4), subject="九月的留言刚收到")
    with time_machine.travel(at(dt.date(2017, 9, 5)), tick=True):
        login(page, "editor")
        checks = page.locator("#website-checks-section").inner_text()
        assert "超过 3 个月未答复" in checks and "超过 1 个月未答复" in checks and department.name in checks
        deadlines = page.locator("#my-deadlines-section").inner_text()
        # The reply period (five working days): the June and July messages are overdue, the one of
        # 09-04 (due 09-11) is not yet due soon; the three months are the website check's.
        assert overdue.reference in deadlines and waiting.reference in deadlines and "已逾期" in deadlines
        assert fresh.reference not in deadlines
        screenshot(page, "interaction-dashboard")
        page.goto(page.base_url + "/admin/cases/public-message/")
        rows = page.locator("table.listing tbody tr")
        assert rows.count() == 3 and overdue.reference in rows.first.inner_text()
        screenshot(page, "interaction-admin-queue")


def test_the_head_marks_a_message_complex_and_its_deadline_moves_to_the_complex_period(page, live_server, site,
                                                                                        new_message):
    """rules.md "Government website": 15 working days when complex, by local rule — the screen says so."""
    message = new_message(left_on=dt.date(2017, 9, 20))
    with time_machine.travel(at(dt.date(2017, 9, 21)), tick=True):
        login(page, "head")
        page.goto(page.base_url + f"/admin/cases/public-message/{message.pk}/")
        assert "2017-09-27" in page.locator(".yifa-deadlines").inner_text()
        page.get_by_role("link", name="标记为复杂留言", exact=True).click()
        assert "本地规则" in page.locator("main").inner_text()
        page.fill("#id_reason", "须到现场核查道路损坏情况。")
        screenshot(page, "interaction-mark-complex")
        page.locator("form").get_by_role("button", name="标记为复杂留言", exact=True).click()
        page.wait_for_url(f"**/admin/cases/public-message/{message.pk}/")
        assert "2017-10-17" in page.locator(".yifa-deadlines").inner_text()
        assert "须到现场核查道路损坏情况。" in page.locator("main").inner_text()
        screenshot(page, "interaction-marked-complex")
