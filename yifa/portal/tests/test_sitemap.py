"""The site maps: sitemap.xml at the site's configured domain with content dates, and the page for people."""

import datetime as dt
import xml.etree.ElementTree as ET

from wagtail.models import Site

from yifa.portal.models import ArticlePage, ColumnPage, PortalSettings

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def entries(client) -> dict[str | None, str | None]:
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    tree = ET.fromstring(response.content)
    return {url.findtext("s:loc", namespaces=NS): url.findtext("s:lastmod", namespaces=NS)
            for url in tree.findall("s:url", NS)}


def test_the_xml_sitemap_uses_the_configured_domain_and_the_dates_of_the_content(client, portal, seed):
    urls = entries(client)
    assert all(location.startswith("https://www.zhaodong.gov.cn/") for location in urls), list(urls)[:3]
    assert not any("localhost" in location or "testserver" in location for location in urls)
    assert urls[f"https://www.zhaodong.gov.cn{seed.url}"] == "2017-09-30"
    # A column is as new as its newest article, not as the day the demo was loaded.
    news = ColumnPage.objects.get(slug="gzdt")
    newest = ArticlePage.objects.child_of(news).order_by("-published_on").first()
    assert urls[f"https://www.zhaodong.gov.cn{news.url}"] == newest.published_on.astimezone(dt.UTC).date().isoformat()
    assert urls["https://www.zhaodong.gov.cn/"] >= "2017-09-30"
    # The modules' pages (权责清单, 依申请公开 …) are in it too.
    assert "https://www.zhaodong.gov.cn/powers/" in urls


def test_the_sitemap_follows_the_domain_an_editor_sets(client, portal):
    settings_row = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    settings_row.site_domain = "zwgk.example.gov.cn"
    settings_row.save()
    assert all(location.startswith("https://zwgk.example.gov.cn/") for location in entries(client))
    assert "Sitemap: https://zwgk.example.gov.cn/sitemap.xml" in client.get("/robots.txt").content.decode()


def test_the_site_map_page_lists_every_live_column_and_the_modules_pages(client, portal):
    response = client.get("/sitemap/")
    html = response.content.decode()
    assert response.status_code == 200
    for column in ColumnPage.objects.live():
        assert f'href="{column.url}"' in html, column.title
    assert 'href="/yishenqing/"' in html and 'href="/search/"' in html
    hidden = ColumnPage.objects.get(slug="gkzd")
    hidden.unpublish()
    assert f'href="{hidden.url}"' not in client.get("/sitemap/").content.decode()


def test_every_page_links_the_site_map_page_not_the_xml(client, portal):
    html = client.get("/").content.decode()
    assert 'href="/sitemap/">网站地图' in html and 'href="/sitemap.xml"' not in html


def test_the_xml_sitemap_lists_every_active_agency_page(client, portal, department, other_department):
    other_department.is_active = False
    other_department.save()
    urls = entries(client)
    assert f"https://www.zhaodong.gov.cn/jigou/{department.code}/" in urls
    assert f"https://www.zhaodong.gov.cn/jigou/{other_department.code}/" not in urls
