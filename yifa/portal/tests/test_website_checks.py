"""The government-website checks as an inspection reads them: 政府网站与政务新媒体检查指标 (国办秘函〔2019〕19号;
../shared/rules.md, "Government website"). "Updated" means new content — an article or a record published into
the column — not a page's technical publication or re-save."""

import datetime as dt
import itertools

import pytest
from django.utils import timezone
from wagtail.models import Page

from yifa.audit.actors import PublicVisitor
from yifa.interaction import actions as messages
from yifa.interaction.models import Message
from yifa.portal.models import ArticlePage, ColumnPage, HomePage
from yifa.portal.staleness import website_checks

D = dt.date
TODAY = D(2017, 9, 29)
_slugs = itertools.count()


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


@pytest.fixture
def home(db, settings):
    """A site of its own: a home page with nothing under it yet."""
    settings.ALLOWED_HOSTS = ["*"]
    home = HomePage(title="测试网站", slug="ceshi")
    Page.get_first_root_node().add_child(instance=home)
    return home


def article(column: ColumnPage, published: dt.date, title: str = "") -> ArticlePage:
    page = ArticlePage(title=title or f"{column.title}的文章", slug=f"a{next(_slugs)}", published_on=at(published),
                       body="<p>正文。</p>")
    column.add_child(instance=page)
    return page


def column(parent: Page, title: str, kind: str = "notice", *, last: dt.date | None = None,
           listing: str = "") -> ColumnPage:
    page = ColumnPage(title=title, slug=f"c{next(_slugs)}", kind=kind, module_listing=listing)
    parent.add_child(instance=page)
    if last is not None:
        article(page, last)
    return page


@pytest.fixture
def fresh_home(home):
    """A guide column with an article published the day before TODAY: the home page has new content."""
    column(home, "办事指南", "guide", last=TODAY - dt.timedelta(days=1))
    return home


def about(findings, text: str) -> list[str]:
    return [f.level for f in findings if text in f.message]


@pytest.fixture
def published_message(department, editor, head):
    """A public message published through the interaction module on `day` (a record on the publication path)."""

    def publish(day: dt.date) -> Message:
        message = messages.submit_message(actor=PublicVisitor("test", "10.0.0.1"), message=Message(
            department=department, subject="小区门前道路破损", content="正阳大街某小区门前道路坑洼，雨天积水严重。",
            name="王建国", phone="13804551234", submitted_at=at(day - dt.timedelta(days=2), 9)))
        messages.reply_message(actor=editor, message=message, reply="您好！已安排维修。", replied_on=day)
        return messages.publish_message(actor=head, message=message, published_on=day)

    return publish


# --- the home page: new content anywhere on the site (网站不更新) -------------------------------------------


def test_the_home_page_is_judged_by_its_newest_content_not_by_a_re_save(home):
    """国办秘函〔2019〕19号 (网站不更新): the home page fails with no new content for 2 weeks; re-saving pages
    (their technical publication date) is not new content."""
    news = column(home, "工作动态", "news", last=D(2017, 9, 1))
    moment = at(D(2017, 9, 15))
    Page.objects.filter(pk__in=[home.pk, news.pk, *ArticlePage.objects.values_list("pk", flat=True)]).update(
        last_published_at=moment, latest_revision_created_at=moment)
    assert about(website_checks(D(2017, 9, 10)), "网站首页") == []
    assert about(website_checks(D(2017, 9, 12)), "网站首页") == ["warn"]
    [failure] = [f for f in website_checks(D(2017, 9, 16)) if "网站首页" in f.message]
    assert failure.level == "fail" and "2017-09-01" in failure.message and failure.page_id == home.pk


def test_a_record_a_module_publishes_is_new_content_for_the_home_page(home, published_message):
    """国办秘函〔2019〕19号 (网站不更新): every item has a publication date, records modules publish included."""
    column(home, "政策文件", "policy", last=D(2017, 6, 1))
    published_message(D(2017, 9, 20))
    assert about(website_checks(D(2017, 9, 29)), "网站首页") == []
    [failure] = [f for f in website_checks(D(2017, 10, 10)) if "网站首页" in f.message]
    assert failure.level == "fail" and "2017-09-20" in failure.message


