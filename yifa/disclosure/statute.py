"""The 政府信息公开条例 by date (../shared/rules.md, "Information disclosure by request"): a request is
governed by the text in force on the day it was received.

- 2007 text (国务院令第492号, in force 2008-05-01): reply within 15 working days, extension up to 15
  working days with the head of the disclosure office's approval (art.24); only the cost of searching,
  copying and mailing may be charged, no information-processing fee (art.27); the time a third party
  takes is not counted (art.23), and the text gives it no period of its own.
- 2019 text (国务院令第711号, in force 2019-05-15): reply within 20 working days, extension up to 20,
  approved and notified within the period (art.33); one correction notice within 7 working days
  (art.30); a third party answers within 15 working days of receiving the letter (art.32); another
  agency within 15 working days, silence counting as consent (art.34); a longer period for excessive
  requests, with reasons (art.35); the information-processing fee where the volume or frequency is
  clearly unreasonable (art.42) — charged by the standard of 国办函〔2020〕109号 from 2021-01-01.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from yifa.calendar.periods import Period, Unit
from yifa.calendar.statutes import Statute, StatuteVersion, StatutoryPeriod

REPLY = "reply"
CORRECTION_NOTICE = "correction_notice"
THIRD_PARTY = "third_party"
INTER_AGENCY = "inter_agency"

# The information-processing fee standard (国办函〔2020〕109号《政府信息公开信息处理费管理办法》) took effect
# on 2021-01-01: before that no standard existed to charge by, whatever the 2019 text allowed.
PROCESSING_FEE_FROM = dt.date(2021, 1, 1)

TEXT_2007 = StatuteVersion(
    "2007年", dt.date(2008, 5, 1),
    periods={
        REPLY: StatutoryPeriod(_("答复期限"), Period(15, Unit.WORKING_DAY, max_extension=15), "第二十四条"),
    },
    rules={
        "processing_fee": False,  # art.27: cost fees only
        "correction_article": "第二十一条第四项",
        "extension_article": "第二十四条第二款",
        "consultation_article": "第二十三条",
        "review_article": "第十四条",  # 保密审查 before release
    },
)

TEXT_2019 = StatuteVersion(
    "2019年修订", dt.date(2019, 5, 15),
    periods={
        REPLY: StatutoryPeriod(_("答复期限"), Period(20, Unit.WORKING_DAY, max_extension=20), "第三十三条"),
        CORRECTION_NOTICE: StatutoryPeriod(_("补正告知期限"), Period(7, Unit.WORKING_DAY), "第三十条"),
        THIRD_PARTY: StatutoryPeriod(_("第三方答复期限"), Period(15, Unit.WORKING_DAY), "第三十二条"),
        INTER_AGENCY: StatutoryPeriod(_("其他机关答复期限"), Period(15, Unit.WORKING_DAY), "第三十四条"),
    },
    rules={
        "processing_fee": True,  # art.42, by 国办函〔2020〕109号 from PROCESSING_FEE_FROM
        "correction_article": "第三十条",
        "extension_article": "第三十三条第二款",
        "consultation_article": "第三十二条、第三十四条",
        "excessive_article": "第三十五条",
        "review_article": "第十七条",  # the agency's review procedure before release
    },
)

DISCLOSURE = Statute("disclosure", "政府信息公开条例", versions=[TEXT_2007, TEXT_2019])


def text_for(received_on: dt.date) -> StatuteVersion:
    """The text governing a request received on that day."""
    return DISCLOSURE.in_force(received_on)
