"""Reading the State Council's holiday notices: every format since 2016, and anything that is not one."""

import datetime as dt
import json
from pathlib import Path

import pytest
from chinese_calendar import is_workday

from yifa.calendar.notices import NoticeError, parse_notice

NOTICES = Path(__file__).resolve().parents[1] / "notices"

NOTICE_2025 = """国务院办公厅关于2025年部分节假日安排的通知
经国务院批准，现将2025年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
一、元旦：1月1日（周三）放假1天，不调休。
二、春节：1月28日（农历除夕、周二）至2月4日（农历正月初七、周二）放假调休，共8天。1月26日（周日）、2月8日（周六）上班。
三、清明节：4月4日（周五）至6日（周日）放假，共3天。
四、劳动节：5月1日（周四）至5日（周一）放假调休，共5天。4月27日（周日）上班。
五、端午节：5月31日（周六）至6月2日（周一）放假，共3天。
六、国庆节、中秋节：10月1日（周三）至8日（周三）放假调休，共8天。9月28日（周日）、10月11日（周六）上班。
节假日期间，各地区、各部门要妥善安排好值班和安全、保卫、疫情防控等工作。"""

NOTICE_2026 = """国务院办公厅关于2026年部分节假日安排的通知
一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
二、春节：2月15日（农历腊月二十八、周日）至23日（农历正月初七、周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
三、清明节：4月4日（周六）至6日（周一）放假，共3天。
四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
五、端午节：6月19日（周五）至21日（周日）放假，共3天。
六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。"""


def working_days_by_notice(notice):
    listed = {day.date: day.working for day in notice.days}
    day, result = dt.date(notice.year, 1, 1), {}
    while day.year == notice.year:
        result[day] = listed.get(day, day.weekday() < 5)
        day += dt.timedelta(days=1)
    return result


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ((NOTICES / "2016.txt").read_text(encoding="utf-8"), 2016),
        ((NOTICES / "2017.txt").read_text(encoding="utf-8"), 2017),
        (NOTICE_2025, 2025),
        (NOTICE_2026, 2026),
    ],
)
def test_each_notice_gives_exactly_the_official_working_days(text, year):
    notice = parse_notice(text, year=year, document_number="" if year < 2025 else "测试文号")
    assert notice.year == year
    assert {day: is_workday(day) for day in working_days_by_notice(notice)} == working_days_by_notice(notice)


def test_the_document_number_and_the_items_are_read_from_the_notice():
    notice = parse_notice((NOTICES / "2017.txt").read_text(encoding="utf-8"))
    assert notice.document_number == "国办发明电〔2016〕17号"
    assert notice.items == ["元旦", "春节", "清明节", "劳动节", "端午节", "中秋节、国庆节"]
    assert [d.date for d in notice.working_days] == [
        dt.date(2017, 1, 22), dt.date(2017, 2, 4), dt.date(2017, 4, 1), dt.date(2017, 5, 27), dt.date(2017, 9, 30)
    ]


def test_a_补休_day_is_a_day_off():
    notice = parse_notice((NOTICES / "2016.txt").read_text(encoding="utf-8"))
    assert dt.date(2016, 5, 2) in {d.date for d in notice.days_off}


def test_full_width_digits_and_a_break_across_new_year_are_read():
    text = "国务院办公厅关于２０２３年部分节假日安排的通知\n一、元旦：2022年12月31日至2023年1月2日放假调休，共3天。"
    notice = parse_notice(text)
    assert [d.date for d in notice.days_off] == [dt.date(2022, 12, 31), dt.date(2023, 1, 1), dt.date(2023, 1, 2)]


def test_holiday_cn_json_is_accepted():
    data = {"year": 2027, "days": [
        {"name": "元旦", "date": "2027-01-01", "isOffDay": True},
        {"name": "春节", "date": "2027-02-06", "isOffDay": False},
    ]}
    notice = parse_notice(json.dumps(data, ensure_ascii=False), year=2027)
    assert [(d.date, d.working) for d in notice.days] == [(dt.date(2027, 1, 1), False), (dt.date(2027, 2, 6), True)]


@pytest.mark.parametrize(
    ("text", "year", "message"),
    [
        ("", 2027, "通知内容为空"),
        ("   \n ", 2027, "通知内容为空"),
        ("各位同事：明天下午开会。", 2027, "这似乎不是国务院办公厅节假日安排通知"),
        ("<script>alert(1)</script>", 2027, "这似乎不是"),
        ("PK\x03\x04\x00\x00binary", 2027, "这不是文本文件"),
        ("一、元旦：1月1日放假。", None, "没有找到通知所属的年度"),
        ("国务院办公厅关于2026年部分节假日安排的通知\n一、元旦：1月1日放假。", 2027, "写的是 2026 年"),
        ("一、春节：2月30日至3月2日放假。", 2027, "2月30日 不存在"),
        ("一、春节：2月10日放假调休。2月11日（星期四）上班。", 2027, "不是周六或周日"),
        ("一、春节：关于放假另行通知。", 2027, "没有找到放假日期"),
        ("一、春节：2月1日至28日放假。", 2027, "超过 12 天"),
        ("一、春节：2月6日至7日放假。2月6日（星期六）上班。", 2027, "既被列为放假日又被列为上班日"),
        ("{not json", 2027, "JSON 格式有误"),
        ('{"year": 2027}', 2027, "没有 days 列表"),
        ('{"year": 2027, "days": [{"date": "2027-13-01", "name": "x", "isOffDay": true}]}', 2027, "日期“2027-13-01”无效"),
        ("一、元旦：1月1日放假。", 1800, "不在可导入的范围内"),
    ],
)
def test_anything_that_is_not_a_notice_is_refused_with_a_message(text, year, message):
    with pytest.raises(NoticeError, match=message):
        parse_notice(text, year=year)