def test_content_dated_after_the_day_checked_is_not_yet_content(home):
    """国办秘函〔2019〕19号: the check reads what the site showed that day; a later-dated article is not counted."""
    column(home, "工作动态", "news", last=D(2017, 8, 1))
    column(home, "通知公告", "notice", last=D(2017, 10, 1))
    assert about(website_checks(D(2017, 9, 1)), "网站首页") == ["fail"]


def test_a_home_page_without_any_content_fails(home):
    """国办秘函〔2019〕19号 (网站不更新): nothing published at all is no new content for 2 weeks."""
    assert about(website_checks(TODAY), "网站首页") == ["fail"]


# --- columns: one stale column warns; five together fail (栏目不更新) ----------------------------------------


def test_a_single_stale_column_is_a_warning_not_a_failure(fresh_home):
    """国办秘函〔2019〕19号 (栏目不更新): a news column without new content for 2 weeks is a warning on its own; the
    failure is five such columns counted together."""
    news = column(fresh_home, "工作动态", "news", last=TODAY - dt.timedelta(days=15))
    findings = website_checks(TODAY)
    [finding] = [f for f in findings if "工作动态" in f.message]
    assert finding.level == "warn" and "已超过 14 天未更新" in finding.message and finding.page_id == news.pk
    assert [f for f in findings if f.level == "fail"] == []


def test_a_column_is_warned_a_few_days_before_it_goes_stale(fresh_home):
    """yifa warns before the check (国办秘函〔2019〕19号, news 2 weeks) would count the column."""
    column(fresh_home, "工作动态", "news", last=TODAY - dt.timedelta(days=11))
    [finding] = [f for f in website_checks(TODAY) if "工作动态" in f.message]
    assert finding.level == "warn" and "即将超过 14 天" in finding.message


def test_five_columns_not_updated_in_time_counted_together_fail_the_site(fresh_home):
    """国办秘函〔2019〕19号 (栏目不更新): news columns past 2 weeks and notice and policy columns past 6 months,
    counted together: 5 or more fail the site; yifa warns from 3."""
    column(fresh_home, "工作动态", "news", last=TODAY - dt.timedelta(days=20))
    column(fresh_home, "部门动态", "news", last=TODAY - dt.timedelta(days=30))
    column(fresh_home, "通知公告", "notice", last=D(2017, 3, 1))
    column(fresh_home, "政策文件", "policy", last=D(2017, 2, 1))
    counted = [f for f in website_checks(TODAY) if "应更新的栏目未按时更新" in f.message]
    assert [f.level for f in counted] == ["warn"] and "有 4 个" in counted[0].message
    column(fresh_home, "公示公告", "notice", last=D(2016, 12, 1))
    findings = website_checks(TODAY)
    [failure] = [f for f in findings if "应更新的栏目未按时更新" in f.message]
    assert failure.level == "fail" and "有 5 个" in failure.message
    for title in ("工作动态", "部门动态", "通知公告", "政策文件", "公示公告"):
        assert title in failure.message
    assert findings[0] == failure  # failures come first
    assert {f.level for f in findings if f.page_id and "网站首页" not in f.message} == {"warn"}


def test_columns_up_to_date_are_not_counted(fresh_home):
    """国办秘函〔2019〕19号: only columns that should be updated and are not count toward the five."""
    for n in range(6):
        column(fresh_home, f"通知{n}", "notice", last=D(2017, 5, 1))  # within 6 months of TODAY
    assert [f for f in website_checks(TODAY) if f.level == "fail" or "未按时更新" in f.message] == []


# --- long-unupdated columns (应更新但长期未更新) -----------------------------------------------------------------


