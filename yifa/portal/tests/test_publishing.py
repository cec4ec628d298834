"""Publishing: editors draft, reviewers approve (with 保密审查 for disclosure columns), everything is logged."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.documents.forms import get_document_form
from wagtail.models import Workflow

from yifa.audit.models import AuditEvent
from yifa.portal.actions import DISCLOSURE_WORKFLOW, GENERAL_WORKFLOW, REVIEW_GROUP, SECRECY_GROUP
from yifa.portal.models import ArticlePage, ColumnPage
from yifa.portal.staleness import website_checks


def test_disclosure_columns_need_confidentiality_review_before_approval(portal):
    disclosure = ColumnPage.objects.get(slug="fdzdgk")
    news = ColumnPage.objects.get(slug="gzdt")
    assert disclosure.get_workflow().name == DISCLOSURE_WORKFLOW
    assert [t.name for t in Workflow.objects.get(name=DISCLOSURE_WORKFLOW).tasks] == ["保密审查", "审核发布"]
    assert news.get_workflow().name == GENERAL_WORKFLOW


def test_an_editors_article_is_not_public_until_both_reviews_approve(client, portal, make_user, department):
    editor = make_user("department_editor", department)
    secrecy = make_user("department_head", department)
    secrecy.groups.add(Group.objects.get(name=SECRECY_GROUP))
    reviewer = make_user("system_admin", department)
    reviewer.groups.add(Group.objects.get(name=REVIEW_GROUP))
    column = ColumnPage.objects.get(slug="fdzdgk")
    article = ArticlePage(title="2017年财政预算公开", slug="2017-yusuan", body="<p>预算全文。</p>", live=False)
    column.add_child(instance=article)
    revision = article.save_revision(user=editor)
    workflow_state = column.get_workflow().start(article, editor)
    assert not ArticlePage.objects.get(pk=article.pk).live
    assert client.get("/zwgk/fdzdgk/2017-yusuan/").status_code == 404
    task_state = workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, secrecy, "approve")
    workflow_state.refresh_from_db()
    assert not ArticlePage.objects.get(pk=article.pk).live  # the confidentiality review alone publishes nothing
    task_state = workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, reviewer, "approve")
    article.refresh_from_db()
    assert article.live
    assert revision.pk
    published = AuditEvent.objects.filter(event_type="portal.page_published", target_id=str(article.pk)).get()
    assert published.actor_user == reviewer
    approvals = AuditEvent.objects.filter(event_type="portal.page_approved", target_id=str(article.pk))
    assert {e.actor_user for e in approvals} == {secrecy, reviewer}


def test_withdrawing_a_page_is_logged_and_it_disappears(client, seed, make_user, department):
    admin = make_user("system_admin", department)
    admin.groups.add(Group.objects.get(name=REVIEW_GROUP))
    seed.unpublish(user=admin)
    assert client.get(seed.url or "/zwgk/fdzdgk/fazhi-zhengfu-jianshe-baogao-2016/").status_code == 404
    event = AuditEvent.objects.get(event_type="portal.page_unpublished", target_id=str(seed.pk))
    assert event.actor_user == admin


def test_scheduled_publishing_is_logged_as_a_system_job(portal):
    from django.core.management import call_command

    column = ColumnPage.objects.get(slug="tzgg")
    article = ArticlePage(title="定时发布的通知", slug="dingshi", body="<p>内容</p>", live=False)
    column.add_child(instance=article)
    article.go_live_at = timezone.now() - dt.timedelta(minutes=1)
    article.save_revision(approved_go_live_at=article.go_live_at)
    call_command("publish_scheduled")
    article.refresh_from_db()
    assert article.live
    event = AuditEvent.objects.filter(target_id=str(article.pk), event_type__in=[
        "portal.page_published", "portal.page_scheduled"]).first()
    assert event is not None


def document_form(**kwargs):
    """The back office's document upload form, with yifa's checks (WAGTAILDOCS_DOCUMENT_FORM_BASE)."""
    form = get_document_form(get_document_model())(**kwargs)
    form.fields.pop("collection", None)
    return form


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ\x90\x00", "不支持的文件类型"),
        ("empty.pdf", b"", "空文件"),
        ("fake.pdf", b"<html>not a pdf</html>", "内容与扩展名"),
    ],
)
def test_a_document_of_the_wrong_type_empty_or_disguised_is_refused(db, name, content, message):
    form = document_form(data={"title": "附件"}, files={"file": SimpleUploadedFile(name, content)})
    assert not form.is_valid()
    assert any(message in error for error in form.errors.get("file", []) + form.non_field_errors()), form.errors


def test_a_document_over_the_size_limit_is_refused(db, settings):
    settings.YIFA_ATTACHMENT_MAX_BYTES = 10
    form = document_form(data={"title": "大文件"}, files={"file": SimpleUploadedFile("big.pdf", b"%PDF-1.4" + b"x" * 20)})
    assert not form.is_valid()
    assert "超过了" in str(form.errors)


def test_the_website_checks_warn_before_a_column_goes_stale_and_a_single_stale_column_stays_a_warning(portal):
    """国办秘函〔2019〕19号 (栏目不更新): a news column is stale after 2 weeks; on its own that is a warning, the
    failure is 5 or more such columns counted together (test_website_checks.py)."""
    news = ColumnPage.objects.get(slug="gzdt")
    latest = ArticlePage.objects.descendant_of(news).order_by("-published_on").first()
    last = timezone.localdate(latest.published_on)
    assert not [f for f in website_checks(last + dt.timedelta(days=5)) if "“工作动态”" in f.message]
    warned = [f for f in website_checks(last + dt.timedelta(days=11)) if "“工作动态”" in f.message]
    assert [f.level for f in warned] == ["warn"] and "即将超过" in warned[0].message
    stale = [f for f in website_checks(last + dt.timedelta(days=15)) if "“工作动态”" in f.message]
    assert [f.level for f in stale] == ["warn"] and "已超过 14 天未更新" in stale[0].message
