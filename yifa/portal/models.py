"""The government-affairs disclosure portal (政务公开网站): home page, columns (栏目) and articles.

The page tree is Wagtail's: a home page, columns and sub-columns, articles in them. Modules publish
their structured records through the registry (`registry.py`): a column can show a module's
public listing, and the module's records are found by the portal's search.
"""

from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.core.validators import RegexValidator
from django.db import models
from django.http import HttpRequest
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail import blocks
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel, Panel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.documents import get_document_model_string
from wagtail.fields import RichTextField, StreamField
from wagtail.images.blocks import ImageBlock
from wagtail.models import Orderable, Page
from wagtail.search import index

from .registry import is_registry_listing, listing_choices, public_listing

BLOCK_END = re.compile(r"</(?:p|h[1-6]|li|blockquote|div)>|<br\s*/?>|<hr\s*/?>", re.IGNORECASE)
RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "hr", "blockquote"]


# 党政机关网站标识: the badge links to the registration's page, which shows the site's registered name.
CONAC_BADGE_URL = "https://bszs.conac.cn/sitename?method=show&id={code}"
# 我为政府网站找错: the national error-report form of 中国政府网 (its platform is https://zfwzzc.www.gov.cn/),
# as government sites' footers link to it: it takes the site identifier code and the page the visitor is on.
ERROR_REPORT_URL = "https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code={site_code}&url={url}"
ERROR_REPORT_PLACEHOLDERS = ("{site_code}", "{url}")


def validate_error_report_url(value: str) -> None:
    if not value.startswith(("https://", "http://")) or any(c.isspace() or c in "\"'<>" for c in value):
        raise ValidationError(_("请填写以 https:// 开头的完整网址，不含空格和引号。"))
    leftover = value
    for placeholder in ERROR_REPORT_PLACEHOLDERS:
        leftover = leftover.replace(placeholder, "")
    if "{" in leftover or "}" in leftover:
        raise ValidationError(_("网址中只能使用 {site_code}（网站标识码）和 {url}（当前网页地址）两个占位符。"))


@register_setting(icon="site")
class PortalSettings(BaseSiteSetting):
    """What a government website shows on every page (政府网站发展指引, 国办发〔2017〕47号): the sponsor and
    contacts, the identifier and record numbers, the 党政机关网站标识 badge and the entry "我为政府网站找错"."""

    sponsor = models.CharField(_("主办单位"), max_length=100, default="肇东市人民政府办公室")
    organiser = models.CharField(_("承办单位"), max_length=100, blank=True, default="肇东市人民政府办公室")
    address = models.CharField(_("地址"), max_length=200, blank=True, default="黑龙江省肇东市正阳大街")
    phone = models.CharField(_("联系电话"), max_length=60, blank=True, default="0455-7771365")
    email = models.EmailField(_("电子邮箱"), blank=True, default="zdszfb@zhaodong.gov.cn")
    hotlines = models.TextField(
        _("监督热线"), blank=True, default="民情热线：04557711365\n企业投诉中心：04555919595",
        help_text=_("每行一条，显示在每页页脚。"),
    )
    site_code = models.CharField(_("网站标识码"), max_length=20, default="2312820001")
    icp_number = models.CharField(_("ICP备案号"), max_length=60, blank=True, default="黑ICP备05003156号")
    police_number = models.CharField(_("公安机关备案号"), max_length=60, blank=True, default="黑公网安备 23128202000101号")
    site_domain = models.CharField(_("网站域名"), max_length=100, default="www.zhaodong.gov.cn")
    conac_code = models.CharField(
        _("党政机关网站标识编号"), max_length=64, blank=True,
        validators=[RegexValidator(r"^[0-9A-Za-z]+$", _("标识编号只含字母和数字，请从开办标识的链接中复制 id= 之后的部分。"))],
        help_text=_("机构编制部门核发党政机关网站标识时给出的编号（标识链接 bszs.conac.cn/sitename?method=show&id= 之后的部分）。"
                    "填写后，每页页脚显示党政机关网站标识。"),
    )
    conac_image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("党政机关网站标识图片"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+", help_text=_("上传标识图片（红色“党政机关”标识）；不上传则页脚显示文字链接。"),
    )
    error_report_url = models.CharField(
        _("“我为政府网站找错”链接"), max_length=300, blank=True, default=ERROR_REPORT_URL,
        validators=[validate_error_report_url],
        help_text=_("默认为中国政府网的政府网站找错入口；{site_code} 替换为网站标识码，{url} 替换为访客所在网页的地址。清空则不显示。"),
    )

    panels = [
        MultiFieldPanel([FieldPanel("sponsor"), FieldPanel("organiser"), FieldPanel("address"),
                         FieldPanel("phone"), FieldPanel("email"), FieldPanel("hotlines")], heading=_("主办与联系")),
        MultiFieldPanel([FieldPanel("site_code"), FieldPanel("icp_number"), FieldPanel("police_number"),
                         FieldPanel("site_domain")], heading=_("备案与标识")),
        MultiFieldPanel([FieldPanel("conac_code"), FieldPanel("conac_image"), FieldPanel("error_report_url")],
                        heading=_("党政机关网站标识与找错入口")),
    ]

    class Meta:
        verbose_name = _("网站信息")

    def hotline_lines(self) -> list[str]:
        return [line.strip() for line in self.hotlines.splitlines() if line.strip()]

    @property
    def conac_url(self) -> str:
        return CONAC_BADGE_URL.format(code=self.conac_code) if self.conac_code else ""

    def error_report_link(self, page_url: str) -> str:
        """The "我为政府网站找错" link for the page the visitor is on ("" when none is set)."""
        if not self.error_report_url:
            return ""
        return (self.error_report_url.replace("{site_code}", quote(self.site_code or "", safe=""))
                .replace("{url}", quote(page_url or "", safe="")))


