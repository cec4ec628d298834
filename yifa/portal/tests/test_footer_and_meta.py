"""What the national website checks read on every page: the footer's 党政机关网站标识 and "我为政府网站找错"
(rules.md, Government website; 政府网站发展指引, 国办发〔2017〕47号), and the meta tags of columns and articles."""

import html
import re
from urllib.parse import quote

import pytest
from django.core.exceptions import ValidationError
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Site

from yifa.portal.models import ArticlePage, ColumnPage, PortalSettings


@pytest.fixture
def portal_settings(portal):
    return PortalSettings.for_site(Site.objects.get(is_default_site=True))


def meta(body: str, name: str) -> str | None:
    found = re.search(rf'<meta name="{name}" content="([^"]*)">', body)
    return html.unescape(found.group(1)) if found else None


# --- the footer ------------------------------------------------------------------------------------------


def test_the_footer_shows_the_party_and_government_badge_once_its_code_is_set(client, portal_settings):
    """rules.md "Government website": the 党政机关网站标识 badge in the footer, linking to its registration."""
    assert "bszs.conac.cn" not in client.get("/").content.decode()  # not set: no badge
    portal_settings.conac_code = "0BE1AC304F8E592CE053012819ACFC38"
    portal_settings.save()
    body = client.get("/zwgk/").content.decode()
    assert 'href="https://bszs.conac.cn/sitename?method=show&amp;id=0BE1AC304F8E592CE053012819ACFC38"' in body
    assert "党政机关网站标识" in body  # a text link while no image is uploaded
    portal_settings.conac_image = get_image_model().objects.create(title="党政机关标识", file=get_test_image_file())
    portal_settings.save()
    footer = client.get("/zwgk/").content.decode().split('class="site-footer__badges"')[1].split("</p>")[0]
    assert "<img" in footer and 'alt="党政机关网站标识"' in footer


def test_the_footer_links_to_the_national_error_report_form_with_the_site_code_and_the_page(client, portal_settings):
    """rules.md "Government website": the entry "我为政府网站找错" in the footer; the national form takes the site
    identifier code and the page the visitor is on."""
    body = client.get("/zwgk/").content.decode()
    link = re.search(r'<a class="error-report" href="([^"]+)"[^>]*>我为政府网站找错</a>', body)
    assert link is not None
    url = html.unescape(link.group(1))
    assert url.startswith("https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code=2312820001&url=")
    assert url.endswith(quote("http://testserver/zwgk/", safe=""))
    portal_settings.error_report_url = "https://zfwzzc.www.gov.cn/"
    portal_settings.save()
    assert 'href="https://zfwzzc.www.gov.cn/"' in client.get("/zwgk/").content.decode()
    portal_settings.error_report_url = ""
    portal_settings.save()
    assert "我为政府网站找错" not in client.get("/zwgk/").content.decode()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("conac_code", "0BE1AC30\"><script>", "只含字母和数字"),
        ("error_report_url", "javascript:alert(1)", "https://"),
        ("error_report_url", "https://zfwzzc.www.gov.cn/?code={code}", "{site_code}"),
        ("error_report_url", "https://example.org/a b", "https://"),
    ],
)
def test_a_malformed_badge_code_or_error_report_address_is_refused_with_a_message(portal_settings, field, value,
                                                                                 message):
    """Bad input gets a clear message and changes nothing (DEVELOPERS.md)."""
    setattr(portal_settings, field, value)
    with pytest.raises(ValidationError) as refused:
        portal_settings.full_clean()
    assert any(message in text for text in refused.value.message_dict[field])


# --- meta tags --------------------------------------------------------------------------------------------


def test_column_pages_carry_the_column_meta_tags(client, portal):
    """政府网站发展指引 (国办发〔2017〕47号), the pages' metadata: ColumnName, ColumnDescription, ColumnKeywords and
    ColumnType on every column page."""
    guide = ColumnPage.objects.get(slug="zwgk")
    body = client.get(guide.url).content.decode()
    assert meta(body, "ColumnName") == "政务公开"
    assert meta(body, "ColumnDescription") == "政务公开"  # no description: the title
    assert meta(body, "ColumnKeywords") == "政务公开"
    assert meta(body, "ColumnType") == "指南制度"
    guide.description, guide.keywords = "肇东市政务公开的指南、制度和年报。", "政务公开,信息公开指南"
    guide.save_revision().publish()
    body = client.get(guide.url).content.decode()
    assert meta(body, "ColumnDescription") == "肇东市政务公开的指南、制度和年报。"
    assert meta(body, "ColumnKeywords") == "政务公开,信息公开指南"
    assert meta(client.get("/qzqd/").content.decode(), "ColumnType") == "清单目录"


def test_articles_carry_keywords_author_description_and_url(client, seed, portal):
    """政府网站发展指引 (国办发〔2017〕47号), the pages' metadata: every article carries Keywords, Author,
    Description and Url, with sensible values when the editor left a field empty."""
    body = client.get(seed.url).content.decode()
    assert meta(body, "Keywords") == "政务公开"  # the column's keywords, else its name
    assert meta(body, "Author") == "市法制办"  # the seed's author
    description = meta(body, "Description")
    assert description.startswith("市人大常委会： 2016年，市政府紧紧围绕") and description.endswith(("…", "..."))  # the opening words
    assert len(description) <= ArticlePage.DESCRIPTION_CHARS and "<" not in description
    assert meta(body, "Url") == seed.get_full_url()
    assert body.count('name="Description"') == 1 and 'name="description"' not in body
    article = ArticlePage.objects.get(slug="2017-jiejiari-zhiban")
    article.keywords, article.summary = "节假日,值班", "国庆节、中秋节期间的值班安排。"
    article.save_revision().publish()
    body = client.get(article.url).content.decode()
    assert meta(body, "Keywords") == "节假日,值班"
    assert meta(body, "Author") == "市政府办公室"  # the source, when there is no author
    assert meta(body, "Description") == "国庆节、中秋节期间的值班安排。"
    assert meta(body, "ArticleTitle") == article.title and meta(body, "ColumnName") == "通知公告"
