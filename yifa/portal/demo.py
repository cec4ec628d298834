"""The demo portal: 肇东政务公开网站 with its columns, the seed report and articles in every column.

Idempotent: pages are found by slug under their parent and created only when missing.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.documents import get_document_model
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Locale, Page, Site

from yifa.audit.actors import SystemJob
from yifa.core.demo import demo_today
from yifa.org.models import Department, Role

from .actions import REVIEW_GROUP, SECRECY_GROUP, apply_column_workflow, ensure_workflows
from .demo_content import catalogue as demo_catalogue
from .demo_content.articles import (
    ARTICLES,
    COLUMNS,
    CURRENT_ARTICLES,
    CURRENT_INTERPRETATIONS,
    INTERPRETATIONS,
    POLICY_VALIDITY,
    SEED,
)
from .models import (
    ArticleAttachment,
    ArticlePage,
    CatalogueEntry,
    ColumnPage,
    DisclosureCategory,
    HomePage,
    PolicyInterpretationPage,
    PortalSettings,
)
from .registry import public_listing

CONTENT = Path(__file__).with_name("demo_content")


def _when(text: str) -> dt.datetime:
    value = dt.datetime.fromisoformat(text)
    return value if timezone.is_aware(value) else timezone.make_aware(value)


# The seed's section headings ("一、依法行政，实现政府职能转变"): headings of the article, not paragraphs.
SECTION_HEADING = re.compile(r"^[一二三四五六七八九十]+、")


# The guide names the 依申请公开 column: in the demo it links to the form (the form's address is fixed).
REQUEST_COLUMN = ("“依申请公开”栏目", '“<a href="/yishenqing/">依申请公开</a>”栏目')


def _paragraphs(lines: list[str], *, headings: bool = False) -> str:
    return _linked(_plain_paragraphs(lines, headings=headings))


def _linked(html: str) -> str:
    return html.replace(escape(REQUEST_COLUMN[0]), REQUEST_COLUMN[1])


def _plain_paragraphs(lines: list[str], *, headings: bool = False) -> str:
    return "".join(f"<h2>{escape(line)}</h2>" if headings and SECTION_HEADING.match(line) else f"<p>{escape(line)}</p>"
                   for line in lines if line.strip())


def tree_root() -> Page:
    """Wagtail's root page, made again if it is missing (a flushed database: Wagtail's migrations made it)."""
    root = Page.get_first_root_node()
    if root is not None:
        return root
    from django.conf import settings
    from wagtail.coreutils import get_supported_content_language_variant

    Locale.objects.get_or_create(language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE))
    Collection.get_first_root_node() or Collection.add_root(name="Root")
    return Page.add_root(instance=Page(title="Root", slug="root", content_type=ContentType.objects.get_for_model(Page)))


def _home() -> HomePage:
    home = HomePage.objects.first()
    if home is not None:
        return home
    root = tree_root()
    home = HomePage(title="肇东政务公开网站", slug="zhaodong", intro="<p>公开透明、依法行政——肇东市人民政府政务公开网站。</p>")
    root.add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="肇东政务公开网站")
    else:
        site.root_page, site.site_name = home, "肇东政务公开网站"
        site.save()
    # The footer's settings row, made now rather than by the first visitor's page (whose cached copy
    # its creation would purge).
    PortalSettings.for_site(Site.objects.get(root_page=home))
    # Wagtail's placeholder "Welcome to your new Wagtail site!" goes once the real home page serves.
    for placeholder in root.get_children().exclude(pk=home.pk).filter(content_type__model="page"):
        placeholder.delete()
    return home


def _is_disclosure(slug: str) -> bool:
    # A portal loaded without the agencies (org's demo) has no catalogues: its disclosure items would have no
    # agency to be filed under. Loaded again with them, the columns become disclosure columns.
    return slug in demo_catalogue.DISCLOSURE_COLUMNS and Department.objects.filter(code="bgs").exists()


def _column(parent: Page, slug: str, title: str, kind: str, review: bool, listing: str) -> ColumnPage:
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        column = existing.specific
        changed = False
        if listing and not column.module_listing and public_listing(listing):  # a module installed since
            column.module_listing, changed = listing, True
        if kind == ColumnPage.Kind.REGISTRY and column.kind == ColumnPage.Kind.NOTICE:  # a kind introduced since
            column.kind, changed = kind, True
        if _is_disclosure(slug) and not column.is_disclosure:  # a field introduced since
            column.is_disclosure, changed = True, True
        if changed:
            column.save_revision().publish()
        return column  # type: ignore[return-value]
    column = ColumnPage(
        title=title, slug=slug, kind=kind, needs_confidentiality_review=review, show_in_menus=parent.depth == 2,
        module_listing=listing if public_listing(listing) else "",
        is_disclosure=_is_disclosure(slug),
    )
    parent.add_child(instance=column)
    column.save_revision().publish()
    return column


def _article(parent: ColumnPage, *, slug: str, title: str, published: str, author: str, source: str,
             document_number: str, department: str, body: str) -> tuple[ArticlePage, bool]:
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        _file_in_catalogue(existing.specific)  # type: ignore[arg-type]
        return existing.specific, False  # type: ignore[return-value]
    when = _when(published)
    article = ArticlePage(
        title=title, slug=slug, author=author, source=source, published_on=when, document_number=document_number,
        issuing_department=Department.objects.filter(code=department).first(), body=body,
        **(_catalogue_data(slug, when) or _policy_catalogue_data(parent, when)),
    )
    parent.add_child(instance=article)
    article.save_revision().publish()
    # The demo's history: published when the city published it, not when the demo was loaded.
    ArticlePage.objects.filter(pk=article.pk).update(
        first_published_at=when, last_published_at=when, latest_revision_created_at=when
    )
    return article, True


def _catalogue_data(slug: str, published: dt.datetime) -> dict:
    """An article's catalogue data (the disclosure columns' articles: 《政府信息公开条例》第二十条、第二十六条)."""
    if slug not in demo_catalogue.ARTICLE_CATALOGUE:
        return {}
    category, field, days = demo_catalogue.ARTICLE_CATALOGUE[slug]
    return {"category": DisclosureCategory.objects.get(code=category),
            "standard_field": DisclosureCategory.objects.filter(code=field).first() if field else None,
            "made_on": timezone.localdate(published) - dt.timedelta(days=days)}


# 条例 art.20(一): 规范性文件 — the category of the policy columns' documents and their interpretations.
POLICY_CATEGORY = "A01"


def _policy_catalogue_data(column: ColumnPage, published: dt.datetime) -> dict:
    """A policy document (or its interpretation) the demo adds to a policy column: art.20(一), made the day before
    it was published."""
    if column.kind != ColumnPage.Kind.POLICY:
        return {}
    return {"category": DisclosureCategory.objects.get(code=POLICY_CATEGORY),
            "made_on": timezone.localdate(published) - dt.timedelta(days=1)}


def _file_in_catalogue(article: ArticlePage) -> None:
    """A demo loaded before the catalogue existed: its disclosure articles get their catalogue data once, keeping
    their history (an article an editor has changed since is left as it is)."""
    data = _catalogue_data(article.slug, article.published_on)
    if not data or article.category_id or article.has_unpublished_changes:
        return
    for name, value in data.items():
        setattr(article, name, value)
    if article.issuing_department_id is None:
        article.issuing_department = Department.objects.filter(code="bgs").first()
    first, last, latest = article.first_published_at, article.last_published_at, article.latest_revision_created_at
    article.save_revision().publish()
    ArticlePage.objects.filter(pk=article.pk).update(first_published_at=first, last_published_at=last,
                                                     latest_revision_created_at=latest)


def _catalogue_items() -> int:
    """The agencies' 2016 items published elsewhere, entered as a catalogue import would (once)."""
    from yifa.audit.actors import DEMO_LOADER

    from .actions import import_catalogue

    validity = {value: str(label) for value, label in CatalogueEntry.Validity.choices}
    categories = {c.code: c.name for c in DisclosureCategory.objects.all()}
    rows: list[dict[str, str]] = []
    for department in Department.objects.filter(is_active=True).order_by("sort_order", "pk"):
        rows.append({"公开机构": department.code, "公开类别": "A02", "名称": f"{department.name}主要职责、内设机构和联系方式",
                     "形成（变更）日期": demo_catalogue.FUNCTIONS_MADE, "公开日期": demo_catalogue.FUNCTIONS_PUBLISHED,
                     "有效性": validity["in_force"]})
        if department.code not in demo_catalogue.NO_BUDGET_HERE:
            rows.append({"公开机构": department.code, "公开类别": "A07", "标准目录领域": "财政预决算",
                         "名称": f"{department.name}2016年部门预算", "形成（变更）日期": demo_catalogue.BUDGET_MADE,
                         "公开日期": demo_catalogue.BUDGET_PUBLISHED})
    for code, category, field, title, made, published, valid in demo_catalogue.ITEMS:
        rows.append({"公开机构": code, "公开类别": category, "标准目录领域": field, "名称": title,
                     "形成（变更）日期": made, "公开日期": published, "有效性": validity[valid] if valid else ""})
    assert all(row["公开类别"] in categories for row in rows)
    known = set(CatalogueEntry.objects.filter(page__isnull=True).values_list("department__code", "title"))
    wanted = [row for row in rows if (row["公开机构"], row["名称"]) not in known
              and Department.objects.filter(code=row["公开机构"]).exists()]
    if not wanted:
        return 0
    return len(import_catalogue(actor=DEMO_LOADER, rows=list(enumerate(wanted, start=2)), filename="demo"))


