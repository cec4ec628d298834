"""Policy documents (政策文件): validity, successors, interpretations (政策解读) published with them (国办发〔2016〕80号)."""

import datetime as dt

import pytest
from django.contrib.auth.models import Group
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from yifa.audit.actors import DEMO_LOADER
from yifa.audit.models import AuditEvent
from yifa.core.errors import ActionRefused
from yifa.portal.actions import REVIEW_GROUP, change_policy_validity
from yifa.portal.interpretations import interpretation_due, uninterpreted_policies
from yifa.portal.models import ArticlePage, ColumnPage, PolicyInterpretationPage
from yifa.portal.selectors import is_policy_document


def aware(text: str) -> dt.datetime:
    return timezone.make_aware(dt.datetime.fromisoformat(text))


def add_policy(title: str, slug: str, *, published: str = "2017-09-29 10:00", live: bool = True) -> ArticlePage:
    column = ColumnPage.objects.get(slug="zcwj")
    policy = ArticlePage(title=title, slug=slug, body="<p>正文。</p>", published_on=aware(published), live=live)
    column.add_child(instance=policy)
    if live:
        policy.save_revision().publish()
    else:
        policy.save_revision()
    return policy


def add_interpretation(policy: ArticlePage, slug: str, *, form: str = "text", live: bool = True,
                       questions: list | None = None) -> PolicyInterpretationPage:
    column = ColumnPage.objects.get(slug="zcjd")
    page = PolicyInterpretationPage(title=f"{policy.title}解读", slug=slug, body="<p>解读。</p>", policy=policy,
                                    form=form, published_on=policy.published_on, live=live,
                                    questions=questions or [])
    column.add_child(instance=page)
    page.save_revision().publish() if live else page.save_revision()
    return page


@pytest.fixture
def reviewer(portal, make_user, department):
    """An editor who is also a 网站审核员: may edit and publish pages."""
    user = make_user("department_editor", department)
    user.groups.add(Group.objects.get(name=REVIEW_GROUP))
    return user


# --- the demo and what the pages show ----------------------------------------------------------------------


def test_the_demo_amended_policy_shows_a_banner_linking_its_successor_and_the_successor_what_it_replaced(client, portal):
    old = ArticlePage.objects.get(slug="guifanxing-wenjian-guanli-banfa-2016")
    new = ArticlePage.objects.get(slug="guifanxing-wenjian-guanli-banfa-2017")
    assert old.validity == ArticlePage.Validity.AMENDED and old.successor == new
    body = client.get(old.url).content.decode()
    assert 'class="policy-banner"' in body and "本文件已被修改" in body and "自 2017-07-01 起" in body
    assert f'现行文件：<a href="{new.url}">' in body
    successor_body = client.get(new.url).content.decode()
    assert 'class="policy-banner"' not in successor_body
    assert "本文件替代的文件" in successor_body and f'<a href="{old.url}">{old.title}</a>' in successor_body
    assert '<dd class="validity validity--in_force">现行有效</dd>' in successor_body


def test_a_policy_page_lists_its_published_interpretations_and_each_links_back(client, portal):
    policy = ArticlePage.objects.get(slug="fazhi-zhengfu-jianshe-shishi-yijian")
    interpretations = list(PolicyInterpretationPage.objects.filter(policy=policy))
    assert {i.form for i in interpretations} == {"text", "qa"}
    body = client.get(policy.url).content.decode()
    for interpretation in interpretations:
        assert f'<a href="{interpretation.url}">{interpretation.title}</a>' in body
        page = client.get(interpretation.url).content.decode()
        assert f'解读：<a href="{policy.url}">{policy.title}</a>' in page
    qa = next(i for i in interpretations if i.form == "qa")
    page = client.get(qa.url).content.decode()
    assert "法治政府建设的总体目标是什么？" in page and 'class="qa__question"' in page