class PortalPage(Page):
    """What every portal page shares: the column it belongs to, for the meta tags and the navigation."""

    class Meta:
        abstract = True

    def column(self) -> ColumnPage | None:
        """The top-level column above this page (the ColumnName meta tag), or None on the home page."""
        for ancestor in self.get_ancestors(inclusive=True).specific().filter(depth__gte=3):
            if isinstance(ancestor, ColumnPage):
                return ancestor
        return None

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["column"] = self.column()
        return context

    def content_modified_at(self) -> Any:
        """When what this page shows last changed (the XML sitemap's lastmod), not when it was re-saved."""
        return self.last_published_at

    def get_sitemap_urls(self, request: HttpRequest | None = None) -> list[dict[str, Any]]:
        """The page at the site's public address (网站域名, over HTTPS as government websites must be: 政府网站
        发展指引, 国办发〔2017〕47号), dated by its content: not the address the server was reached by."""
        from .selectors import public_base_url

        parts = self.get_url_parts(request)
        if parts is None:
            return []
        base = public_base_url(request, self.get_site())
        return [{"location": base + parts[2], "lastmod": self.content_modified_at()}]


class HomePage(PortalPage):
    """肇东政务公开网站 — the portal's home page."""

    intro = RichTextField(_("导语"), blank=True, features=["bold", "link"])

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["portal.ColumnPage"]
    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    class Meta:
        verbose_name = _("网站首页")

    def content_modified_at(self) -> Any:
        from .selectors import content_modified_under

        return content_modified_under(self, listings=None) or self.last_published_at

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from .selectors import home_sections

        context = super().get_context(request, *args, **kwargs)
        from yifa.core import modules

        context["sections"] = home_sections(self)
        context["services"] = modules.services()
        return context


