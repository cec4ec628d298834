"""The back office's deadline and calendar screens: scoped to the user's departments, writes through actions."""

import datetime as dt

import pytest

from yifa.calendar import actions
from yifa.calendar.models import CalendarDay, HolidayNotice
from yifa.calendar.periods import Period

D = dt.date
NOTICE_2027 = """国务院办公厅关于2027年部分节假日安排的通知
国办发明电〔2026〕99号
一、元旦：1月1日（周五）至3日（周日）放假，共3天。"""


@pytest.fixture
def mine(record, editor):
    return actions.open_deadline(actor=editor, target=record, start=D(2017, 9, 20), period=Period(20),
                                 purpose="答复期限", basis="《政府信息公开条例》第三十三条")


@pytest.fixture
def theirs(other_record, make_user, other_department):
    other_editor = make_user("department_editor", other_department)
    return actions.open_deadline(actor=other_editor, target=other_record, start=D(2017, 9, 20), period=Period(20),
                                 purpose="他部门的期限")


def logged_in(client, user):
    client.force_login(user)
    return client


def test_the_deadline_list_shows_only_the_users_department(client, editor, mine, theirs):
    body = logged_in(client, editor).get("/admin/deadlines/?state=all").content.decode()
    assert "答复期限" in body
    assert "他部门的期限" not in body


def test_another_departments_deadline_is_not_found(client, editor, theirs):
    assert logged_in(client, editor).get(f"/admin/deadlines/{theirs.pk}/").status_code == 404


def test_the_deadline_screen_shows_how_the_due_date_was_reached(client, editor, mine):
    body = logged_in(client, editor).get(f"/admin/deadlines/{mine.pk}/").content.decode()
    assert "到期日是怎样算出的" in body
    assert "2017-09-30（星期六）：调休上班日" in body
    assert "到期日：2017-10-24（星期二）。" in body
    assert "开始计算期限" in body  # its event log


def test_days_used_and_left_name_their_kind_of_day(client, editor, mine, time_machine):
    """A working-day period says working days for both what is used and what is left ("已用 18 日" was ambiguous)."""
    time_machine.move_to(dt.datetime(2017, 10, 20, 9, 0))
    body = logged_in(client, editor).get(f"/admin/deadlines/{mine.pk}/").content.decode()
    assert "已用 18 个工作日，剩余 2 个工作日" in body
    assert "累计 20 个工作日" in body and "累计 20 日" not in body


def test_a_calendar_day_period_says_days(client, editor, record, time_machine):
    deadline = actions.open_deadline(actor=editor, target=record, start=D(2017, 9, 20), period=Period(60, unit="day"),
                                     purpose="复议期限")
    time_machine.move_to(dt.datetime(2017, 10, 20, 9, 0))
    body = logged_in(client, editor).get(f"/admin/deadlines/{deadline.pk}/").content.decode()
    assert "已用 30 日，剩余 30 日" in body
    assert "工作日" not in body.split("已用", 1)[1].split("</dd>", 1)[0]


def test_the_list_query_count_is_fixed(client, editor, record, django_assert_max_num_queries):
    for day in range(1, 30):
        actions.open_deadline(actor=editor, target=record, start=D(2017, 9, day), period=Period(20), purpose="p")
    logged_in(client, editor)
    with django_assert_max_num_queries(30):
        assert client.get("/admin/deadlines/?state=all").status_code == 200


def test_the_dashboard_panel_lists_due_soon_and_overdue_deadlines(client, editor, mine, theirs):
    body = logged_in(client, editor).get("/admin/").content.decode()
    assert "我的期限：即将到期和已逾期" in body
    assert "答复期限" in body and "已逾期" in body
    assert "他部门的期限" not in body


def refused(response):
    # Wagtail answers a PermissionDenied in the back office by sending the user home with a message.
    return response.status_code == 302 and response.url == "/admin/"


def test_department_staff_cannot_open_the_calendar_forms(client, editor):
    logged_in(client, editor)
    assert client.get("/admin/calendar/").status_code == 200
    assert refused(client.get("/admin/calendar/import/"))
    assert refused(client.post("/admin/calendar/import/", {"text": NOTICE_2027, "confirm": "1"}))
    assert refused(client.post("/admin/calendar/day/", {"set": "1", "day": "2027-03-01", "is_working_day": "0",
                                                        "source_document": "x"}))
    assert not HolidayNotice.objects.exists() and not CalendarDay.objects.exists()