def test_an_unpublished_interpretation_is_not_listed_and_a_plain_article_shows_no_validity(client, portal):
    policy = add_policy("关于试行的通知", "shixing", published="2017-09-01 10:00")
    add_interpretation(policy, "shixing-jiedu", live=False)
    body = client.get(policy.url).content.decode()
    assert "本文件暂无政策解读。" in body and "shixing-jiedu" not in body
    news = ArticlePage.objects.child_of(ColumnPage.objects.get(slug="gzdt")).first()
    assert not is_policy_document(news)
    assert "效力状态" not in client.get(news.url).content.decode()


def test_an_interpretation_must_name_a_policy_and_have_the_content_of_its_form(portal):
    news = ArticlePage.objects.child_of(ColumnPage.objects.get(slug="gzdt")).first()
    interpretation = PolicyInterpretationPage.objects.first()
    page = PolicyInterpretationPage(title="解读", slug="x", body="<p>x</p>", policy=news, form="qa")
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert set(error.value.message_dict) == {"policy", "questions"}
    page.policy = interpretation  # an interpretation is not a policy
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert "policy" in error.value.message_dict
    page.policy, page.form = interpretation.policy, "graphics"
    with pytest.raises(ValidationError) as error:
        page.clean()
    assert set(error.value.message_dict) == {"graphics"}


def test_english_works_on_a_policy_and_its_interpretation(client, portal):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    old = ArticlePage.objects.get(slug="guifanxing-wenjian-guanli-banfa-2016")
    body = client.get(old.url).content.decode()
    assert "This document has been amended" in body and "Current document" in body
    assert "Validity" in body and "Amended" in body and "Policy interpretations" in body
    qa = PolicyInterpretationPage.objects.get(slug="guifanxing-wenjian-guanli-banfa-2017-wenda")
    page = client.get(qa.url).content.decode()
    assert "Interprets" in page and "Questions and answers" in page


# --- warning the editor at publication ---------------------------------------------------------------------


def edit_form(policy: ArticlePage, **action: str) -> dict:
    return nested_form_data({
        "title": policy.title, "slug": policy.slug, "author": "", "source": "市政府办公室",
        "published_on": timezone.localtime(policy.published_on).strftime("%Y-%m-%d %H:%M"),
        "keywords": "", "index_number": "", "document_number": "", "issuing_department": "",
        "effective_from": "", "summary": "", "body": rich_text("<p>正文。</p>"),
        "attachments": inline_formset([]), "comments": inline_formset([]), **action,
    })


def admin_client(client, user):
    client.force_login(user)
    return client


def test_publishing_a_policy_without_a_published_interpretation_warns_the_editor(client, portal, reviewer, settings):
    policy = add_policy("关于新政策的通知", "xin-zhengce", published="2026-11-02 10:00", live=False)
    response = admin_client(client, reviewer).post(f"/admin/pages/{policy.pk}/edit/",
                                                   edit_form(policy, **{"action-publish": "publish"}))
    assert response.status_code == 302, response.content.decode()[:2000]
    policy.refresh_from_db()
    assert policy.live  # a warning, not a refusal
    warnings = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert len(warnings) == 1 and "还没有已发布的政策解读" in warnings[0] and "3 个工作日" in warnings[0]


def test_no_warning_once_an_interpretation_is_published_nor_for_a_plain_save(client, portal, reviewer):
    policy = add_policy("关于另一政策的通知", "ling-zhengce", published="2026-11-02 10:00", live=False)
    c = admin_client(client, reviewer)
    response = c.post(f"/admin/pages/{policy.pk}/edit/", edit_form(policy))  # saving a draft
    assert not [m for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    add_interpretation(policy, "ling-zhengce-jiedu")
    response = c.post(f"/admin/pages/{policy.pk}/edit/", edit_form(policy, **{"action-publish": "publish"}))
    assert response.status_code == 302
    assert not [m for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]


def test_a_city_requiring_interpretations_refuses_the_publication_and_keeps_the_draft(client, portal, reviewer,
                                                                                     settings):
    settings.YIFA_POLICY_INTERPRETATION_REQUIRED = True
    policy = add_policy("关于必须解读的通知", "bixu-jiedu", published="2026-11-02 10:00", live=False)
    form = edit_form(policy, **{"action-publish": "publish"})
    form["title"] = "关于必须解读的通知（修改稿）"
    response = admin_client(client, reviewer).post(f"/admin/pages/{policy.pk}/edit/", form)
    assert response.status_code == 302 and response["Location"].endswith(f"/admin/pages/{policy.pk}/edit/")
    policy.refresh_from_db()
    assert not policy.live
    assert policy.get_latest_revision_as_object().title == "关于必须解读的通知（修改稿）"
    errors = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "error"]
    assert errors and errors[0].startswith("未发布")