def test_ten_long_unupdated_columns_fail_the_site(fresh_home):
    """国办秘函〔2019〕19号: 10 or more columns that should be updated but have not been for a long time fail the
    site; "long" is YIFA_WEBSITE_LONG_UNUPDATED_MONTHS (12 months by default: the checks do not say)."""
    for n in range(9):
        column(fresh_home, f"长期通知{n}", "notice", last=D(2016, 9, 1))
    column(fresh_home, "半年通知", "notice", last=D(2017, 1, 1))  # stale, but not for a long time
    counted = [f for f in website_checks(TODAY) if "长期未更新" in f.message]
    assert [f.level for f in counted] == ["warn"] and "有 9 个" in counted[0].message
    assert "超过 12 个月未更新" in counted[0].message and "半年通知" not in counted[0].message
    column(fresh_home, "长期通知9", "notice", last=D(2016, 9, 28))
    [failure] = [f for f in website_checks(TODAY) if "长期未更新" in f.message]
    assert failure.level == "fail" and "有 10 个" in failure.message


def test_how_long_is_long_is_a_setting(fresh_home, settings):
    """The checks (国办秘函〔2019〕19号) do not define "long": the setting does."""
    for n in range(10):
        column(fresh_home, f"长期通知{n}", "notice", last=D(2016, 9, 1))
    settings.YIFA_WEBSITE_LONG_UNUPDATED_MONTHS = 24
    assert [f for f in website_checks(TODAY) if "长期未更新" in f.message] == []
    settings.YIFA_WEBSITE_LONG_UNUPDATED_MONTHS = 6
    [failure] = [f for f in website_checks(TODAY) if "长期未更新" in f.message]
    assert failure.level == "fail" and "超过 6 个月未更新" in failure.message


# --- registry columns and records published into a column ----------------------------------------------------


def test_registry_columns_get_no_update_period(fresh_home):
    """rules.md (国办秘函〔2019〕19号): columns that hold registries (权责清单, 重大行政决策, 行政复议) are not
    notice columns: marked as registries, or showing a module's registry listing, they are never stale."""
    column(fresh_home, "重大行政决策", "registry", last=D(2015, 1, 1))
    column(fresh_home, "行政复议", "registry", last=D(2015, 1, 1))
    powers = column(fresh_home, "权责清单", "notice", last=D(2015, 1, 1), listing="powers")  # the default kind
    assert powers.is_registry and powers.update_kind is None
    findings = website_checks(TODAY)
    assert [f for f in findings if any(t in f.message for t in ("重大行政决策", "行政复议", "权责清单"))] == []


def test_a_column_showing_records_a_module_publishes_is_fresh_by_their_publication(fresh_home, published_message):
    """国办秘函〔2019〕19号: "updated" means new content — a record published into the column counts."""
    notices = column(fresh_home, "留言公开", "notice", last=D(2016, 12, 1), listing="interaction")
    assert not notices.is_registry
    assert about(website_checks(TODAY), "留言公开") == ["warn"]  # its article is ten months old
    published_message(D(2017, 9, 1))
    assert about(website_checks(TODAY), "留言公开") == []


def test_the_demo_registers_are_registry_columns(portal):
    """rules.md: 权责清单, 重大行政决策 and 行政复议 are not notice columns."""
    kinds = dict(ColumnPage.objects.filter(slug__in=["qzqd", "zdxzjc", "xzfy"]).values_list("slug", "kind"))
    assert kinds == {"qzqd": "registry", "zdxzjc": "registry", "xzfy": "registry"}
    findings = website_checks(D(2018, 6, 1))
    assert [f for f in findings if any(t in f.message for t in ("权责清单", "重大行政决策", "行政复议"))] == []


# --- empty columns (空白栏目) ---------------------------------------------------------------------------------


def test_five_empty_columns_fail_the_check(fresh_home):
    """国办秘函〔2019〕19号: 5 or more empty columns fail the site; yifa warns from 3."""
    for n in range(4):
        column(fresh_home, f"空栏目{n}")
    column(fresh_home, "留言", "interaction")  # a message column is not empty for want of articles
    assert about(website_checks(TODAY), "个空栏目") == ["warn"]
    column(fresh_home, "空栏目4", "registry")
    [failure] = [f for f in website_checks(TODAY) if "个空栏目" in f.message]
    assert failure.level == "fail" and "有 5 个空栏目" in failure.message and "留言" not in failure.message
