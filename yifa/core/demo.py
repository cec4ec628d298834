"""The demo's "today": the day around which `yifa demo` places the current work of every module.

The demo has two parts. The Zhaodong 2016 history (with its 2017 aftermath) reproduces the seed report's
figures and is all concluded. The current work is placed relative to the day the demo is loaded — or to
`YIFA_DEMO_TODAY` (a setting, from the environment) — so that each demo account's home page looks like a
live office on any date: cases just received, running, due soon, overdue by a few working days, paused,
and just concluded, every one taken through the modules' actions on the days it names.

Every step is dated on or before the demo's today, and the actions refuse a day later than the clock's
today: so the demo's today may be any day from 2021 (the current work follows the 2019 disclosure text
and the 2021 fee standard) up to today, never a later one.

Demo code only: imported by the demo loaders and `yifa demo`, never by the running site.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from .dates import DateInputError, parse_day
from .errors import ActionRefused

SETTING = "YIFA_DEMO_TODAY"
# The current work follows the 2019 disclosure text and charges by the 2021 fee standard (国办函〔2020〕109号).
EARLIEST = dt.date(2021, 1, 1)

# Demo loaders at this order or later (`DemoLoader(order, ...)`) run after every module's current work is in
# place (the modules load theirs at 40–60): the place for demo data that points at current cases. The
# notifications module's loader belongs here — it leaves the demo accounts their unread notifications about
# the current cases, reading `demo_today()` for their dates.
AFTER_CURRENT_WORK = 90


class DemoDateRefused(ActionRefused):
    """YIFA_DEMO_TODAY is not a day the demo can be placed around; the message says why."""


def demo_today() -> dt.date:
    """The demo's today: `YIFA_DEMO_TODAY` when set, else the clock's today. Raises DemoDateRefused."""
    today = timezone.localdate()
    text = str(getattr(settings, SETTING, "") or "").strip()
    if not text:
        return today
    try:
        day = parse_day(text, what=SETTING)
    except DateInputError as error:
        raise DemoDateRefused(str(error)) from None
    if day > today:
        raise DemoDateRefused(_("%(setting)s=%(day)s 晚于今天 %(today)s：演示数据的每个办理步骤都记在当天或以前，"
                                "不能记在未来的日期。请设为今天或以前的日期，或者不设（即今天）。") % {
            "setting": SETTING, "day": day, "today": today})
    if day < EARLIEST:
        raise DemoDateRefused(_("%(setting)s=%(day)s 早于 %(earliest)s：当前办理中的演示案件适用2019年修订的"
                                "《政府信息公开条例》和2021年起施行的信息处理费标准。请设为 %(earliest)s 以后的日期。") % {
            "setting": SETTING, "day": day, "earliest": EARLIEST})
    return day


def demo_moment(day: dt.date, hour: int = 9, minute: int = 0) -> dt.datetime:
    """That day at that time, in the city's time zone: when a demo record was left or submitted — never later
    than now (a demo loaded at dawn has today's messages left before it was loaded)."""
    return min(timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute))), timezone.now())