class ColumnPage(PortalPage):
    """A column (栏目) or sub-column: its articles, newest first, and optionally a module's listing."""

    class Kind(models.TextChoices):
        # The government-website checks (国办秘函〔2019〕19号) judge columns by kind (rules.md, Government website).
        NEWS = "news", _("动态要闻类（2 周内须更新）")
        NOTICE = "notice", _("通知公告类（6 个月内须更新）")
        POLICY = "policy", _("政策文件类（6 个月内须更新）")
        GUIDE = "guide", _("指南制度类")
        REPORT = "report", _("年度报告类")
        INTERACTION = "interaction", _("互动交流类")
        # 权责清单, 重大行政决策 and 行政复议 registers: not notice columns, no update period (rules.md).
        REGISTRY = "registry", _("清单目录类（权责清单、重大行政决策、行政复议等，不适用更新周期）")

    # The ColumnType meta tag: the kind's name as the national website checks read it, in Chinese whatever the
    # visitor's language (like ColumnName).
    META_TYPES = {
        Kind.NEWS: "动态要闻", Kind.NOTICE: "通知公告", Kind.POLICY: "政策文件", Kind.GUIDE: "指南制度",
        Kind.REPORT: "年度报告", Kind.INTERACTION: "互动交流", Kind.REGISTRY: "清单目录",
    }
    # Kinds with an update period (rules.md): news 2 weeks, notices and policies 6 months.
    UPDATED_KINDS = frozenset({Kind.NEWS, Kind.NOTICE, Kind.POLICY})

    kind = models.CharField(
        _("栏目类型"), max_length=16, choices=Kind.choices, default=Kind.NOTICE,
        help_text=_("网站检查按栏目类型判断更新要求；展示权责清单等模块清单的栏目，不按通知公告类的 6 个月要求检查。"),
    )
    description = models.TextField(_("栏目说明"), blank=True)
    keywords = models.CharField(_("栏目关键词"), max_length=200, blank=True,
                                help_text=_("以逗号分隔；写入网页元数据 ColumnKeywords，不填则用栏目名称。"))
    needs_confidentiality_review = models.BooleanField(
        _("发布前须保密审查"), default=True,
        help_text=_("政务公开类栏目的信息，发布前须经保密审查（《肇东市政府信息公开工作保密审查规定》）。"),
    )
    module_listing = models.CharField(
        _("模块公开目录"), max_length=60, blank=True, choices=listing_choices,
        help_text=_("本栏目同时展示某个业务模块公开的记录（如权责清单）。"),
    )
    is_disclosure = models.BooleanField(
        _("政府信息公开栏目"), default=False,
        help_text=_("本栏目及其下级栏目的文章是主动公开的政府信息：发布前须填写公开类别、信息形成（变更）日期和发布机构，"
                    "发布后列入该机构的政府信息公开目录（《政府信息公开条例》第十二条、第二十六条）。"),
    )

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("kind"), FieldPanel("needs_confidentiality_review")]),
        FieldPanel("is_disclosure"),
        FieldPanel("description"),
        FieldPanel("keywords"),
        FieldPanel("module_listing"),
    ]
    subpage_types = ["portal.ColumnPage", "portal.ArticlePage", "portal.PolicyInterpretationPage",
                     "portal.CaseExplanationPage"]
    parent_page_types = ["portal.HomePage", "portal.ColumnPage"]
    per_page = 20

    search_fields = [*Page.search_fields, index.SearchField("description")]

    class Meta:
        verbose_name = _("栏目")

    @cached_property
    def listing(self) -> Any:
        return public_listing(self.module_listing) if self.module_listing else None

    @property
    def is_registry(self) -> bool:
        """A register shown as a whole (权责清单, 重大行政决策, 行政复议): marked so, or showing a module's registry
        listing. Not a notice column: no update period applies (rules.md, Government website)."""
        return self.kind == self.Kind.REGISTRY or is_registry_listing(self.module_listing)

    @property
    def update_kind(self) -> str | None:
        """The kind whose update period the website checks apply, or None when none applies."""
        if self.is_registry or self.kind not in self.UPDATED_KINDS:
            return None
        return self.kind

    @property
    def meta_type(self) -> str:
        kind = self.Kind.REGISTRY if self.is_registry else self.kind
        return self.META_TYPES.get(kind, "")  # type: ignore[call-overload]

    @property
    def meta_keywords(self) -> str:
        return self.keywords or self.title

    @property
    def meta_description(self) -> str:
        return self.description or self.search_description or self.title

    def content_modified_at(self) -> Any:
        """The newest article under the column or record published into its listing; a column with neither
        (a registry shown as a whole) is dated by its own last publication."""
        from .selectors import content_modified_under

        listings = [self.module_listing] if self.module_listing else []
        return content_modified_under(self, listings=listings) or self.last_published_at

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from .selectors import column_articles

        context = super().get_context(request, *args, **kwargs)
        articles = column_articles(self)
        context["page_obj"] = Paginator(articles, self.per_page).get_page(request.GET.get("p"))
        context["subcolumns"] = self.get_children().live().public().type(ColumnPage).specific()
        context["listing"] = self.listing
        return context


