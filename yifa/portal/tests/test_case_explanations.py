"""以案释法: typical cases drafted from concluded cases of a source case type, refused while they still name a party
or hold a phone or ID number, published through the column's workflow, and the yearly check of departments."""

import dataclasses
import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from yifa.audit.models import AuditEvent
from yifa.casework.registry import TypicalCaseDraft, case_type
from yifa.core.modules import register_module
from yifa.disclosure.models import DisclosureRequest
from yifa.disclosure.registration import MODULE as DISCLOSURE
from yifa.portal import explanations
from yifa.portal.actions import CaseExplanationRefused, draft_case_explanation
from yifa.portal.demo import load_typical_cases_demo
from yifa.portal.models import CaseExplanationPage, ColumnPage

NAME = "王建国"


def _told(case):
    return TypicalCaseDraft(
        title=f"{case.department.short_name}依法处理一起信息公开申请案",
        facts="申请人王某向本机关申请公开道路改造工程的立项批复文件。\n本机关依法受理并审查。",
        result="本机关在法定期限内予以公开。",
        legal_basis="《中华人民共和国政府信息公开条例》第三十三条",
        legal_point="行政机关应当在法定期限内答复。",
        party_names=(case.applicant_name,),
    )


@pytest.fixture
def typical_source():
    """The disclosure request as a source of typical cases, for these tests only (the enforcement module and later
    reconsideration and litigation declare theirs)."""
    declared = case_type("disclosure-request")
    register_module(dataclasses.replace(DISCLOSURE, case_types=[
        dataclasses.replace(each, typical_case=_told) if each is declared else each for each in DISCLOSURE.case_types]))
    yield
    register_module(DISCLOSURE)


@pytest.fixture
def concluded(registered, new_request):
    def make(closed_on=dt.date(2016, 11, 3), **overrides):
        # Another department's request is concluded by the data alone: `registered` acts as this department's editor.
        request = new_request(**overrides) if "department" in overrides else registered(**overrides)
        closed = dt.datetime.combine(closed_on, dt.time(9), tzinfo=dt.UTC)
        DisclosureRequest.objects.filter(pk=request.pk).update(closed_at=closed, status="replied")
        request.refresh_from_db()
        return request

    return make


@pytest.fixture
def column(portal):
    return ColumnPage.objects.get(slug="yasf")


def test_only_a_concluded_case_of_a_source_type_can_be_told(typical_source, registered, concluded):
    open_case = registered()
    assert "尚未办结" in explanations.source_problem("disclosure-request", open_case.reference)
    assert "没有编号" in explanations.source_problem("disclosure-request", "YSQ-0000-9999")
    assert "不是可以选作典型案例" in explanations.source_problem("power-change", open_case.reference)
    done = concluded()
    assert explanations.source_problem("disclosure-request", done.reference) == ""


def test_a_draft_is_told_from_the_case_without_personal_data_and_is_not_public(
        client, typical_source, concluded, column, editor):
    case = concluded()
    page = draft_case_explanation(actor=editor, kind="disclosure-request", reference=case.reference, column=column)
    page = CaseExplanationPage.objects.get(pk=page.pk)
    assert not page.live and page.get_parent().pk == column.pk
    assert page.issuing_department == case.department
    assert "<h3>基本案情</h3>" in page.body and "<h3>处理结果</h3>" in page.body and NAME not in page.body
    assert page.legal_basis.startswith("《中华人民共和国政府信息公开条例》")
    assert AuditEvent.objects.filter(event_type="portal.case_explanation_drafted", target_id=str(page.pk)).exists()
    assert client.get(page.url).status_code == 404

    with pytest.raises(CaseExplanationRefused, match="已有以案释法文章"):
        draft_case_explanation(actor=editor, kind="disclosure-request", reference=case.reference, column=column)
    assert CaseExplanationPage.objects.count() == 1
    assert AuditEvent.objects.filter(event_type="portal.case_explanation_refused").count() == 1


def test_a_person_who_may_not_see_the_case_or_write_in_the_column_cannot_draft(
        typical_source, concluded, column, outsider, make_user, department):
    case = concluded()
    with pytest.raises(CaseExplanationRefused, match="无权"):
        draft_case_explanation(actor=outsider, kind="disclosure-request", reference=case.reference, column=column)
    head = make_user("department_head", department)  # sees the case, but may not add pages
    with pytest.raises(CaseExplanationRefused, match="无权"):
        draft_case_explanation(actor=head, kind="disclosure-request", reference=case.reference, column=column)
    assert not CaseExplanationPage.objects.exists()
    assert AuditEvent.objects.filter(event_type="portal.case_explanation_refused").count() == 2


@pytest.mark.parametrize(("field", "text", "message"), [
    ("body", f"<p>当事人{NAME}在市场经营。</p>", f"当事人的姓名“{NAME}”"),
    ("legal_point", "如有疑问可拨打13804551234咨询。", "电话号码"),
    ("body", "<p>身份证号码231282198001010016。</p>", "身份证号"),
    ("title", f"{NAME}诉市政府信息公开案", "当事人的姓名"),
])
def test_an_article_still_holding_a_party_s_name_phone_or_id_cannot_go_live(
        typical_source, concluded, column, editor, field, text, message):
    case = concluded()
    page = draft_case_explanation(actor=editor, kind="disclosure-request", reference=case.reference, column=column)
    page = CaseExplanationPage.objects.get(pk=page.pk)
    setattr(page, field, text)
    page.save_revision(user=editor)
    with pytest.raises(ValidationError) as refused:
        page.get_latest_revision().publish()
    assert message in str(refused.value)
    assert not CaseExplanationPage.objects.get(pk=page.pk).live


