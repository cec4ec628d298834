"""The public pages: what a visitor of 肇东政务公开网站 sees, and what an inspection checks on every page."""

import xml.etree.ElementTree as ET

import pytest

from yifa.portal.models import ArticlePage, ColumnPage

FOOTER = ["主办单位：肇东市人民政府办公室", "网站标识码：2312820001", "黑ICP备05003156号", "黑公网安备",
          "民情热线：04557711365", "企业投诉中心：04555919595"]


def test_the_home_page_shows_every_column_with_its_latest_items(client, portal, seed):
    body = client.get("/").content.decode()
    assert "欢迎您进入肇东政务公开网站!" in body and "设为首页" in body and "加入收藏" in body
    for title in ["政务公开", "权责清单", "双随机一公开", "重大行政决策", "行政执法公示", "行政复议", "政策文件", "互动交流"]:
        assert f">{title}</a>" in body
    assert seed.title in body


def test_the_seed_article_is_shown_as_the_city_published_it(client, seed):
    response = client.get(seed.url)
    body = response.content.decode()
    assert response.status_code == 200
    assert "<h1 id=\"article-title\">关于肇东市法治政府建设情况的报告</h1>" in body
    assert "作者：市法制办" in body and "文章来源：肇东市人民政府" in body and "点击数：" in body
    assert "附件下载" not in body  # the seed has no attachment: no empty section
    assert "更新时间：<time datetime=\"2017-09-30T09:50:59+08:00\">2017-9-30 9:50:59</time>" in body
    assert "承接152项，对应取消21项" in body and "特此报告。" in body


def test_every_page_carries_the_government_website_footer_and_meta_tags(client, portal, seed):
    for url in ["/", "/zwgk/", seed.url, "/search/?q=法治", "/no-such-page/"]:
        body = client.get(url).content.decode()
        for text in FOOTER:
            assert text in body, (url, text)
        assert '<meta name="SiteName" content="肇东政务公开网站">' in body
        assert '<meta name="SiteIDCode" content="2312820001">' in body
    article = client.get(seed.url).content.decode()
    assert '<meta name="ColumnName" content="政务公开">' in article
    assert '<meta name="ArticleTitle" content="关于肇东市法治政府建设情况的报告">' in article
    assert '<meta name="PubDate" content="2017-09-30 09:50">' in article
    assert '<meta name="ContentSource"' in article


def test_a_missing_page_is_a_404_in_the_sites_style(client, portal):
    response = client.get("/zwgk/no-such-article/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "您访问的页面不存在" in body and "返回首页" in body


def test_an_article_links_its_older_and_newer_neighbours(client, portal):
    column = ColumnPage.objects.get(slug="gkzd")
    articles = list(ArticlePage.objects.child_of(column).order_by("published_on", "id"))
    body = client.get(articles[1].url).content.decode()
    assert f'rel="prev">{articles[0].title}</a>' in body
    assert f'rel="next">{articles[2].title}</a>' in body


def test_a_column_lists_its_articles_newest_first_and_pages_them(client, portal):
    column = ColumnPage.objects.get(slug="zwgk")
    body = client.get(column.url).content.decode()
    titles = [a.title for a in ArticlePage.objects.descendant_of(column).order_by("-published_on")]
    positions = [body.index(t) for t in titles]
    assert positions == sorted(positions)
    assert client.get(column.url + "?p=999").status_code == 200  # past the end: the last page
    assert client.get(column.url + "?p=abc").status_code == 200


def test_the_disclosure_guide_offers_its_form_for_download_with_type_and_size(client, portal):
    guide = ArticlePage.objects.get(slug="zhengfu-xinxi-gongkai-zhinan")
    body = client.get(guide.url).content.decode()
    assert "肇东市政府信息公开申请表（Word）" in body
    assert "（DOCX，" in body
    attachment = guide.attachments.get()
    download = client.get(attachment.document.url)
    assert download.status_code == 200
    assert b"".join(download.streaming_content)[:2] == b"PK"


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_each_column_has_a_feed(client, portal, kind):
    response = client.get(f"/feeds/zwgk/{kind}.xml")
    assert response.status_code == 200
    tree = ET.fromstring(response.content)
    text = ET.tostring(tree, encoding="unicode")
    assert "关于肇东市法治政府建设情况的报告" in text
    assert client.get(f"/feeds/no-such-column/{kind}.xml").status_code == 404


def test_robots_and_the_sitemap(client, portal, seed):
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in robots and "Sitemap: https://www.zhaodong.gov.cn/sitemap.xml" in robots
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    assert seed.slug in sitemap.content.decode()


def test_english_works_by_switching_the_language(client, portal):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    body = client.get("/").content.decode()
    assert '<html lang="en">' in body
    assert "Sponsor" in body and "Site identifier code" in body


def test_the_print_styles_hide_navigation():
    from pathlib import Path

    from django.contrib.staticfiles import finders

    content = Path(finders.find("portal/portal.css")).read_text(encoding="utf-8")
    assert "@media print" in content and ".columns-nav" in content.split("@media print", 1)[1]


def test_a_page_served_outside_any_site_leaves_out_the_footer_lines_it_has_no_values_for(client, db):
    from wagtail.models import Site

    Site.objects.all().delete()  # no site: no site settings to read the sponsor and site code from
    body = client.get("/powers/").content.decode()
    assert "主办单位：" not in body and "网站标识码：" not in body
    assert "网站地图" in body