def _complete_seed(seed: ArticlePage, body: str) -> None:
    """A demo loaded before the seed had its 作者 and 文章来源 and its cleaned text gets them once; an article
    an editor has changed since (a newer revision than the demo's) is left as it is."""
    if seed.author or seed.source or seed.has_unpublished_changes:
        return
    seed.author, seed.source, seed.body = SEED["author"], SEED["source"], body
    when = seed.last_published_at
    seed.save_revision().publish()
    ArticlePage.objects.filter(pk=seed.pk).update(last_published_at=when, latest_revision_created_at=when)


def _application_form() -> bytes:
    """The request form a citizen downloads from the disclosure guide (a real .docx)."""
    from docx import Document as WordDocument

    document = WordDocument()
    document.add_heading("肇东市政府信息公开申请表", level=1)
    table = document.add_table(rows=0, cols=2)
    for label in ["申请人类型", "姓名/名称", "证件类型及号码", "联系电话", "通信地址", "电子邮箱",
                  "所需政府信息的内容描述", "信息的用途（选填）", "获取信息的方式", "申请人签名或盖章", "申请日期"]:
        row = table.add_row().cells
        row[0].text, row[1].text = label, ""
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _attach_form(guide: ArticlePage) -> None:
    if guide.attachments.exists():  # type: ignore[attr-defined]
        return
    documents = get_document_model()
    document = documents.objects.filter(title="肇东市政府信息公开申请表").first()
    if document is None:
        document = documents(title="肇东市政府信息公开申请表", collection=Collection.get_first_root_node())
        document.file.save("zhengfu-xinxi-gongkai-shenqingbiao.docx", ContentFile(_application_form()), save=False)
        document.save()
    ArticleAttachment.objects.create(page=guide, document=document, title="肇东市政府信息公开申请表（Word）")


