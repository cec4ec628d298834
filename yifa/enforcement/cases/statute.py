"""The 行政处罚法 by date (../shared/rules.md, "Enforcement"): a case is governed by the text in force on the
day it was filed (立案).

- 1996 text (in force 1996-10-01; amended 2009-08-27 without touching these articles): at least two
  officers (art.37), recusal (art.37 para.3), hearing on request within 3 days of the notice (art.42(一),
  calendar days: the text has no working-day rule), payment within 15 days (art.46), a 3 % a day surcharge
  (art.51(一)). No decision period and no 法制审核 in the text.
- 2017 text (in force 2018-01-01): the same, plus art.38 para.3: before a decision the agency's 审核人员
  review it (法制审核), and a first-time reviewer holds a legal professional qualification.
- 2021 text (in force 2021-07-15): two officers (art.42), recusal (art.43), 全过程记录 (art.47), publication
  (art.48), 法制审核 (art.58), decide within 90 days of filing (art.60), hearing rights (art.63) requested
  within 5 days of the notice (art.64(一)) — working days by art.85 —, payment within 15 days (art.67),
  the surcharge capped at the fine (art.72).

Before 2018 a decision period, the statement period and 法制审核 came from local rules: `rules.py` holds them
as settings, and the deadline's basis says it is a local rule.

行政执法公示 (国办发〔2018〕118号, issued 2018-12-05): 许可 and 处罚 decisions published within 7 working
days, others within 20; withdrawn within 3 working days when revoked. Before it, publication periods are a
local rule (`rules.py`).
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from yifa.calendar.periods import Period, Unit
from yifa.calendar.statutes import Statute, StatuteVersion, StatutoryPeriod

DECISION = "decision"
HEARING_REQUEST = "hearing_request"
PAYMENT = "payment"
PUBLISH_PENALTY = "publish_penalty"
PUBLISH_OTHER = "publish_other"
WITHDRAW_REVOKED = "withdraw_revoked"

_OLD_RULES = {
    "two_officers_article": "第三十七条第一款",
    "recusal_article": "第三十七条第三款",
    "hearing_article": "第四十二条",
    "payment_article": "第四十六条第三款",
    "surcharge_article": "第五十一条第一项",
    # The cap on the surcharge came with 行政强制法 art.45 (in force 2012-01-01), not with this text.
    "surcharge_cap_basis": "《中华人民共和国行政强制法》第四十五条第二款",
    "legal_review_article": "",
    "record_article": "",
}

TEXT_1996 = StatuteVersion(
    "1996年", dt.date(1996, 10, 1),
    periods={
        HEARING_REQUEST: StatutoryPeriod(_("听证申请期限"), Period(3, Unit.DAY), "第四十二条第一项"),
        PAYMENT: StatutoryPeriod(_("缴纳罚款期限"), Period(15, Unit.DAY), "第四十六条第三款"),
    },
    rules=dict(_OLD_RULES),
)

TEXT_2009 = StatuteVersion(
    "2009年修正", dt.date(2009, 8, 27),
    periods=dict(TEXT_1996.periods),
    rules=dict(_OLD_RULES),
)

TEXT_2017 = StatuteVersion(
    "2017年修正", dt.date(2018, 1, 1),
    periods=dict(TEXT_1996.periods),
    rules={**_OLD_RULES, "legal_review_article": "第三十八条第三款"},
)

TEXT_2021 = StatuteVersion(
    "2021年修订", dt.date(2021, 7, 15),
    periods={
        DECISION: StatutoryPeriod(_("作出处罚决定期限"), Period(90, Unit.DAY), "第六十条"),
        # Art.85: "五日" in this law is working days.
        HEARING_REQUEST: StatutoryPeriod(_("听证申请期限"), Period(5, Unit.WORKING_DAY), "第六十四条第一项、第八十五条"),
        PAYMENT: StatutoryPeriod(_("缴纳罚款期限"), Period(15, Unit.DAY), "第六十七条第三款"),
    },
    rules={
        "two_officers_article": "第四十二条",
        "recusal_article": "第四十三条",
        "hearing_article": "第六十三条、第六十四条",
        "payment_article": "第六十七条第三款",
        "surcharge_article": "第七十二条第一款第一项",
        "surcharge_cap_basis": "《中华人民共和国行政处罚法》（2021年修订）第七十二条第一款第一项",
        "legal_review_article": "第五十八条",
        "record_article": "第四十七条",
        "publication_article": "第四十八条",
    },
)

PENALTY_LAW = Statute("administrative-penalty", "中华人民共和国行政处罚法",
                      versions=[TEXT_1996, TEXT_2009, TEXT_2017, TEXT_2021])

PUBLICITY_2018 = StatuteVersion(
    "国办发〔2018〕118号", dt.date(2018, 12, 5),
    periods={
        PUBLISH_PENALTY: StatutoryPeriod(_("公示期限（许可、处罚）"), Period(7, Unit.WORKING_DAY), "二、（三）加强事后公开"),
        PUBLISH_OTHER: StatutoryPeriod(_("公示期限（其他执法决定）"), Period(20, Unit.WORKING_DAY), "二、（三）加强事后公开"),
        WITHDRAW_REVOKED: StatutoryPeriod(_("撤下已撤销决定的期限"), Period(3, Unit.WORKING_DAY), "二、（三）加强事后公开"),
    },
)

PUBLICITY = Statute("enforcement-publicity", "国务院办公厅关于全面推行行政执法公示制度执法全过程记录制度重大执法决定法制审核制度的指导意见",
                    versions=[PUBLICITY_2018])


def text_for(filed_on: dt.date) -> StatuteVersion:
    """The text of the 行政处罚法 governing a case filed that day."""
    return PENALTY_LAW.in_force(filed_on)


def cite(version: StatuteVersion, rule: str) -> str:
    article = version.rule(rule, "")
    return version.cite(article) if article else ""