def test_importing_through_the_screen_previews_then_imports(client, legal_officer):
    logged_in(client, legal_officer)
    preview = client.post("/admin/calendar/import/", {"text": NOTICE_2027})
    assert "预览：2027 年（国办发明电〔2026〕99号）" in preview.content.decode()
    assert not HolidayNotice.objects.exists()
    done = client.post("/admin/calendar/import/", {"text": NOTICE_2027, "confirm": "True", "year": "2027",
                                                   "document_number": "国办发明电〔2026〕99号"}, follow=True)
    assert HolidayNotice.objects.get().year == 2027
    assert "已导入 2027 年节假日安排" in done.content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": ""}, "请粘贴通知全文或上传通知文件"),
        ({"text": "今天天气很好。"}, "这似乎不是国务院办公厅节假日安排通知"),
        ({"text": NOTICE_2027, "year": "2026"}, "写的是 2027 年"),
        ({"text": NOTICE_2027, "year": "99999"}, "2199"),
    ],
)
def test_a_bad_notice_gets_a_message_and_nothing_is_imported(client, legal_officer, data, message):
    response = logged_in(client, legal_officer).post("/admin/calendar/import/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not HolidayNotice.objects.exists()


def test_an_uploaded_file_that_is_not_text_is_refused(client, legal_officer, tmp_path):
    path = tmp_path / "notice.txt"
    path.write_bytes(b"\xff\xfe\x00\x00" * 10)
    with path.open("rb") as upload:
        response = logged_in(client, legal_officer).post("/admin/calendar/import/", {"file": upload})
    assert "这不是文本文件" in response.content.decode() or "无法读取文件编码" in response.content.decode()
    assert not HolidayNotice.objects.exists()


def test_setting_and_withdrawing_a_day_through_the_screen(client, legal_officer):
    logged_in(client, legal_officer)
    response = client.post("/admin/calendar/day/", {"set": "1", "day": "2027-03-01", "is_working_day": "0",
                                                    "source_document": "肇政办发〔2027〕1号", "name": "", "note": ""})
    assert response.status_code == 302
    assert CalendarDay.objects.get(date=D(2027, 3, 1)).source_document == "肇政办发〔2027〕1号"
    refused = client.post("/admin/calendar/day/?day=2027-03-01", {"clear": "1", "day": "2027-03-01", "reason": ""})
    assert refused.status_code == 200 and CalendarDay.objects.exists()
    client.post("/admin/calendar/day/", {"clear": "1", "day": "2027-03-01", "reason": "文件撤回"})
    assert not CalendarDay.objects.exists()


def test_a_day_without_its_document_is_refused_on_screen(client, legal_officer):
    response = logged_in(client, legal_officer).post(
        "/admin/calendar/day/", {"set": "1", "day": "2027-03-01", "is_working_day": "0", "source_document": ""})
    assert response.status_code == 200
    assert not CalendarDay.objects.exists()


def test_a_year_screen_marks_an_unconfirmed_year(client, editor):
    body = logged_in(client, editor).get("/admin/calendar/2199/").content.decode()
    assert "2199 年的节假日安排尚未确认" in body
    assert logged_in(client, editor).get("/admin/calendar/1800/").status_code == 404


@pytest.mark.browser
def test_a_legal_officer_imports_a_notice_and_an_editor_sees_the_deadline_move(page, legal_officer, editor, record,
                                                                              live_server):
    from yifa.conftest import screenshot

    deadline = actions.open_deadline(actor=editor, target=record, start=D(2026, 12, 15), period=Period(20),
                                     purpose="答复期限")
    assert deadline.calendar_unconfirmed
    for user in (legal_officer, editor):
        user.set_password("yifa-test-password")
        user.save()

    def login(username):
        page.context.clear_cookies()
        page.goto(page.base_url + "/admin/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", "yifa-test-password")
        page.click("button[type=submit]")
        page.wait_for_url("**/admin/")

    login("editor")
    page.goto(page.base_url + f"/admin/deadlines/{deadline.pk}/")
    assert "日历待确认" in page.content()
    screenshot(page, "calendar-deadline-unconfirmed")

    login("legal")
    page.goto(page.base_url + "/admin/calendar/import/")
    page.fill("#id_text", NOTICE_2027)
    page.get_by_role("button", name="预览").click()
    page.wait_for_selector("#preview-heading")
    assert "预览：2027 年" in page.content()
    screenshot(page, "calendar-import-preview")
    page.get_by_role("button", name="确认导入").click()
    page.wait_for_url("**/admin/calendar/2027/")
    screenshot(page, "calendar-year-2027")

    login("editor")
    page.goto(page.base_url + f"/admin/deadlines/{deadline.pk}/")
    assert "2027-01-13" in page.content()
    assert "日历待确认：" not in page.content()
    screenshot(page, "calendar-deadline-confirmed")
    page.goto(page.base_url + "/admin/")
    screenshot(page, "dashboard-my-deadlines")
