"""The agencies' 政府信息公开目录: categories (条例 art.20 and the standard directories), the publish refusal,
the 索引号 scheme, the 20-working-day check (art.26), the import and the exports, the public pages."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from yifa.audit.models import AuditEvent
from yifa.portal.actions import CatalogueImportRefused, import_catalogue
from yifa.portal.catalogue import catalogue_checks, next_index_number, publication_due
from yifa.portal.catalogue_io import COLUMNS, CatalogueFileRejected, read_rows
from yifa.portal.models import ArticlePage, CatalogueEntry, ColumnPage, DisclosureCategory
from yifa.testing import factories

D = dt.date


@pytest.fixture
def disclosure(portal, department):
    """The demo portal with 政务公开 marked as a disclosure column; `department` is the agency."""
    ColumnPage.objects.filter(slug="zwgk").update(is_disclosure=True)
    return ColumnPage.objects.get(slug="fdzdgk")


def category(code: str) -> DisclosureCategory:
    return DisclosureCategory.objects.get(code=code)


MARCH_FIRST = D(2016, 3, 1)


def article(column, slug, *, department=None, code="A07", made_on=MARCH_FIRST, published=None, live=True, **extra):
    extra.setdefault("title", f"文章 {slug}")
    page = ArticlePage(slug=slug, body="<p>正文。</p>", live=live,
                       issuing_department=department, category=category(code) if code else None, made_on=made_on,
                       published_on=published or timezone.make_aware(dt.datetime(2016, 3, 10, 9)), **extra)
    column.add_child(instance=page)
    page.save_revision().publish()
    return ArticlePage.objects.get(pk=page.pk)


def rows_of(*rows: dict) -> list[tuple[int, dict[str, str]]]:
    return [(n, {column: row.get(column, "") for column in COLUMNS}) for n, row in enumerate(rows, start=2)]


def item(department, **values) -> dict:
    row = {"名称": "2016年部门预算", "公开类别": "A07", "公开机构": department.code, "形成（变更）日期": "2016-03-08",
           "公开日期": "2016-03-22"}
    row.update(values)
    return row


# --- categories -----------------------------------------------------------------------------------------------


def test_the_categories_are_the_fifteen_items_of_article_20_and_the_26_standard_fields(db):
    art20 = DisclosureCategory.objects.filter(scheme="art20")
    assert art20.count() == 15 and DisclosureCategory.objects.filter(scheme="standard").count() == 26
    assert category("A02").basis == "第二十条第（二）项" and category("A15").basis == "第二十条第（十五）项"
    assert set(art20.filter(required=True).values_list("code", flat=True)) == {"A02", "A07"}
    assert DisclosureCategory.objects.get(scheme="standard", name="公共资源交易").code == "B02"


# --- publishing into a disclosure column -----------------------------------------------------------------------


def test_an_item_without_category_made_on_date_or_agency_cannot_go_live_in_a_disclosure_column(disclosure, department):
    with pytest.raises(ValidationError) as refused:
        article(disclosure, "no-category", department=department, code=None, made_on=None)
    assert set(refused.value.message_dict) == {"category", "made_on"}
    assert "第二十六条" in refused.value.message_dict["made_on"][0]
    assert not ArticlePage.objects.filter(slug="no-category").exists()
    assert not CatalogueEntry.objects.exists()


def test_the_editor_form_refuses_to_publish_or_submit_without_the_catalogue_data(disclosure, department, make_user):
    user = make_user("system_admin", department)
    form_class = ArticlePage.get_edit_handler().get_form_class()
    for action in ("action-publish", "action-submit"):
        form = form_class({"title": "预算", "slug": "yusuan", action: "1"}, instance=ArticlePage(),
                          parent_page=disclosure, for_user=user)
        assert not form.is_valid()
        assert "必须选择公开类别" in form.errors["category"][0]
        assert "第二十六条" in form.errors["made_on"][0]
    draft = form_class({"title": "预算", "slug": "yusuan"}, instance=ArticlePage(), parent_page=disclosure, for_user=user)
    draft.is_valid()
    assert "category" not in draft.errors, "a draft may be saved without them"


def test_an_article_outside_the_disclosure_columns_needs_no_catalogue_data(disclosure):
    news = ColumnPage.objects.get(slug="gzdt")
    page = article(news, "dongtai", code=None, made_on=None)
    assert page.live and not CatalogueEntry.objects.exists()


# --- the 索引号 scheme ---------------------------------------------------------------------------------------


def test_publishing_files_the_item_under_an_index_number_of_its_agency_category_and_year(disclosure, department):
    first = article(disclosure, "a", department=department)
    second = article(disclosure, "b", department=department)
    other = article(disclosure, "c", department=department, code="A02")
    later = article(disclosure, "d", department=department, made_on=D(2017, 1, 5))
    prefix = department.credit_code
    assert first.index_number == f"{prefix}-A07-2016-0001"
    assert second.index_number == f"{prefix}-A07-2016-0002"
    assert other.index_number == f"{prefix}-A02-2016-0001"
    assert later.index_number == f"{prefix}-A07-2017-0001"
    entry = CatalogueEntry.objects.get(page=first)
    assert (entry.index_number, entry.department, entry.made_on, entry.issuing_body) == (
        first.index_number, department, D(2016, 3, 1), department.name)


def test_an_item_keeps_its_index_number_when_withdrawn_and_published_again(disclosure, department):
    page = article(disclosure, "a", department=department)
    number = page.index_number
    page.unpublish()
    assert not CatalogueEntry.objects.filter(page__live=True).exists()
    page.refresh_from_db()
    page.index_number = ""  # the revision Wagtail publishes may not carry it
    page.save_revision().publish()
    assert ArticlePage.objects.get(pk=page.pk).index_number == number
    assert CatalogueEntry.objects.get().index_number == number


def test_two_agencies_never_share_an_index_number_and_an_imported_number_is_skipped(disclosure, department,
                                                                                     other_department):
    import_catalogue(actor=factories.make_user("system_admin", department),
                     rows=rows_of(item(department, 索引号=f"{department.credit_code}-A07-2016-0001")))
    mine = article(disclosure, "mine", department=department)
    theirs = article(disclosure, "theirs", department=other_department)
    assert mine.index_number.endswith("-A07-2016-0002"), "the number an import holds is not given again"
    assert theirs.index_number.startswith(other_department.credit_code)
    numbers = list(CatalogueEntry.objects.values_list("index_number", flat=True))
    assert len(numbers) == len(set(numbers)) == 3


def test_an_agency_without_a_credit_code_numbers_by_its_department_code(disclosure, department):
    department.credit_code = ""
    department.save()
    assert next_index_number(department, category("A01"), 2016) == "TEST-A01-2016-0001"


# --- art.26: 20 working days from the day the information was made or changed -----------------------------------


def test_the_publication_period_counts_working_days_on_the_official_calendar_across_national_day(db):
    due, holidays = publication_due(D(2016, 9, 28))
    # 9/29, 9/30, then 10/1–10/7 off, 10/8 and 10/9 worked (调休): the 20th working day is 10/31.
    assert due == D(2016, 10, 31)
    assert any("国庆节" in h for h in holidays)


def test_an_item_published_after_the_20_working_days_is_a_finding_that_explains_the_period(disclosure, department):
    when = timezone.make_aware(dt.datetime(2016, 11, 2, 9))
    article(disclosure, "late", department=department, made_on=D(2016, 9, 28), published=when)
    on_time = timezone.make_aware(dt.datetime(2016, 10, 31, 9))
    article(disclosure, "on-time", department=department, made_on=D(2016, 9, 28), published=on_time)
    [late] = [f for f in catalogue_checks(D(2016, 12, 1)) if "第二十六条" in f.message]
    assert late.level == "warn" and department.name in late.message and "有 1 项" in late.message
    assert "期限至 2016-10-31" in late.message and "实际公开于 2016-11-02" in late.message
    assert "迟延 2 个工作日" in late.message and "国庆节" in late.message


def test_an_agency_with_nothing_under_a_required_category_is_warned(disclosure, department, other_department):
    article(disclosure, "budget", department=department, code="A07")
    findings = [f.message for f in catalogue_checks(D(2016, 12, 1))]
    [mine] = [m for m in findings if m.startswith(department.name)]
    assert "机关职能、机构设置" in mine and "财政预算" not in mine and "第二十条" in mine
    assert any(other_department.name in m and "还没有任何主动公开的信息" in m for m in findings)
    article(disclosure, "functions", department=department, code="A02")
    assert not [m for m in (f.message for f in catalogue_checks(D(2016, 12, 1))) if m.startswith(department.name)]


# --- the import -------------------------------------------------------------------------------------------------


def test_an_import_with_unknown_categories_or_duplicate_index_numbers_is_refused_by_row_with_nothing_written(
        disclosure, department, other_department):
    editor = factories.make_user("department_editor", department)
    taken = article(disclosure, "taken", department=department).index_number
    number = f"{department.credit_code}-A07-2016-0009"
    rows = rows_of(
        item(department, 名称="好的一行"),
        item(department, 公开类别="A99"),
        item(department, 索引号=number),
        item(department, 索引号=number),
        item(department, 索引号=taken),
        item(department, 标准目录领域="不存在的领域"),
        item(other_department),
        item(department, **{"形成（变更）日期": "2016-13-40"}),
        item(department, **{"公开日期": "2016-01-01"}),
        item(department, 索引号="<script>alert(1)</script>"),
        item(department, 名称="", 网址="javascript:alert(1)"),
        item(department, 有效性="永久"),
    )
    before = CatalogueEntry.objects.count()
    with pytest.raises(CatalogueImportRefused) as refused:
        import_catalogue(actor=editor, rows=rows)
    problems = {row.number: "；".join(row.problems) for row in refused.value.rows}
    assert set(problems) == set(range(3, 14)) - {4}, "the first row and the first holder of a number are fine"
    assert "A99" in problems[3] and "与第 4 行重复" in problems[5] and "已在目录中" in problems[6]
    assert "不是基层政务公开标准目录的领域" in problems[7] and "不是您可以导入的机构" in problems[8]
    assert "YYYY-MM-DD" in problems[9] and "早于" in problems[10] and "编号规则" in problems[11]
    assert "“名称”必须填写" in problems[12] and "网址" in problems[12] and "有效性" in problems[13]
    assert CatalogueEntry.objects.count() == before
    assert not AuditEvent.objects.filter(event_type="portal.catalogue_imported").exists()


def test_an_outsider_and_an_inspector_may_not_import(disclosure, department, outsider, make_user):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(CatalogueImportRefused):  # the outsider's rows name an agency that is not theirs
        import_catalogue(actor=outsider, rows=rows_of(item(department)))
    with pytest.raises(PermissionDenied):
        import_catalogue(actor=make_user("inspector", department), rows=rows_of(item(department)))
    assert not CatalogueEntry.objects.exists()


@pytest.mark.parametrize("data, message", [
    (b"\xd0\xcf\x11\xe0" + b"\0" * 100, "旧版 Excel"),
    (b"PK\x03\x04" + b"\0" * 100, "已损坏"),
    ("名称,公开类别\n预算,A07\n".encode(), "缺少列"),
    (",".join(COLUMNS).encode() + b"\n", "没有目录条目"),
    (b"\xff\xfe\x00\x00" * 10, "编码"),
])
def test_a_malformed_file_is_refused_with_a_clear_message(db, data, message):
    with pytest.raises(CatalogueFileRejected) as refused:
        read_rows(data)
    assert message in refused.value.message


def test_a_csv_saved_by_excel_in_gb18030_is_read(disclosure, department):
    text = ",".join(COLUMNS) + "\n" + f",2016年部门预算,A07,,{department.code},,2016-03-08,2016-03-22,,\n"
    created = import_catalogue(actor=factories.make_user("system_admin", department),
                               rows=read_rows(text.encode("gb18030")))
    assert [entry.title for entry in created] == ["2016年部门预算"]
    assert created[0].index_number == f"{department.credit_code}-A07-2016-0001"
    assert AuditEvent.objects.filter(event_type="portal.catalogue_imported").count() == 1


def test_the_back_office_import_lists_the_refused_rows_and_writes_nothing(client, disclosure, department, make_user):
    client.force_login(make_user("department_editor", department))
    text = ",".join(COLUMNS) + "\n" + f",预算,A99,,{department.code},,2016-03-08,2016-03-22,,\n"
    response = client.post("/admin/catalogue/import/",
                           {"file": SimpleUploadedFile("mulu.csv", text.encode(), content_type="text/csv")})
    assert response.status_code == 200
    assert "未导入任何内容" in response.content.decode() and "A99" in response.content.decode()
    garbage = client.post("/admin/catalogue/import/", {"file": SimpleUploadedFile("x.xlsx", b"PK\x03\x04junk")})
    assert garbage.status_code == 200 and "已损坏" in garbage.content.decode()
    assert not CatalogueEntry.objects.exists()


# --- the exports ------------------------------------------------------------------------------------------------


def test_the_csv_export_lists_the_agencys_items_and_disarms_formulas(client, disclosure, department, other_department):
    article(disclosure, "budget", department=department, document_number="=HYPERLINK(1)")
    article(disclosure, "theirs", department=other_department)
    response = client.get(f"/xxgk/{department.code}/mulu/export.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0] == COLUMNS and len(rows) == 2
    assert rows[1][0] == f"{department.credit_code}-A07-2016-0001" and rows[1][4] == department.name
    assert rows[1][5] == "'=HYPERLINK(1)" and rows[1][6] == "2016-03-01" and rows[1][9].endswith("/budget/")


def test_the_xlsx_export_reads_back_through_the_import(client, disclosure, department):
    admin = factories.make_user("system_admin", department)
    import_catalogue(actor=admin, rows=rows_of(item(department, 名称="甲"), item(department, 名称="乙", 有效性="有效")))
    response = client.get("/xxgk/mulu/export.xlsx")
    assert response.status_code == 200
    exported = read_rows(response.content)
    numbers = {cells["名称"]: cells["索引号"] for _n, cells in exported}
    CatalogueEntry.objects.all().delete()
    import_catalogue(actor=admin, rows=exported)
    assert dict(CatalogueEntry.objects.values_list("title", "index_number")) == numbers
    assert CatalogueEntry.objects.get(title="乙").validity == "in_force"
    assert client.get("/xxgk/mulu/export.pdf").status_code == 404


# --- the public pages -------------------------------------------------------------------------------------------


def test_the_catalogue_browser_filters_by_agency_category_and_year(client, disclosure, department, other_department,
                                                                   django_assert_max_num_queries):
    article(disclosure, "budget", department=department)
    article(disclosure, "functions", department=other_department, code="A02",
            published=timezone.make_aware(dt.datetime(2017, 2, 1, 9)), made_on=D(2017, 1, 20))
    with django_assert_max_num_queries(20):
        page = client.get("/xxgk/mulu/").content.decode()
    assert "文章 budget" in page and "文章 functions" in page and f"{department.credit_code}-A07-2016-0001" in page
    assert "文章 functions" not in client.get(f"/xxgk/mulu/?jigou={department.code}").content.decode()
    assert "文章 budget" not in client.get("/xxgk/mulu/?leibie=A02").content.decode()
    assert "文章 budget" not in client.get("/xxgk/mulu/?nian=2017").content.decode()
    hostile = client.get("/xxgk/mulu/?nian=abc&jigou=<x>&leibie=Z9&p=-1")
    assert hostile.status_code == 200 and "筛选条件有误" in hostile.content.decode()


def test_an_agency_page_lists_its_categories_with_their_latest_items_and_the_required_ones(client, disclosure,
                                                                                           department):
    article(disclosure, "budget", department=department)
    page = client.get(f"/xxgk/{department.code}/mulu/").content.decode()
    assert f"{department.name}政府信息公开目录" in page
    assert "机关职能、机构设置" in page and "暂无信息" in page  # required, still empty
    assert "文章 budget" in page and f"/xxgk/{department.code}/zhinan/" in page
    assert client.get("/xxgk/no-such-agency/mulu/").status_code == 404


def test_a_withdrawn_article_leaves_the_public_catalogue(client, disclosure, department):
    page = article(disclosure, "budget", department=department)
    page.unpublish()
    assert "文章 budget" not in client.get("/xxgk/mulu/").content.decode()


def test_the_guide_is_generated_from_the_agency_and_the_statute_in_force(client, disclosure, department, settings):
    department.address, department.phone = "正阳大街 1 号", "0455-7770000"
    department.save()
    page = client.get(f"/xxgk/{department.code}/zhinan/").content.decode()
    assert f"{department.name}政府信息公开指南" in page and "正阳大街 1 号" in page and "0455-7770000" in page
    assert "20 个工作日，可延长 20 个工作日" in page and "第三十三条" in page and "第二十六条" in page
    assert "100 元" in page and settings.YIFA_RECONSIDERATION_BODY in page
    assert client.get("/xxgk/no-such-agency/zhinan/").status_code == 404


def test_the_catalogue_and_the_guide_read_in_english(client, disclosure, department):
    article(disclosure, "budget", department=department)
    client.cookies["django_language"] = "en"
    catalogue = client.get("/xxgk/mulu/").content.decode()
    assert "Index number" in catalogue and "索引号" not in catalogue.split("<table", 1)[1].split("</thead>")[0]
    guide = client.get(f"/xxgk/{department.code}/zhinan/").content.decode()
    assert "Disclosure guide" in guide and "working days" in guide


def test_the_catalogue_is_searchable_by_title_and_index_number(client, disclosure, department):
    page = article(disclosure, "budget", department=department, title="测试局二〇一六年部门预算公开")
    import_catalogue(actor=factories.make_user("system_admin", department),
                     rows=rows_of(item(department, 名称="食品安全抽检结果公告")))
    found = client.get("/search/", {"q": "食品安全抽检"}).context["results"]
    assert [(i.source, i.title_html.replace("<mark>", "").replace("</mark>", "")) for i in found.items] == [
        ("portal.catalogue", "食品安全抽检结果公告")]
    by_number = client.get("/search/", {"q": page.index_number}).context["results"]
    assert page.url in [i.url for i in by_number.items]