def test_the_editor_panel_shows_the_validity_and_the_missing_interpretation(client, portal, reviewer):
    policy = add_policy("关于面板的通知", "mianban", published="2026-11-02 10:00")
    body = admin_client(client, reviewer).get(f"/admin/pages/{policy.pk}/edit/").content.decode()
    assert "本文件还没有政策解读" in body and f"/admin/portal/policies/{policy.pk}/validity/" in body


# --- the website check, in working days ----------------------------------------------------------------------


def test_the_website_check_counts_working_days_across_the_national_day_holiday(portal):
    # Published on Friday 2017-09-29: Saturday 09-30 is a make-up working day, 10-01 to 10-08 are the holiday,
    # so the three working days end on 10-10 (three calendar days would have ended on 10-02).
    policy = add_policy("关于国庆前发布的政策", "guoqing-qian")
    assert interpretation_due(dt.date(2017, 9, 29)) == dt.date(2017, 10, 10)
    assert policy.pk not in [f.page_id for f in uninterpreted_policies(dt.date(2017, 10, 10))]
    late = [f for f in uninterpreted_policies(dt.date(2017, 10, 11)) if f.page_id == policy.pk]
    assert len(late) == 1 and "2017-10-10" in late[0].message and late[0].level == "warn"


def test_the_website_check_skips_interpreted_and_repealed_policies(portal):
    interpreted = add_policy("已解读的政策", "yijiedu")
    add_interpretation(interpreted, "yijiedu-jiedu")
    repealed = add_policy("已废止的政策", "yifeizhi")
    change_policy_validity(actor=DEMO_LOADER, policy=repealed, validity="repealed", effective_until=dt.date(2017, 10, 1), reason="清理")
    listed = {f.page_id for f in uninterpreted_policies(dt.date(2018, 1, 1))}
    assert interpreted.pk not in listed and repealed.pk not in listed


def test_the_demo_lists_the_one_current_policy_without_an_interpretation(portal):
    from yifa.core.demo import demo_today
    from yifa.portal.staleness import website_checks

    missing = ArticlePage.objects.get(slug="dangqian-yasuo-banli-shixian")
    findings = [f for f in website_checks(demo_today()) if "政策解读" in f.message]
    assert [f.page_id for f in findings] == [missing.pk]


# --- repeal and amendment: the action ------------------------------------------------------------------------


def test_only_those_who_may_publish_the_policy_change_its_validity(portal, reviewer, make_user, department):
    old = add_policy("旧政策", "jiu")
    new = add_policy("新政策", "xin", published="2017-12-01 10:00")
    editor = make_user("department_editor", department)
    with pytest.raises(PermissionDenied):
        change_policy_validity(actor=editor, policy=old, validity="repealed", successor=new,
                               effective_until=dt.date(2017, 12, 1), reason="新政策替代")
    old.refresh_from_db()
    assert old.validity == "in_force" and not AuditEvent.objects.filter(event_type="portal.policy_validity_changed",
                                                                        target_id=str(old.pk)).exists()
    change_policy_validity(actor=reviewer, policy=old, validity="repealed", successor=new,
                           effective_until=dt.date(2017, 12, 1), reason="新政策替代")
    old.refresh_from_db()
    assert (old.validity, old.successor, old.effective_until) == ("repealed", new, dt.date(2017, 12, 1))
    assert old.get_latest_revision_as_object().validity == "repealed"  # a later edit keeps it
    event = AuditEvent.objects.get(event_type="portal.policy_validity_changed", target_id=str(old.pk))
    assert event.actor_user == reviewer and event.reason == "新政策替代"
    assert event.old_values["validity"] == "in_force" and event.new_values["validity"] == "repealed"
    assert event.new_values["successor"] == new.pk


