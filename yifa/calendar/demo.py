"""Demo calendar: the State Council holiday notices for 2016 and 2017, imported as the city would.

The package already knows these years; importing the notices shows the path a city takes each
November, and names each holiday's document number in every deadline's trace.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from django.utils.translation import gettext as _

from yifa.audit.actors import DEMO_LOADER

from .actions import import_holiday_notice
from .workcalendar import current_calendar

NOTICES = Path(__file__).with_name("notices")


def load_calendar_demo() -> str:
    imported = []
    for path in sorted(NOTICES.glob("*.txt")):
        outcome = import_holiday_notice(actor=DEMO_LOADER, text=path.read_text(encoding="utf-8"), year=int(path.stem))
        imported.append(f"{outcome.notice.year}（{outcome.notice.document_number}）")
    return _("已导入节假日安排通知：%(notices)s") % {"notices": "、".join(imported)}


def working_days_before(day: dt.date, n: int) -> dt.date:
    """The n-th working day before `day` (n ≥ 1) by the city's calendar; `day` itself when n is 0.

    The other modules' demo loaders place their current work with it: a request received 23 working days
    before the demo's today is 3 working days past its 20-working-day reply period."""
    calendar = current_calendar()
    found = day
    while n > 0:
        found -= dt.timedelta(days=1)
        if calendar.is_working_day(found):
            n -= 1
    return found
