"""Reading a year's State Council holiday notice (国务院办公厅关于××年部分节假日安排的通知).

The notices have kept one shape since 2008: numbered items "一、元旦：1月1日放假，与周末连休。",
each naming the days off ("…至…放假", "…补休") and the weekend days worked in exchange
("…（星期日）、…（星期六）上班"). `parse_notice` reads that text, pasted or uploaded, and also the
yearly JSON published by the holiday-cn project; anything else gets a message that says what is
missing, and nothing is imported.

We parse it ourselves rather than depend on `cnworkdays`: that package's parser drops the
holidays' names and weekend days off and misses "补休" days (2016: "5月2日（星期一）补休"), and it
brings a terminal UI and a notebook server as dependencies.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from yifa.core.errors import ActionRefused


class NoticeError(ActionRefused):
    """The text is not a holiday notice we can read; the message says what is wrong."""


@dataclass(frozen=True)
class NoticeDay:
    date: dt.date
    working: bool  # False: a day off (放假, 补休); True: a weekend day worked (调休上班)
    name: str  # the item it belongs to, e.g. "国庆节、中秋节"


@dataclass
class ParsedNotice:
    year: int
    document_number: str
    title: str
    days: list[NoticeDay] = field(default_factory=list)
    items: list[str] = field(default_factory=list)

    @property
    def days_off(self) -> list[NoticeDay]:
        return [d for d in self.days if not d.working]

    @property
    def working_days(self) -> list[NoticeDay]:
        return [d for d in self.days if d.working]


CN_NUMERALS = "一二三四五六七八九十"
ITEM = re.compile(rf"(?:^|[。\n\s])([{CN_NUMERALS}]{{1,2}})、([^:。\n]{{1,40}}?):")
DATE = r"(?:(\d{4})年)?(\d{1,2})月(\d{1,2})日(?:\([^)]*\))?"
DAYS_OFF = re.compile(DATE + r"(?:至" + r"(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日(?:\([^)]*\))?" + r")?放假")
IN_LIEU = re.compile(DATE + r"补休")
ONE_DATE = re.compile(DATE)
WORKED = re.compile(r"([^,。;]*?)上班")
TITLE_YEAR = re.compile(r"关于(\d{4})年(?:部分)?节假日安排的通知")
DOCUMENT_NUMBER = re.compile(r"国办发明电\s*[〔\[(（]\s*(\d{4})\s*[〕\])）]\s*(\d{1,3})\s*号")
LONGEST_BREAK = 12  # days; the longest break so far is 9 (2026 春节)


def _normalise(text: str) -> str:
    # Full-width digits, colons and parentheses to their ASCII forms, so one pattern reads both.
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\u3000", " ").replace("\r\n", "\n").replace("\r", "\n")
    return re.sub(r"[ \t]+", "", text)


def _date(year: int, month: str, day: str, where: str) -> dt.date:
    try:
        return dt.date(year, int(month), int(day))
    except ValueError:
        raise NoticeError(_("“%(where)s”中的日期 %(month)s月%(day)s日 不存在。") % {
            "where": where, "month": month, "day": day}) from None


def parse_notice(text: str, *, year: int | None = None, document_number: str = "") -> ParsedNotice:
    """Read a notice (text or holiday-cn JSON) for `year`. Raises NoticeError with a readable message."""
    if not isinstance(text, str) or not text.strip():
        raise NoticeError(_("通知内容为空。请粘贴或上传国务院办公厅节假日安排通知的全文。"))
    if "\x00" in text:
        raise NoticeError(_("这不是文本文件。请上传通知的 .txt 文本，或粘贴通知全文。"))
    stripped = text.strip()
    if stripped.startswith("{"):
        return _parse_json(stripped, year=year, document_number=document_number)
    return _parse_text(stripped, year=year, document_number=document_number)


def _check_year(found: int | None, year: int | None) -> int:
    if year is not None and not 1949 <= year <= 2199:
        raise NoticeError(_("年度 %(year)s 不在可导入的范围内。") % {"year": year})
    if found is not None and year is not None and found != year:
        raise NoticeError(
            _("通知写的是 %(found)s 年的节假日安排，但要导入的年度是 %(year)s 年。") % {"found": found, "year": year}
        )
    result = found if found is not None else year
    if result is None:
        raise NoticeError(_("没有找到通知所属的年度：请指定年度，或粘贴带标题的通知全文。"))
    return result


def _parse_text(raw: str, *, year: int | None, document_number: str) -> ParsedNotice:
    text = _normalise(raw)
    headers = list(ITEM.finditer(text))
    if not headers:
        raise NoticeError(
            _("没有找到节假日条目（例如“一、元旦：1月1日放假……”）。这似乎不是国务院办公厅节假日安排通知。")
        )
    title_match = TITLE_YEAR.search(text)
    the_year = _check_year(int(title_match.group(1)) if title_match else None, year)
    number_match = DOCUMENT_NUMBER.search(text)
    if not document_number and number_match:
        document_number = f"国办发明电〔{number_match.group(1)}〕{number_match.group(2)}号"
    notice = ParsedNotice(
        year=the_year, document_number=document_number.strip(),
        title=_("国务院办公厅关于%(year)s年部分节假日安排的通知") % {"year": the_year},
    )
    seen: dict[dt.date, NoticeDay] = {}
    for index, header in enumerate(headers):
        name = header.group(2).strip()
        body_end = headers[index + 1].start() if index + 1 < len(headers) else len(text)
        body = text[header.end():body_end]
        where = f"{header.group(1)}、{name}"
        off = _days_off(body, the_year, where)
        if not off:
            raise NoticeError(_("条目“%(item)s”中没有找到放假日期。") % {"item": where})
        worked = _days_worked(body, the_year, where)
        notice.items.append(name)
        for day in off:
            _add(seen, NoticeDay(day, False, name), where)
        for day in worked:
            _add(seen, NoticeDay(day, True, name), where)
    notice.days = sorted(seen.values(), key=lambda d: d.date)
    _check_days(notice)
    return notice


def _days_off(body: str, year: int, where: str) -> list[dt.date]:
    days: list[dt.date] = []
    for m in DAYS_OFF.finditer(body):
        start_year = int(m.group(1) or year)
        start = _date(start_year, m.group(2), m.group(3), where)
        if m.group(6):
            end = _date(int(m.group(4) or start_year), m.group(5) or m.group(2), m.group(6), where)
            if end < start and not m.group(4) and m.group(5) and int(m.group(5)) < start.month:
                end = _date(start_year + 1, m.group(5), m.group(6), where)  # "12月31日至1月2日"
        else:
            end = start
        if end < start:
            raise NoticeError(_("“%(where)s”中的放假期间 %(start)s 至 %(end)s 起止颠倒。") % {
                "where": where, "start": start, "end": end})
        if (end - start).days + 1 > LONGEST_BREAK:
            raise NoticeError(_("“%(where)s”中的放假期间 %(start)s 至 %(end)s 超过 %(n)s 天，请核对通知原文。") % {
                "where": where, "start": start, "end": end, "n": LONGEST_BREAK})
        day = start
        while day <= end:
            days.append(day)
            day += dt.timedelta(days=1)
    for m in IN_LIEU.finditer(body):
        day = _date(int(m.group(1) or year), m.group(2), m.group(3), where)
        if day.weekday() >= 5:
            raise NoticeError(_("“%(where)s”中的补休日 %(day)s 是周末，请核对通知原文。") % {"where": where, "day": day})
        days.append(day)
    return days


def _days_worked(body: str, year: int, where: str) -> list[dt.date]:
    days: list[dt.date] = []
    for clause in WORKED.finditer(body):
        for m in ONE_DATE.finditer(clause.group(1)):
            day = _date(int(m.group(1) or year), m.group(2), m.group(3), where)
            if day.weekday() < 5:
                raise NoticeError(
                    _("“%(where)s”中的调休上班日 %(day)s 不是周六或周日，请核对通知原文。") % {"where": where, "day": day}
                )
            days.append(day)
    return days


def _add(seen: dict[dt.date, NoticeDay], day: NoticeDay, where: str) -> None:
    existing = seen.get(day.date)
    if existing is not None and existing.working != day.working:
        raise NoticeError(_("%(day)s 既被列为放假日又被列为上班日（“%(where)s”），请核对通知原文。") % {
            "day": day.date, "where": where})
    seen.setdefault(day.date, day)


def _check_days(notice: ParsedNotice) -> None:
    for day in notice.days:
        if abs(day.date.year - notice.year) > 1 or (
            day.date.year != notice.year and day.date.month not in (1, 12)
        ):
            raise NoticeError(_("%(day)s 不在 %(year)s 年的节假日安排范围内。") % {"day": day.date, "year": notice.year})


def _parse_json(raw: str, *, year: int | None, document_number: str) -> ParsedNotice:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        raise NoticeError(_("JSON 格式有误（第 %(line)s 行）：%(msg)s") % {"line": error.lineno, "msg": error.msg}) from None
    if not isinstance(data, dict) or not isinstance(data.get("days"), list):
        raise NoticeError(_("JSON 中没有 days 列表：应为 holiday-cn 项目的年度数据格式。"))
    found = data.get("year")
    the_year = _check_year(found if isinstance(found, int) else None, year)
    notice = ParsedNotice(
        year=the_year, document_number=document_number.strip(),
        title=_("国务院办公厅关于%(year)s年部分节假日安排的通知") % {"year": the_year},
    )
    seen: dict[dt.date, NoticeDay] = {}
    for position, entry in enumerate(data["days"], start=1):
        if not isinstance(entry, dict) or not {"name", "date", "isOffDay"} <= set(entry):
            raise NoticeError(_("days 的第 %(n)s 项缺少 name、date 或 isOffDay。") % {"n": position})
        where = str(entry["name"])
        try:
            day = dt.date.fromisoformat(str(entry["date"]))
        except ValueError:
            raise NoticeError(_("days 的第 %(n)s 项日期“%(date)s”无效。") % {"n": position, "date": entry["date"]}) from None
        working = not bool(entry["isOffDay"])
        if working and day.weekday() < 5:
            raise NoticeError(_("“%(where)s”中的调休上班日 %(day)s 不是周六或周日，请核对通知原文。") % {"where": where, "day": day})
        _add(seen, NoticeDay(day, working, where), where)
        if where not in notice.items:
            notice.items.append(where)
    if not seen:
        raise NoticeError(_("JSON 中没有任何日期。"))
    notice.days = sorted(seen.values(), key=lambda d: d.date)
    _check_days(notice)
    return notice
