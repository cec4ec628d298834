"""The government-website checks, run before an inspection would fail them (rules.md, Government website).

政府网站发展指引 (国办发〔2017〕47号) and the national website inspection fail a site whose home page
has not been updated for 2 weeks, whose news columns have not been updated for 2 weeks or notice
and policy columns for 6 months, that has 5 or more empty columns, or that leaves a public message
unanswered for more than 3 months. yifa warns editors early: findings are "warn" a few days before
they would be "fail". Modules add their own checks in their `Module` (`website_checks`).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page

from yifa.calendar.periods import months_before
from yifa.core import modules
from yifa.core.modules import Finding

from .models import ArticlePage, ColumnPage, HomePage

HOME_DAYS = 14  # home page: updated within 2 weeks
NEWS_DAYS = 14  # news columns: 2 weeks
NOTICE_MONTHS = 6  # notice and policy columns: 6 months
EMPTY_COLUMNS_FAIL = 5
WARN_BEFORE_DAYS = 4  # warn this many days before a day-count check fails
WARN_BEFORE_MONTHS = 1  # … and this many months before a month-count check fails
EMPTY_COLUMNS_WARN = 3


def _age_finding(label: str, last: dt.date | None, today: dt.date, *, days: int | None = None,
                 months: int | None = None, page_id: int | None = None) -> Finding | None:
    if last is None:
        return None  # an empty column is the empty-column check's business
    if days is not None:
        fail_on, warn_on = today - dt.timedelta(days=days), today - dt.timedelta(days=days - WARN_BEFORE_DAYS)
        limit = _("%(n)s 天") % {"n": days}
    else:
        fail_on, warn_on = months_before(today, months or 0), months_before(today, (months or 0) - WARN_BEFORE_MONTHS)
        limit = _("%(n)s 个月") % {"n": months}
    values = {"what": label, "last": last.isoformat(), "limit": limit}
    if last < fail_on:
        return Finding("fail", _("%(what)s最近一次更新在 %(last)s，已超过 %(limit)s 未更新。") % values, page_id)
    if last < warn_on:
        return Finding("warn", _("%(what)s最近一次更新在 %(last)s，即将超过 %(limit)s 未更新，请及时更新。") % values, page_id)
    return None


def website_checks(today: dt.date | None = None) -> list[Finding]:
    today = today or timezone.localdate()
    findings: list[Finding] = []
    for home in HomePage.objects.live():
        latest = Page.objects.live().descendant_of(home, inclusive=True).aggregate(last=Max("last_published_at"))["last"]
        latest_article = ArticlePage.objects.live().descendant_of(home).aggregate(last=Max("published_on"))["last"]
        last = max([d for d in (latest_article, latest) if d is not None], default=None)
        finding = _age_finding(_("网站首页"), timezone.localdate(last) if last else None, today, days=HOME_DAYS,
                               page_id=home.pk)
        if finding:
            findings.append(finding)
        empty = []
        for column in ColumnPage.objects.live().descendant_of(home):
            last_article = ArticlePage.objects.live().descendant_of(column).aggregate(last=Max("published_on"))["last"]
            if last_article is None:
                if not column.module_listing and column.kind != ColumnPage.Kind.INTERACTION:
                    empty.append(column)
                continue
            label = _("栏目“%(title)s”") % {"title": column.title}
            last_day = timezone.localdate(last_article)
            if column.kind == ColumnPage.Kind.NEWS:
                finding = _age_finding(label, last_day, today, days=NEWS_DAYS, page_id=column.pk)
            elif column.kind in (ColumnPage.Kind.NOTICE, ColumnPage.Kind.POLICY):
                finding = _age_finding(label, last_day, today, months=NOTICE_MONTHS, page_id=column.pk)
            else:
                finding = None
            if finding:
                findings.append(finding)
        if len(empty) >= EMPTY_COLUMNS_WARN:
            level = "fail" if len(empty) >= EMPTY_COLUMNS_FAIL else "warn"
            findings.append(Finding(level, _("有 %(n)s 个空栏目（达到 %(limit)s 个即不合格）：%(titles)s。") % {
                "n": len(empty), "limit": EMPTY_COLUMNS_FAIL, "titles": "、".join(c.title for c in empty)}))
    for check in modules.website_checks():
        findings.extend(check(today))
    return sorted(findings, key=lambda f: f.level != "fail")
