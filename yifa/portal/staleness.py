"""The government-website checks, run before an inspection would fail them (rules.md, Government website).

The checks are 政府网站与政务新媒体检查指标 (国办秘函〔2019〕19号). "Updated" means new content: an
article published into a column (its 发布时间) or a record a module published into the listing the
column shows (`Publication.published_at`, read through `yifa.publication.selectors`) — never a page's
technical publication or re-save. An inspection fails the site when:

- the home page has had no new content for 2 weeks (网站不更新): new content anywhere on the site;
- 5 or more columns that should be updated are not (news 2 weeks, notices and policies 6 months),
  counted together (栏目不更新); a single stale column is a warning, not a failure;
- 10 or more columns that should be updated have not been for a long time (应更新但长期未更新). The
  checks do not say how long: `settings.YIFA_WEBSITE_LONG_UNUPDATED_MONTHS` (12 months by default);
- 5 or more columns are empty (空白栏目);
- a public message is unanswered for more than 3 months (互动回应差): the interaction module's own check.

The agencies' catalogues (`catalogue.catalogue_checks`, 《政府信息公开条例》第二十条、第二十六条): an agency with
nothing under a category every agency must keep filled, and items published more than 20 working days after
the information was made or changed, are warnings.

Registry columns (权责清单, 重大行政决策, 行政复议: kind "registry", or showing a module's registry
listing) are not notice columns: no update period applies to them. yifa warns editors early: a
check is "warn" a few days before it would be "fail". Modules add their own checks in their
`Module` (`website_checks`).
"""

from __future__ import annotations

import datetime as dt
import operator
from collections.abc import Iterable
from functools import reduce

from django.conf import settings
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from yifa.calendar.periods import months_before
from yifa.core import modules
from yifa.core.modules import Finding
from yifa.publication.selectors import live

from .catalogue import catalogue_checks
from .models import ArticlePage, ColumnPage, HomePage

# The national checks (国办秘函〔2019〕19号; rules.md, Government website).
HOME_DAYS = 14  # home page: new content within 2 weeks
NEWS_DAYS = 14  # news columns: 2 weeks
NOTICE_MONTHS = 6  # notice and policy columns: 6 months
STALE_COLUMNS_FAIL = 5  # columns not updated in time, counted together
LONG_UNUPDATED_COLUMNS_FAIL = 10  # columns not updated for a long time
EMPTY_COLUMNS_FAIL = 5
# yifa's early warnings.
WARN_BEFORE_DAYS = 4  # warn this many days before a day-count check fails
WARN_BEFORE_MONTHS = 1  # … and this many months before a month-count check fails
STALE_COLUMNS_WARN = 3
LONG_UNUPDATED_COLUMNS_WARN = 7
EMPTY_COLUMNS_WARN = 3


def long_unupdated_months() -> int:
    """How long "长期未更新" is: the checks do not say, so it is a setting (12 months by default)."""
    return max(1, int(getattr(settings, "YIFA_WEBSITE_LONG_UNUPDATED_MONTHS", 12)))


def _end_of(today: dt.date) -> dt.datetime:
    """Content dated before this moment counts as of `today` (a later date is not yet content)."""
    return timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=1), dt.time.min))


def latest_article(until: dt.datetime, under: ColumnPage | HomePage) -> dt.datetime | None:
    """When the newest public article under the page was published (its 发布时间, not a re-save)."""
    articles = ArticlePage.objects.live().public().descendant_of(under).filter(published_on__lt=until)
    return articles.aggregate(last=Max("published_on"))["last"]


def latest_publication(until: dt.datetime, listings: Iterable[str] | None = None) -> dt.datetime | None:
    """When the newest record still public was published into one of `listings` (None: into any)."""
    wanted = None if listings is None else set(listings)
    kinds = [kind for kind in modules.publication_kinds() if wanted is None or kind.listing in wanted]
    if not kinds:
        return None
    records = reduce(operator.or_, (live(kind) for kind in kinds))
    return records.filter(published_at__lt=until).aggregate(last=Max("published_at"))["last"]


def _newest(*moments: dt.datetime | None) -> dt.date | None:
    found = [moment for moment in moments if moment is not None]
    return timezone.localdate(max(found)) if found else None


def _limits(today: dt.date, *, days: int | None = None, months: int | None = None) -> tuple[dt.date, dt.date, str]:
    """(late before, warn before, the limit as people read it) for an update period."""
    if days is not None:
        return (today - dt.timedelta(days=days), today - dt.timedelta(days=days - WARN_BEFORE_DAYS),
                _("%(n)s 天") % {"n": days})
    months = months or 0
    return (months_before(today, months), months_before(today, months - WARN_BEFORE_MONTHS),
            _("%(n)s 个月") % {"n": months})