def is_disclosure_column(page: Page | None) -> bool:
    """Whether articles under `page` are disclosure items: it or a column above it is a disclosure column."""
    if page is None or not page.path:
        return False
    return ColumnPage.objects.filter(is_disclosure=True).filter(
        path__in=[page.path[:i] for i in range(Page.steplen, len(page.path) + 1, Page.steplen)]).exists()


class DisclosureCategory(models.Model):
    """A category of proactive disclosure: an item of 条例 art.20 or a field of the 基层政务公开标准目录
    (reference data: `categories.py`, seeded by migration)."""

    class Scheme(models.TextChoices):
        ARTICLE_20 = "art20", _("《政府信息公开条例》第二十条")
        STANDARD = "standard", _("基层政务公开标准目录")

    code = models.CharField(_("类别代码"), max_length=8, unique=True)
    scheme = models.CharField(_("类别体系"), max_length=10, choices=Scheme.choices)
    name = models.CharField(_("类别名称"), max_length=100)
    short_name = models.CharField(_("简称"), max_length=20, blank=True)
    basis = models.CharField(_("依据"), max_length=60, blank=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    required = models.BooleanField(_("每个机构必须公开"), default=False)

    class Meta:
        ordering = ["order"]
        verbose_name = _("公开类别")
        verbose_name_plural = _("公开类别")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class ArticlePageForm(WagtailAdminPageForm):
    """Refuses to publish (or submit for publication) a disclosure item without its catalogue data:
    《政府信息公开条例》第二十六条 counts its 20 working days from the day the information was made or changed,
    and 第十二条 requires it in the agency's catalogue, under its category."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        publishing = any(key in self.data for key in ("action-publish", "action-submit", "action-workflow-action"))
        parent = getattr(self, "parent_page", None) or (self.instance.get_parent() if self.instance.path else None)
        if publishing and is_disclosure_column(parent):
            for name, message in ArticlePage.missing_catalogue_data(cleaned):
                if name in self.fields and name not in self.errors:
                    self.add_error(name, message)
        return cleaned
class PolicyStatusPanel(Panel):
    """The editor's view of a policy document's validity and interpretations (read-only: validity changes go
    through the action `change_policy_validity`, behind the link this panel shows)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "portal/admin/policy_status_panel.html"

        def is_shown(self) -> bool:
            from .selectors import is_policy_document

            parent = getattr(self.form, "parent_page", None) if self.form is not None else None
            return is_policy_document(self.instance, parent=parent)

        def get_context_data(self, parent_context: Any = None) -> dict[str, Any]:
            from .actions import can_change_policy_validity
            from .selectors import policy_status

            context = super().get_context_data(parent_context)
            context.update(policy_status(self.instance))
            context["can_change"] = self.instance.pk is not None and can_change_policy_validity(
                getattr(self.request, "user", None), self.instance)
            return context


class ArticlePage(PortalPage):
    """An article as the seed page shows one: 作者, 文章来源, 更新时间, 点击数, body, 附件下载.

    An article in a column of kind "policy" is a policy document (政策文件): it has a validity (效力状态) and
    the interpretations (政策解读) linked to it (`PolicyInterpretationPage.policy`)."""

    class Validity(models.TextChoices):
        IN_FORCE = "in_force", _("现行有效")
        AMENDED = "amended", _("已修改")
        REPEALED = "repealed", _("已废止")
        EXPIRED = "expired", _("失效")

    author = models.CharField(_("作者"), max_length=60, blank=True)
    source = models.CharField(_("文章来源"), max_length=100, blank=True)
    published_on = models.DateTimeField(
        _("发布时间"), default=timezone.now, db_index=True,
        help_text=_("显示在文章页和列表中；首次发布时默认为当时。"),
    )
    # Disclosure items carry their catalogue data (政府信息公开目录).
    index_number = models.CharField(_("索引号"), max_length=60, blank=True)
    document_number = models.CharField(_("文号"), max_length=60, blank=True)
    issuing_department = models.ForeignKey(
        "org.Department", verbose_name=_("发布机构"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    category = models.ForeignKey(
        DisclosureCategory, verbose_name=_("公开类别"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", limit_choices_to={"scheme": DisclosureCategory.Scheme.ARTICLE_20},
        help_text=_("《政府信息公开条例》第二十条的事项；政府信息公开栏目的文章必须选择。"),
    )
    standard_field = models.ForeignKey(
        DisclosureCategory, verbose_name=_("标准目录领域"), null=True, blank=True, on_delete=models.PROTECT,
        related_name="+", limit_choices_to={"scheme": DisclosureCategory.Scheme.STANDARD},
        help_text=_("属于基层政务公开标准目录某一领域的，选择该领域。"),
    )
    made_on = models.DateField(
        _("信息形成（变更）日期"), null=True, blank=True,
        help_text=_("政府信息形成或者变更的日期：自该日起 20 个工作日内应予公开（《政府信息公开条例》第二十六条）。"),
    )
    summary = models.TextField(_("摘要"), blank=True, help_text=_("列表和搜索结果中显示；不填则取正文开头。"))
    keywords = models.CharField(_("关键词"), max_length=200, blank=True,
                                help_text=_("以逗号分隔；写入网页元数据 Keywords，不填则用所在栏目的关键词。"))
    body = RichTextField(_("正文"), features=RICH_TEXT_FEATURES)
    # Policy documents (政策文件): validity, set by the action `change_policy_validity` (not in the editor's form,
    # so that every repeal or amendment is permitted and logged), and the dates it is in force.
    validity = models.CharField(_("效力状态"), max_length=16, choices=Validity.choices, default=Validity.IN_FORCE)
    effective_from = models.DateField(_("生效日期"), null=True, blank=True,
                                      help_text=_("政策文件开始施行的日期；不填则以发布日期为准。"))
    effective_until = models.DateField(_("失效日期"), null=True, blank=True)
    successor = models.ForeignKey(
        "portal.ArticlePage", verbose_name=_("替代文件"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="replaced_documents", help_text=_("修改或废止本文件的新文件。"),
    )

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("author"), FieldPanel("source")]),
        FieldPanel("published_on"),
        FieldPanel("keywords"),
        MultiFieldPanel([FieldRowPanel([FieldPanel("category"), FieldPanel("standard_field")]),
                         FieldRowPanel([FieldPanel("made_on"), FieldPanel("issuing_department")]),
                         FieldRowPanel([FieldPanel("index_number"), FieldPanel("document_number")])],
                        heading=_("公开目录信息"), help_text=_("索引号发布时自动生成，一般不必填写。")),
        MultiFieldPanel([FieldPanel("effective_from"), PolicyStatusPanel()], heading=_("政策文件效力与解读")),
        FieldPanel("summary"),
        FieldPanel("body"),
        InlinePanel("attachments", label=_("附件")),
    ]
    subpage_types: list[str] = []
    parent_page_types = ["portal.ColumnPage"]

    search_fields = [*Page.search_fields, index.SearchField("body"), index.SearchField("summary")]
    base_form_class = ArticlePageForm

    class Meta:
        verbose_name = _("文章")
        constraints = [models.UniqueConstraint(fields=["index_number"], condition=~models.Q(index_number=""),
                                               name="portal_article_index_number_unique")]

    @staticmethod
    def missing_catalogue_data(values: dict[str, Any]) -> list[tuple[str, Any]]:
        """(field, message) for each catalogue datum a disclosure item may not be published without."""
        missing = []
        if not values.get("category"):
            missing.append(("category", _("发布到政府信息公开栏目的文章必须选择公开类别（《政府信息公开条例》第二十条）。")))
        if not values.get("made_on"):
            missing.append(("made_on", _("发布到政府信息公开栏目的文章必须填写信息形成（变更）日期：公开期限自该日起计算"
                                         "（《政府信息公开条例》第二十六条）。")))
        if not values.get("issuing_department"):
            missing.append(("issuing_department", _("发布到政府信息公开栏目的文章必须选择发布机构：它列入该机构的政府信息公开目录"
                                                    "（《政府信息公开条例》第十二条）。")))
        return missing

    def clean(self) -> None:
        super().clean()
        # Whatever publishes it (the editor, a workflow's approval, scheduled publishing, a script): a disclosure
        # item goes live only with its catalogue data. A live page already public is not re-checked on re-save.
        if not self.live or not self.path or not is_disclosure_column(self.get_parent()):
            return
        if self.pk and ArticlePage.objects.filter(pk=self.pk, live=True).exists():
            return
        values = {"category": self.category_id, "made_on": self.made_on,
                  "issuing_department": self.issuing_department_id}
        missing = self.missing_catalogue_data(values)
        if missing:
            raise ValidationError(dict(missing))

    @property
    def updated_at(self) -> Any:
        return self.last_published_at or self.published_on

    def content_modified_at(self) -> Any:
        return self.updated_at

    DESCRIPTION_CHARS = 120

    def meta_description(self) -> str:
        """The Description meta tag: the summary, the search description, or the body's opening words."""
        # Paragraphs end with a space, so that their words do not run together.
        text = self.summary or self.search_description or html.unescape(strip_tags(
            BLOCK_END.sub(" ", self.body or "")))
        return Truncator(" ".join(text.split())).chars(self.DESCRIPTION_CHARS)

    def meta_keywords(self, column: ColumnPage | None) -> str:
        return self.keywords or (column.meta_keywords if column is not None else "") or self.title

    def meta_author(self) -> str:
        """The Author meta tag: the author, else the source (the template falls back to the site's sponsor)."""
        return self.author or self.source

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from .selectors import neighbours

        context = super().get_context(request, *args, **kwargs)
        context["previous_article"], context["next_article"] = neighbours(self)
        context["attachments"] = list(self.attachments.select_related("document"))  # type: ignore[attr-defined]
        context["meta_keywords"] = self.meta_keywords(context["column"])
        context["meta_url"] = self.get_full_url(request) or request.build_absolute_uri()
        context.update(self.policy_context())
        return context

    def policy_context(self) -> dict[str, Any]:
        """What a policy document's page shows beyond an article: validity, successor, interpretations."""
        from .selectors import is_policy_document, policy_status

        if not is_policy_document(self):
            return {}
        return {"policy": policy_status(self, live_only=True)}



class ArticleAttachment(Orderable):
    """附件下载: a document attached to an article, shown with its type and size."""

    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="attachments")
    document = models.ForeignKey(
        get_document_model_string(), verbose_name=_("文件"), on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("附件名称"), max_length=200, blank=True, help_text=_("不填则用文件标题。"))

    panels = [FieldPanel("document"), FieldPanel("title")]

    class Meta(Orderable.Meta):
        verbose_name = _("附件")
        verbose_name_plural = _("附件")

    @property
    def label(self) -> str:
        return self.title or self.document.title


class CatalogueEntry(models.Model):
    """One item of an agency's 政府信息公开目录 (《政府信息公开条例》第十二条): every item it publishes proactively,
    with its 索引号, category, dates, issuing body, document number and validity.

    A disclosure article enters its agency's catalogue when published and leaves it when withdrawn
    (`catalogue.catalogue_article`); items published elsewhere (the government gazette, a notice board, another
    site) enter by the back office's catalogue import, with their address."""

    class Validity(models.TextChoices):
        NOT_APPLICABLE = "", _("—")
        IN_FORCE = "in_force", _("有效")
        AMENDED = "amended", _("已修改")
        REPEALED = "repealed", _("已废止")
        EXPIRED = "expired", _("已失效")

    index_number = models.CharField(_("索引号"), max_length=60, unique=True)
    department = models.ForeignKey("org.Department", verbose_name=_("公开机构"), on_delete=models.PROTECT,
                                   related_name="+")
    category = models.ForeignKey(DisclosureCategory, verbose_name=_("公开类别"), on_delete=models.PROTECT,
                                 related_name="entries")
    standard_field = models.ForeignKey(DisclosureCategory, verbose_name=_("标准目录领域"), null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="field_entries")
    title = models.CharField(_("名称"), max_length=255)
    made_on = models.DateField(_("信息形成（变更）日期"))
    published_on = models.DateField(_("公开日期"), db_index=True)
    issuing_body = models.CharField(_("发布机构"), max_length=100)
    document_number = models.CharField(_("文号"), max_length=60, blank=True)
    validity = models.CharField(_("有效性"), max_length=10, choices=Validity.choices, blank=True)
    url = models.CharField(_("网址"), max_length=500, blank=True)
    page = models.OneToOneField(ArticlePage, verbose_name=_("文章"), null=True, blank=True, on_delete=models.CASCADE,
                                related_name="catalogue_entry")
    # A record a module publishes itself (yifa.core.modules.CatalogueSource): the source's name and the record's
    # key in it. The entry stays when the record is withdrawn (dated here, not shown) and keeps its 索引号.
    source = models.CharField(_("来源"), max_length=60, blank=True)
    source_key = models.CharField(_("来源编号"), max_length=128, blank=True)
    withdrawn_on = models.DateField(_("撤下日期"), null=True, blank=True)

    class Meta:
        ordering = ["-published_on", "-index_number"]
        indexes = [models.Index(fields=["department", "category", "published_on"])]
        constraints = [models.UniqueConstraint(fields=["source", "source_key"], condition=~models.Q(source=""),
                                               name="catalogue_one_entry_per_source_record")]
        verbose_name = _("公开目录条目")
        verbose_name_plural = _("公开目录条目")

    def __str__(self) -> str:
        return f"{self.index_number} {self.title}"
class CatalogueImportPreview(models.Model):
    """A checked catalogue file waiting for its importer's confirmation: the rows as parsed and checked when the
    preview was shown, kept here so the confirmation imports exactly what the importer saw (never a file sent
    again), once (the row is deleted when confirmed), by that importer, within PREVIEW_HOURS."""

    token = models.UUIDField(unique=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    filename = models.CharField(max_length=200, blank=True)
    digest = models.CharField(_("文件摘要（SHA-256）"), max_length=64)
    rows = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("待确认的目录导入")
        verbose_name_plural = _("待确认的目录导入")

    def __str__(self) -> str:
        return f"{self.filename} {self.digest[:12]}"


class QuestionAnswerBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("问"), max_length=300)
    answer = blocks.RichTextBlock(label=_("答"), features=["bold", "ol", "ul", "link"])

    class Meta:
        icon = "help"
        label = _("问答")
        template = "portal/blocks/question_answer.html"


class GraphicBlock(blocks.StructBlock):
    image = ImageBlock(label=_("图片"))
    caption = blocks.CharBlock(label=_("说明"), required=False, max_length=200)

    class Meta:
        icon = "image"
        label = _("图解")
        template = "portal/blocks/graphic.html"


class PolicyInterpretationPage(ArticlePage):
    """政策解读: an interpretation of one policy document, as text, graphics (图解) or questions and answers.

    Interpretations are published with the policy (同步组织、同步审签、同步部署: 国务院办公厅《关于全面推进政务公开
    工作的意见》实施细则, 国办发〔2016〕80号); the policy page lists them and this page links back to it. The body
    is the interpretation's text (or the introduction to its graphics or questions)."""

    class Form(models.TextChoices):
        TEXT = "text", _("文字解读")
        GRAPHICS = "graphics", _("图解")
        QA = "qa", _("问答")

    policy = models.ForeignKey(
        ArticlePage, verbose_name=_("解读的政策文件"), null=True, on_delete=models.SET_NULL,
        related_name="interpretations", help_text=_("选择政策文件类栏目中的文件。"),
    )
    form = models.CharField(_("解读形式"), max_length=16, choices=Form.choices, default=Form.TEXT)
    graphics = StreamField([("graphic", GraphicBlock())], verbose_name=_("图解"), blank=True)
    questions = StreamField([("qa", QuestionAnswerBlock())], verbose_name=_("问答"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldRowPanel([FieldPanel("policy"), FieldPanel("form")]),
        FieldRowPanel([FieldPanel("author"), FieldPanel("source")]),
        FieldPanel("published_on"),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("graphics"),
        FieldPanel("questions"),
        InlinePanel("attachments", label=_("附件")),
    ]
    subpage_types: list[str] = []
    parent_page_types = ["portal.ColumnPage"]

    class Meta:
        verbose_name = _("政策解读")

    def clean(self) -> None:
        from .selectors import is_policy_document

        super().clean()
        errors: dict[str, Any] = {}
        if self.policy_id is not None and not is_policy_document(self.policy):
            errors["policy"] = _("请选择政策文件类栏目中的政策文件（不能选择另一篇解读或普通文章）。")
        if self.form == self.Form.GRAPHICS and not self.graphics:
            errors["graphics"] = _("图解形式的解读至少要有一张图片。")
        if self.form == self.Form.QA and not self.questions:
            errors["questions"] = _("问答形式的解读至少要有一组问答。")
        if errors:
            raise ValidationError(errors)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from .selectors import policy_status

        context = super().get_context(request, *args, **kwargs)
        policy = self.policy if self.policy is not None and self.policy.live else None
        context["interpreted"] = policy_status(policy, live_only=True) if policy is not None else None
        return context


class CaseExplanationPageForm(ArticlePageForm):
    """Refuses to publish, submit or approve a 以案释法 article that still names a party or holds a phone or ID number:
    the editor sees where, before Wagtail's publish step (which refuses too, `CaseExplanationPage.clean`)."""

    def clean(self) -> dict[str, Any]:
        from .explanations import anonymity_problems

        cleaned = super().clean()
        publishing = any(key in self.data for key in ("action-publish", "action-submit", "action-workflow-action"))
        if publishing:
            values = {name: cleaned.get(name, getattr(self.instance, name))
                      for name in ("title", "summary", "body", "legal_basis", "legal_point")}
            page = CaseExplanationPage(source_kind=self.instance.source_kind,
                                       source_reference=self.instance.source_reference, **values)
            for name, message in anonymity_problems(page):
                if name in self.fields:
                    self.add_error(name, message)
        return cleaned


class CaseExplanationPage(ArticlePage):
    """以案释法: a typical case (典型案例) — a concluded enforcement, reconsideration or litigation case — told
    without the parties' personal data, with the legal point it teaches (“谁执法谁普法”, 中办发〔2017〕31号).

    The source case is named by its kind and reference in the case registry (the case types that declare
    `typical_case`); the body tells the facts and the result. It goes through the portal's workflow like any
    article, and cannot go live while its text still holds a party's name, ID number or phone (`clean`)."""

    source_kind = models.CharField(_("案件类型"), max_length=40)
    source_reference = models.CharField(_("案件编号"), max_length=40)
    legal_point = models.TextField(_("释法要点"), help_text=_("本案说明的法律问题和对公众、执法人员的提示。"))
    legal_basis = models.TextField(_("法律依据"), blank=True, help_text=_("本案适用的法律条文。"))

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldRowPanel([FieldPanel("source_kind", read_only=True),
                                        FieldPanel("source_reference", read_only=True)]),
                         FieldRowPanel([FieldPanel("issuing_department"), FieldPanel("published_on")])],
                        heading=_("案例来源")),
        FieldRowPanel([FieldPanel("author"), FieldPanel("source")]),
        FieldPanel("body", heading=_("基本案情和处理结果")),
        FieldPanel("legal_basis"),
        FieldPanel("legal_point"),
        FieldPanel("summary"),
        MultiFieldPanel([FieldRowPanel([FieldPanel("category"), FieldPanel("standard_field")]),
                         FieldRowPanel([FieldPanel("made_on"), FieldPanel("index_number")])],
                        heading=_("公开目录信息"), help_text=_("发布到政府信息公开栏目时必须填写公开类别和信息形成日期。")),
        InlinePanel("attachments", label=_("附件")),
    ]
    subpage_types: list[str] = []
    parent_page_types = ["portal.ColumnPage"]
    search_fields = [*ArticlePage.search_fields, index.SearchField("legal_point")]
    base_form_class = CaseExplanationPageForm

    class Meta:
        verbose_name = _("以案释法")
        verbose_name_plural = _("以案释法")

    def clean(self) -> None:
        from .explanations import anonymity_problems, source_problem

        super().clean()
        errors: dict[str, Any] = {}
        problem = source_problem(self.source_kind, self.source_reference)
        if problem:
            errors["source_reference"] = problem
        if self.live and not problem:
            for field_name, message in anonymity_problems(self):
                errors.setdefault(field_name, []).append(message)
        if errors:
            raise ValidationError(errors)

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from yifa.casework.registry import case_type

        context = super().get_context(request, *args, **kwargs)
        declared = case_type(self.source_kind)
        context["case_label"] = declared.label if declared is not None else _("案件")
        return context