@pytest.mark.parametrize(("validity", "successor", "until", "reason", "message"), [
    ("amended", None, "2017-12-01", "修改", "须指明修改它的新文件"),
    ("repealed", "self", "2017-12-01", "废止", "不能是本文件自己"),
    ("repealed", None, None, "废止", "请填写失效日期"),
    ("repealed", None, "2017-12-01", "  ", "请写明依据或理由"),
    ("expired", "new", "2017-12-01", "到期", "没有替代文件"),
    ("in_force", "new", None, "恢复", "现行有效的文件没有替代文件"),
    ("bogus", None, None, "x", "请选择效力状态"),
])
def test_a_wrong_validity_change_is_refused_with_a_reason_and_changes_nothing(portal, reviewer, validity, successor,
                                                                             until, reason, message):
    old = add_policy("旧政策", "jiu")
    new = add_policy("新政策", "xin", published="2017-12-01 10:00")
    chosen = {"self": old, "new": new, None: None}[successor]
    with pytest.raises(ActionRefused) as error:
        change_policy_validity(actor=reviewer, policy=old, validity=validity, successor=chosen,
                               effective_until=dt.date.fromisoformat(until) if until else None, reason=reason)
    assert message in str(error.value)
    old.refresh_from_db()
    assert old.validity == "in_force" and old.successor is None


def test_a_successor_chain_may_not_loop_back(portal, reviewer):
    first = add_policy("第一版", "diyi")
    second = add_policy("第二版", "dier", published="2017-12-01 10:00")
    change_policy_validity(actor=reviewer, policy=first, validity="amended", successor=second,
                           effective_until=dt.date(2017, 12, 1), reason="修订")
    with pytest.raises(ActionRefused, match="不能循环"):
        change_policy_validity(actor=reviewer, policy=second, validity="amended", successor=first,
                               effective_until=dt.date(2017, 12, 2), reason="循环")


def test_the_validity_screen_is_for_publishers_and_explains_bad_input(client, portal, reviewer, make_user, department):
    old = add_policy("旧政策", "jiu")
    new = add_policy("新政策", "xin", published="2017-12-01 10:00")
    url = f"/admin/portal/policies/{old.pk}/validity/"
    editor = make_user("department_editor", department)
    assert admin_client(client, editor).get(url).status_code in (302, 403)
    c = admin_client(client, reviewer)
    assert c.get(url).status_code == 200
    response = c.post(url, {"validity": "amended", "successor": "", "effective_until": "2017-12-01", "reason": "修订"})
    assert response.status_code == 200 and "须指明修改它的新文件" in response.content.decode()
    response = c.post(url, {"validity": "amended", "successor": new.pk, "effective_until": "2017-13-45",
                            "reason": "修订"})
    assert response.status_code == 200
    old.refresh_from_db()
    assert old.validity == "in_force"
    response = c.post(url, {"validity": "amended", "successor": new.pk, "effective_until": "2017-12-01",
                            "reason": "肇政发〔2017〕9号修订"})
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.validity == "amended" and old.successor == new
    news = ArticlePage.objects.child_of(ColumnPage.objects.get(slug="gzdt")).first()
    assert c.get(f"/admin/portal/policies/{news.pk}/validity/").status_code == 404


def test_an_editor_submitting_a_policy_for_review_is_warned_too(client, portal, make_user, department):
    editor = make_user("department_editor", department)
    policy = add_policy("关于送审政策的通知", "songshen", published="2026-11-02 10:00", live=False)
    response = admin_client(client, editor).post(f"/admin/pages/{policy.pk}/edit/",
                                                 edit_form(policy, **{"action-submit": "submit"}))
    assert response.status_code == 302
    policy.refresh_from_db()
    assert not policy.live and policy.workflow_in_progress
    warnings = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert len(warnings) == 1 and "关于送审政策的通知" in warnings[0]


