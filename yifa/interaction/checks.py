"""The government-website check for public messages (rules.md "Government website"): the checks
政府网站与政务新媒体检查指标 (国办秘函〔2019〕19号) fail a site that leaves a public message unanswered for
more than three months (互动回应差); yifa warns from one month on. The three months are the inspection's
automatic failure, not the reply period (the local rule's, a setting: actions.py). Findings name
departments and counts only: the dashboard panel is site-wide, and a department's messages are not
another department's business."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from yifa.calendar.periods import months_before
from yifa.core.modules import Finding

from .selectors import unanswered

# 国办秘函〔2019〕19号, 互动回应差: a message unanswered for more than three months fails the site.
UNANSWERED_FAIL_MONTHS = 3
WARN_MONTHS = 1


def unanswered_messages(today: dt.date) -> list[Finding]:
    fail_before = months_before(today, UNANSWERED_FAIL_MONTHS)
    # Few rows: only messages already a month old and unanswered.
    rows = (unanswered(months_before(today, WARN_MONTHS))
            .order_by("department__sort_order", "department_id", "received_on")
            .values_list("department__name", "received_on"))
    by_department: dict[str, dict[str, list[dt.date]]] = {}
    for name, received_on in rows:
        group = by_department.setdefault(name, {"fail": [], "warn": []})
        group["fail" if received_on < fail_before else "warn"].append(received_on)
    findings: list[Finding] = []
    for name, group in by_department.items():
        if group["fail"]:
            findings.append(Finding("fail", _(
                "%(department)s有 %(n)s 条公众留言超过 3 个月未答复（最早 %(earliest)s 收到），政府网站检查将判为不合格（互动回应差），请立即答复并公开。"
            ) % {"department": name, "n": len(group["fail"]), "earliest": group["fail"][0].isoformat()}))
        if group["warn"]:
            findings.append(Finding("warn", _(
                "%(department)s有 %(n)s 条公众留言超过 1 个月未答复（最早 %(earliest)s 收到），超过 3 个月即不合格，请及时答复并公开。"
            ) % {"department": name, "n": len(group["warn"]), "earliest": group["warn"][0].isoformat()}))
    return findings
