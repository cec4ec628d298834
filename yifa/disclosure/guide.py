"""Each agency's 政府信息公开指南 (《政府信息公开条例》第十二条: the guide says how to request information, where,
the periods, the fees and the remedies, and is kept current). Generated, never typed: from the agency's record
in `org` (name, address, phone), the text of the 条例 in force on the day it is read (its periods, `statute.py`),
the information-processing fee standard once it applies (`fees.py`, 国办函〔2020〕109号 from 2021-01-01), and the
remedies with the bodies the city has set (`documents.remedies`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _

from yifa.org.models import Department

from . import fees, statute
from .documents import remedies


@dataclass(frozen=True)
class GuidePeriod:
    label: str
    length: str
    basis: str


@dataclass(frozen=True)
class Guide:
    agency: Department
    on: dt.date
    text_name: str  # the 条例 in force: "2019年修订"
    periods: list[GuidePeriod]
    fee_lines: list[str]
    remedies: str


def agency_guide(agency: Department, on: dt.date) -> Guide:
    text = statute.text_for(on)
    periods = [GuidePeriod(str(p.label), p.describe(), text.cite(p.article)) for p in text.periods.values()]
    # 《政府信息公开条例》第二十六条: proactive disclosure within 20 working days of being made or changed.
    periods.insert(0, GuidePeriod(_("主动公开期限（自信息形成或者变更之日起）"), _("20 个工作日"),
                                  text.cite("第二十六条") if text.name != "2007年" else text.cite("第十八条")))
    if text.rule("processing_fee") and on >= statute.PROCESSING_FEE_FROM:
        fee_lines = [
            _("行政机关依申请提供政府信息，不收取费用。但是，申请人申请公开政府信息的数量、频次明显超过合理范围的，"
              "行政机关可以收取信息处理费（《政府信息公开条例》第四十二条）。"),
            _("按件计收：同一申请人一个自然月内累计申请 %(free)s 件以下（含）的，不收费；第 11—30 件，每件 100 元；"
              "超过 30 件的部分，每增加 10 件，每件收费标准提高 100 元。") % {"free": fees.FREE_REQUESTS},
            _("按量计收：同一申请 %(free)s 页以下（含）的，不收费；31—100 页的部分每页 10 元；101—200 页的部分每页 20 元；"
              "201 页以上的部分每页 40 元。") % {"free": fees.FREE_PAGES},
            _("两种方式只选其一，不同时适用（国办函〔2020〕109号《政府信息公开信息处理费管理办法》）。需要收费的，"
              "行政机关出具收费通知；申请人自收到通知之日起 20 个工作日内缴费，等待缴费的时间不计入答复期限。"),
        ]
    elif text.rule("processing_fee"):
        fee_lines = [_("行政机关依申请提供政府信息，不收取费用（信息处理费的收费标准自 2021 年 1 月 1 日起施行）。")]
    else:
        fee_lines = [_("行政机关依申请提供政府信息，除可以收取检索、复制、邮寄等成本费用外，不得收取其他费用。")]
    # The remedies as every reply states them (with the bodies: 行政复议法 art.20), said of a reply to come.
    challenge = remedies(on).replace("如对本答复不服，", "申请人对本机构的政府信息公开答复不服的，")
    return Guide(agency, on, text.name, periods, fee_lines, challenge)