# --- the moderation workflow's approval refuses what publishing refuses ---------------------------------------


def submitted_policy(client, make_user, department, slug: str) -> ArticlePage:
    editor = make_user("department_editor", department, username=f"submitter-{slug}")
    policy = add_policy("关于送审政策的通知", slug, published="2026-11-02 10:00", live=False)
    response = admin_client(client, editor).post(f"/admin/pages/{policy.pk}/edit/",
                                                 edit_form(policy, **{"action-submit": "submit"}))
    assert response.status_code == 302
    policy.refresh_from_db()
    assert policy.workflow_in_progress
    if policy.current_workflow_task.name == "保密审查":  # a disclosure column: the secrecy review comes first
        from yifa.portal.actions import SECRECY_GROUP

        checker = make_user("department_editor", department, username=f"secrecy-{slug}")
        checker.groups.add(Group.objects.get(name=SECRECY_GROUP))
        approve_from_dashboard(admin_client(client, checker), policy)  # not the last task: it publishes nothing
        policy.refresh_from_db()
        assert policy.current_workflow_task.name == "审核发布" and not policy.live
    return policy


def approve_from_dashboard(client, policy, *, ajax=False):
    task_state = policy.current_workflow_task_state
    headers = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"} if ajax else {}
    return client.post(f"/admin/pages/workflow/action/{policy.pk}/approve/{task_state.pk}/", {"comment": "同意"},
                       **headers)


@pytest.mark.parametrize("ajax", [False, True])
def test_a_city_requiring_interpretations_refuses_the_dashboards_approval_too(client, portal, reviewer, make_user,
                                                                            department, settings, ajax):
    settings.YIFA_POLICY_INTERPRETATION_REQUIRED = True
    policy = submitted_policy(client, make_user, department, f"shenpi-{int(ajax)}")
    response = approve_from_dashboard(admin_client(client, reviewer), policy, ajax=ajax)
    assert response.status_code in (200, 302)
    policy.refresh_from_db()
    assert not policy.live and policy.workflow_in_progress, "still waiting for the reviewer"
    assert policy.current_workflow_task_state.status == "in_progress"
    errors = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "error"]
    assert errors and errors[0].startswith("未发布") and "关于送审政策的通知" in errors[0]
    refused = AuditEvent.objects.get(event_type="portal.page_publication_refused")
    assert refused.new_values["step"] == "workflow_approve" and refused.actor_user == reviewer

    add_interpretation(policy, f"shenpi-{int(ajax)}-jiedu")  # once interpreted, the same approval publishes it
    approve_from_dashboard(client, policy, ajax=ajax)
    policy.refresh_from_db()
    assert policy.live and not policy.workflow_in_progress


def test_the_editors_approve_button_is_refused_and_keeps_the_reviewers_edits(client, portal, reviewer, make_user,
                                                                            department, settings):
    settings.YIFA_POLICY_INTERPRETATION_REQUIRED = True
    policy = submitted_policy(client, make_user, department, "bianji-shenpi")
    form = edit_form(policy, **{"action-workflow-action": "true", "workflow-action-name": "approve"})
    form["title"] = "关于送审政策的通知（审核修改）"
    response = admin_client(client, reviewer).post(f"/admin/pages/{policy.pk}/edit/", form)
    assert response.status_code == 302 and response["Location"].endswith(f"/admin/pages/{policy.pk}/edit/")
    policy.refresh_from_db()
    assert not policy.live and policy.workflow_in_progress
    assert policy.get_latest_revision_as_object().title == "关于送审政策的通知（审核修改）"
    assert AuditEvent.objects.filter(event_type="portal.page_publication_refused",
                                     new_values__step="editor_approve").exists()


def test_without_the_rule_the_dashboards_approval_publishes_with_a_warning_only(client, portal, reviewer, make_user,
                                                                              department):
    policy = submitted_policy(client, make_user, department, "buyaoqiu")
    approve_from_dashboard(admin_client(client, reviewer), policy)
    policy.refresh_from_db()
    assert policy.live