def _home_finding(home: HomePage, today: dt.date) -> Finding | None:
    until = _end_of(today)
    last = _newest(latest_article(until, home), latest_publication(until))
    if last is None:
        return Finding("fail", _("网站首页没有任何已发布的内容（文章或公开的记录），政府网站检查将判为不合格。"), home.pk)
    late, warn, limit = _limits(today, days=HOME_DAYS)
    values = {"last": last.isoformat(), "limit": limit}
    if last < late:
        return Finding("fail", _("网站首页最近一次有新内容在 %(last)s，已超过 %(limit)s没有新内容，政府网站检查将判为不合格。")
                       % values, home.pk)
    if last < warn:
        return Finding("warn", _("网站首页最近一次有新内容在 %(last)s，即将超过 %(limit)s没有新内容，请及时发布。") % values,
                       home.pk)
    return None


def _count_finding(columns: list[ColumnPage], *, warn_at: int, fail_at: int, message: str,
                   values: dict[str, object]) -> Finding | None:
    if len(columns) < warn_at:
        return None
    level = "fail" if len(columns) >= fail_at else "warn"
    return Finding(level, message % {**values, "n": len(columns), "limit": fail_at,
                                     "titles": "、".join(column.title for column in columns)})


def column_checks(home: HomePage, today: dt.date) -> list[Finding]:
    """Each column against its update period, then the counts the inspection fails a site on."""
    until = _end_of(today)
    columns = list(ColumnPage.objects.live().descendant_of(home).order_by("path"))
    findings: list[Finding] = []
    empty: list[ColumnPage] = []
    stale: list[ColumnPage] = []
    long_unupdated: list[ColumnPage] = []
    long_before = months_before(today, long_unupdated_months())
    for column in columns:
        # A column's content: its articles and sub-columns' articles, and the records published into the
        # listings it and its sub-columns show.
        listings = {c.module_listing for c in columns if c.module_listing and c.path.startswith(column.path)}
        last = _newest(latest_article(until, column), latest_publication(until, listings) if listings else None)
        if last is None:
            if not column.module_listing and column.kind != ColumnPage.Kind.INTERACTION:
                empty.append(column)
            continue
        kind = column.update_kind
        if kind is None:
            continue  # registries, guides, reports, interaction: no update period
        if kind == ColumnPage.Kind.NEWS:
            late, warn, limit = _limits(today, days=NEWS_DAYS)
        else:
            late, warn, limit = _limits(today, months=NOTICE_MONTHS)
        values = {"title": column.title, "last": last.isoformat(), "limit": limit, "fail": STALE_COLUMNS_FAIL}
        if last < late:
            stale.append(column)
            findings.append(Finding("warn", _(
                "栏目“%(title)s”最近一次更新在 %(last)s，已超过 %(limit)s未更新。单个栏目为预警；"
                "应更新栏目累计 %(fail)s 个未按时更新即不合格。") % values, column.pk))
        elif last < warn:
            findings.append(Finding("warn", _(
                "栏目“%(title)s”最近一次更新在 %(last)s，即将超过 %(limit)s未更新，请及时更新。") % values, column.pk))
        if last < long_before:
            long_unupdated.append(column)
    for finding in (
        _count_finding(stale, warn_at=STALE_COLUMNS_WARN, fail_at=STALE_COLUMNS_FAIL, values={}, message=_(
            "有 %(n)s 个应更新的栏目未按时更新（动态要闻类 2 周、通知公告和政策文件类 6 个月；累计达到 %(limit)s 个即不合格）："
            "%(titles)s。")),
        _count_finding(long_unupdated, warn_at=LONG_UNUPDATED_COLUMNS_WARN, fail_at=LONG_UNUPDATED_COLUMNS_FAIL,
                       values={"months": long_unupdated_months()}, message=_(
            "有 %(n)s 个应更新的栏目超过 %(months)s 个月未更新（长期未更新；达到 %(limit)s 个即不合格）：%(titles)s。")),
        _count_finding(empty, warn_at=EMPTY_COLUMNS_WARN, fail_at=EMPTY_COLUMNS_FAIL, values={}, message=_(
            "有 %(n)s 个空栏目（达到 %(limit)s 个即不合格）：%(titles)s。")),
    ):
        if finding is not None:
            findings.append(finding)
    return findings


def website_checks(today: dt.date | None = None) -> list[Finding]:
    today = today or timezone.localdate()
    findings: list[Finding] = []
    for home in HomePage.objects.live():
        finding = _home_finding(home, today)
        if finding:
            findings.append(finding)
        findings.extend(column_checks(home, today))
    findings.extend(catalogue_checks(today))
    for check in modules.website_checks():
        findings.extend(check(today))
    return sorted(findings, key=lambda f: f.level != "fail")