def _permissions(home: HomePage) -> None:
    """Department editors draft pages and upload documents; reviewers approve through the workflow."""
    from yifa.org.actions import role_group

    editors = role_group(Role.DEPARTMENT_EDITOR)
    for codename in ("add_page", "change_page"):
        GroupPagePermission.objects.get_or_create(
            group=editors, page=home, permission=Permission.objects.get(content_type__app_label="wagtailcore",
                                                                        codename=codename))
    collection = Collection.get_first_root_node()
    for codename in ("add_document", "change_document", "choose_document"):
        GroupCollectionPermission.objects.get_or_create(
            group=editors, collection=collection,
            permission=Permission.objects.get(content_type__app_label="wagtaildocs", codename=codename))
    reviewers = Group.objects.get(name=REVIEW_GROUP)
    GroupPagePermission.objects.get_or_create(
        group=reviewers, page=home,
        permission=Permission.objects.get(content_type__app_label="wagtailcore", codename="publish_page"))


def _reviewers() -> None:
    """The demo head reviews confidentiality; the demo administrator approves publication."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects
    for username, group_name in (("head", SECRECY_GROUP), ("admin", REVIEW_GROUP)):
        user = users.filter(username=username).first()
        if user is not None:
            user.groups.add(Group.objects.get(name=group_name))


def load_portal_demo() -> str:
    created = 0
    with transaction.atomic():
        home = _home()
        ensure_workflows()
        columns: dict[str, ColumnPage] = {}

        def build(parent: Page, specs: list) -> None:
            for slug, title, kind, review, listing, children in specs:
                columns[slug] = _column(parent, slug, title, kind, review, listing)
                build(columns[slug], children)

        build(home, COLUMNS)
        for column in columns.values():
            apply_column_workflow(column)
        seed_body = (CONTENT / "seed_report.txt").read_text(encoding="utf-8").splitlines()
        seed, made = _article(columns[SEED["column"]], slug=SEED["slug"], title=SEED["title"],
                           published=SEED["published"], author=SEED["author"], source=SEED["source"],
                           document_number="", department="bgs", body=_paragraphs(seed_body, headings=True))
        created += made
        if not made:
            _complete_seed(seed, _paragraphs(seed_body, headings=True))
        for column_slug, slug, title, published, author, source, number, department, paragraphs in ARTICLES:
            article, made = _article(columns[column_slug], slug=slug, title=title, published=published, author=author,
                                     source=source, document_number=number, department=department,
                                     body=_paragraphs(paragraphs))
            created += made
            if slug == "zhengfu-xinxi-gongkai-zhinan":
                _attach_form(article)
        created += _current_articles(columns, demo_today())
        items = _catalogue_items()
        created += _policies(columns, demo_today())
        _permissions(home)
        _reviewers()
    return _("网站首页、%(columns)s 个栏目、%(articles)s 篇文章（本次新建 %(created)s 篇），含种子报告“%(seed)s”；"
             "政府信息公开目录 %(entries)s 项（本次导入 %(items)s 项）。") % {
        "columns": len(columns), "articles": ArticlePage.objects.count(), "created": created, "seed": SEED["title"],
        "entries": CatalogueEntry.objects.count(), "items": items,
    }


def _current_articles(columns: dict[str, ColumnPage], today: dt.date) -> int:
    """The columns' latest articles, dated in the weeks before the demo's today: a site kept up to date, as the
    website checks expect (news within two weeks, notices and policies within six months)."""
    created = 0
    year = today.year
    for column_slug, slug, title, days_ago, source, department, paragraphs in CURRENT_ARTICLES:
        day = today - dt.timedelta(days=days_ago)
        month = f"{day.year}年{day.month}月"

        def dated(text: str, month: str = month) -> str:
            return text.replace("{Y}", str(year)).replace("{M}", month)

        # Published at the demo's today minus the days, at half past nine (never later than now).
        published = min(timezone.make_aware(dt.datetime.combine(day, dt.time(9, 30))), timezone.now())
        _, made = _article(columns[column_slug], slug=slug, title=dated(title), published=published.isoformat(),
                           author="", source=source, document_number="", department=department,
                           body=_paragraphs([dated(line) for line in paragraphs]))
        created += made
    return created


def _interpretation(column: ColumnPage, policy: ArticlePage, *, slug: str, title: str, published: dt.datetime,
                    form: str, source: str, paragraphs: list[str], questions: list[tuple[str, str]]) -> int:
    if column.get_children().filter(slug=slug).exists():
        return 0
    page = PolicyInterpretationPage(
        title=title, slug=slug, source=source, published_on=published, policy=policy, form=form,
        issuing_department=policy.issuing_department, body=_paragraphs(paragraphs),
        **_policy_catalogue_data(column, published),
        questions=[{"type": "qa", "value": {"question": q, "answer": f"<p>{escape(a)}</p>"}} for q, a in questions],
    )
    column.add_child(instance=page)
    page.save_revision().publish()
    PolicyInterpretationPage.objects.filter(pk=page.pk).update(
        first_published_at=published, last_published_at=published, latest_revision_created_at=published)
    return 1


def _policies(columns: dict[str, ColumnPage], today: dt.date) -> int:
    """The policy column's documents: their validity (one amended, with its successor) and their interpretations,
    published with them; one current policy is left without one, so that the website check shows it."""
    from yifa.audit.actors import DEMO_LOADER

    from .actions import change_policy_validity

    policies = {page.slug: page for page in ArticlePage.objects.exact_type(ArticlePage).child_of(columns["zcwj"])}
    for slug, effective_from, validity, successor, until, reason in POLICY_VALIDITY:
        policy = policies[slug]
        if policy.effective_from is None:
            ArticlePage.objects.filter(pk=policy.pk).update(effective_from=dt.date.fromisoformat(effective_from))
        if policy.validity != validity:
            change_policy_validity(actor=DEMO_LOADER, policy=policy, validity=validity,
                                   successor=policies[successor] if successor else None,
                                   effective_until=dt.date.fromisoformat(until) if until else None, reason=reason)
    column = columns["zcjd"]
    created = 0
    for policy_slug, slug, title, published, form, source, paragraphs, questions in INTERPRETATIONS:
        created += _interpretation(column, policies[policy_slug], slug=slug, title=title, published=_when(published),
                                   form=form, source=source, paragraphs=paragraphs, questions=questions)
    for policy_slug, slug, title, form, source, paragraphs, questions in CURRENT_INTERPRETATIONS:
        policy = policies[policy_slug]
        # An hour after its policy, on the same day.
        created += _interpretation(column, policy, slug=slug, title=title,
                                   published=min(policy.published_on + dt.timedelta(hours=1), timezone.now()),
                                   form=form, source=source, paragraphs=paragraphs, questions=questions)
    return created


# 以案释法 in the demo: at most this many typical cases a year, one per department, from the 2016 concluded cases.
TYPICAL_CASES_PER_YEAR = 6
TYPICAL_CASE_YEAR = 2016
DRAFTED_BY_DEMO = SystemJob("portal.demo_typical_cases", gettext_lazy("演示数据：以案释法"))


def load_typical_cases_demo() -> str:
    """Typical cases drawn from the modules' concluded 2016 cases (they load after the portal: see apps.py), each
    published ten days after its case closed, in the year's 以案释法 column. Idempotent: a case already told is skipped."""
    from .actions import draft_case_explanation
    from .explanations import explanations, source_types

    column = ColumnPage.objects.filter(slug="yasf").first()
    if column is None:
        return str(_("没有以案释法栏目，未生成典型案例。"))
    told = set(explanations().values_list("source_kind", "source_reference"))
    made = 0
    with transaction.atomic():
        departments: set[int] = set()
        for declared in source_types():
            cases = declared.model._default_manager.filter(closed_at__year=TYPICAL_CASE_YEAR).order_by("closed_at", "pk")
            for case in cases:
                if len(departments) >= TYPICAL_CASES_PER_YEAR or case.department_id in departments:
                    continue
                departments.add(case.department_id)
                if (declared.kind, case.reference) in told:
                    continue
                closed = case.closed_at or timezone.now()
                when: dt.datetime = min(closed + dt.timedelta(days=10),
                                        dt.datetime(TYPICAL_CASE_YEAR, 12, 28, 10, tzinfo=closed.tzinfo))
                page = draft_case_explanation(actor=DRAFTED_BY_DEMO, kind=declared.kind, reference=case.reference,
                                              column=column, published_on=when)
                page.save_revision().publish()
                type(page).objects.filter(pk=page.pk).update(
                    first_published_at=when, last_published_at=when, latest_revision_created_at=when)
                made += 1
    return str(_("以案释法典型案例 %(n)s 篇（本次新建 %(made)s 篇）。") % {"n": explanations().count(), "made": made})