def test_the_published_article_shows_the_case_the_law_and_the_legal_point(client, typical_source, concluded, column,
                                                                          editor, settings):
    case = concluded()
    page = draft_case_explanation(actor=editor, kind="disclosure-request", reference=case.reference, column=column)
    page = CaseExplanationPage.objects.get(pk=page.pk)
    page.save_revision(user=editor).publish()
    response = client.get(CaseExplanationPage.objects.get(pk=page.pk).url)
    text = response.content.decode()
    assert response.status_code == 200
    assert "以案释法" in text and "典型案例（政府信息公开申请）" in text
    assert "释法要点" in text and "行政机关应当在法定期限内答复。" in text and "法律依据" in text
    assert NAME not in text


def test_the_yearly_check_names_departments_that_concluded_cases_but_told_none(
        typical_source, concluded, column, editor, department):
    case = concluded(closed_on=dt.date(2016, 6, 1))
    assert explanations.yearly_check(dt.date(2016, 12, 31)) == []  # 2015 had nothing to tell
    findings = explanations.yearly_check(dt.date(2017, 1, 2))
    assert len(findings) == 1 and department.name in findings[0].message and "2016 年" in findings[0].message
    page = draft_case_explanation(actor=editor, kind="disclosure-request", reference=case.reference, column=column,
                                  published_on=dt.datetime(2016, 6, 20, 10, tzinfo=dt.UTC))
    page.save_revision(user=editor).publish()
    assert explanations.yearly_check(dt.date(2017, 1, 2)) == []
    assert explanations.published(2016, department).count() == 1
    assert explanations.published(2017).count() == 0


def test_a_draft_is_not_counted_as_published(typical_source, concluded, column, editor, department):
    case = concluded(closed_on=dt.date(2016, 6, 1))
    draft_case_explanation(actor=editor, kind="disclosure-request", reference=case.reference, column=column)
    assert explanations.departments_without_explanations(2016) == [department]


def test_the_screen_lists_concluded_cases_and_drafts_one(client, typical_source, concluded, registered, column, editor):
    case = concluded()
    still_open = registered()
    client.force_login(editor)
    listed = client.get("/admin/portal/typical-cases/").content.decode()
    assert case.reference in listed and still_open.reference not in listed and "起草以案释法" in listed
    response = client.post("/admin/portal/typical-cases/", {
        "kind": "disclosure-request", "reference": case.reference, "column": column.pk})
    page = CaseExplanationPage.objects.get()
    assert response.status_code == 302 and response.url == f"/admin/pages/{page.pk}/edit/"
    # Tampered or replayed: a clear message, nothing more written.
    for data in ({"kind": "disclosure-request", "reference": case.reference, "column": column.pk},
                 {"kind": "../../etc", "reference": "x" * 5000, "column": "abc"},
                 {"kind": "disclosure-request", "reference": still_open.reference, "column": column.pk}):
        response = client.post("/admin/portal/typical-cases/", data, follow=True)
        assert response.status_code == 200
        assert any(m.level_tag == "error" for m in response.context["messages"])
    assert CaseExplanationPage.objects.count() == 1
    assert client.get("/admin/portal/typical-cases/?year=abc").status_code == 200


def test_the_screen_is_closed_to_the_public(client, typical_source):
    response = client.get("/admin/portal/typical-cases/")
    assert response.status_code == 302 and "/admin/login/" in response.url


def test_the_demo_tells_one_case_per_department_once(typical_source, concluded, other_department, column):
    concluded(closed_on=dt.date(2016, 5, 1))
    concluded(closed_on=dt.date(2016, 7, 1))  # same department: not told again
    concluded(closed_on=dt.date(2016, 8, 1), department=other_department)
    concluded(closed_on=dt.date(2017, 3, 1))  # not the demo's year
    load_typical_cases_demo()
    pages = CaseExplanationPage.objects.live()
    assert pages.count() == 2
    assert {page.published_on.year for page in pages} == {2016}
    assert all(page.published_on < timezone.make_aware(dt.datetime(2016, 12, 31)) for page in pages)
    load_typical_cases_demo()
    assert CaseExplanationPage.objects.count() == 2


def test_the_editor_form_refuses_to_publish_or_submit_a_named_party_but_saves_the_draft(
        typical_source, concluded, column, editor):
    case = concluded()
    page = CaseExplanationPage.objects.get(pk=draft_case_explanation(
        actor=editor, kind="disclosure-request", reference=case.reference, column=column).pk)
    form_class = CaseExplanationPage.get_edit_handler().get_form_class()
    data = {"title": page.title, "slug": page.slug, "legal_point": f"{NAME}经营超市，应当明码标价。",
            "published_on": "2016-11-10 10:00"}
    for action in ("action-publish", "action-submit"):
        form = form_class({**data, action: "1"}, instance=page, parent_page=column, for_user=editor)
        assert not form.is_valid()
        assert f"“{NAME}”" in str(form.errors["legal_point"])
    draft = form_class(data, instance=page, parent_page=column, for_user=editor)
    draft.is_valid()
    assert "legal_point" not in draft.errors, "a draft may be saved while it is being anonymised"
