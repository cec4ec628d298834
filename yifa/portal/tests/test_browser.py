"""The portal in a real browser: what a citizen sees, checked with axe-core (WCAG 2.1 AA, GB/T 37668-2019)."""

import pytest

from yifa.conftest import screenshot, serious_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def live_portal(portal, live_server, settings):
    settings.ALLOWED_HOSTS = ["*"]
    return portal


def test_a_citizen_finds_the_seed_report_from_the_home_page(page, live_portal, seed):
    page.goto(page.base_url + "/")
    assert page.title() == "肇东政务公开网站 - 肇东政务公开网站"
    assert serious_violations(page) == []
    screenshot(page, "portal-home")
    page.get_by_role("navigation", name="栏目导航").get_by_role("link", name="政务公开").click()
    page.wait_for_url("**/zwgk/")
    assert serious_violations(page) == []
    screenshot(page, "portal-column")
    page.get_by_role("link", name="关于肇东市法治政府建设情况的报告").first.click()
    page.wait_for_url("**/fazhi-zhengfu-jianshe-baogao-2016/")
    assert page.get_by_role("heading", level=1).inner_text() == "关于肇东市法治政府建设情况的报告"
    assert "更新时间：2017-9-30 9:50:59" in page.inner_text(".article-meta")
    assert serious_violations(page) == []
    screenshot(page, "portal-article")


def test_a_search_with_very_many_results_shows_an_estimated_count(page, live_portal, monkeypatch):
    """Past the count limit the page says 约有 N 条 (About N results), in both languages and on a phone."""
    from yifa.search import engines, query
    from yifa.search.index import SearchDocument, index_document

    monkeypatch.setattr(engines, "COUNT_LIMIT", 5)
    monkeypatch.setattr(query, "MAX_RESULTS", 5)
    for n in range(12):
        index_document(SearchDocument(source="portal.article", key=f"many-{n}", title=f"第{n}号政府公告",
                                      body="市人民政府发布。", url=f"/many/{n}/"))
    page.goto(page.base_url + "/search/?q=" + "政府公告")
    assert "约有" in page.get_by_role("status").first.inner_text()
    assert serious_violations(page) == []
    screenshot(page, "portal-search-estimated")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot(page, "portal-search-estimated-390")
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": page.base_url}])
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(page.base_url + "/search/?q=" + "政府公告")
    assert page.get_by_role("status").first.inner_text().startswith("About ")
    screenshot(page, "portal-search-estimated-en")


def test_an_attachment_downloads(page, live_portal):
    page.goto(page.base_url + "/zwgk/gkzn/zhengfu-xinxi-gongkai-zhinan/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="肇东市政府信息公开申请表（Word）").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".docx")


def test_the_search_page_and_the_404_page_are_accessible(page, live_portal):
    page.goto(page.base_url + "/search/?q=" + "法治政府")
    assert serious_violations(page) == []
    screenshot(page, "portal-search")
    response = page.goto(page.base_url + "/no-such-page/")
    assert response.status == 404
    assert "您访问的页面不存在" in page.content()
    screenshot(page, "portal-404")


def test_the_layout_works_on_a_phone(browser, live_portal, live_server, seed):
    context = browser.new_context(locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True)
    phone = context.new_page()
    phone.goto(live_server.url + seed.url)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the article page scrolls sideways on a phone"
    phone.screenshot(path="var/screenshots/portal-article-phone.png", full_page=True)
    context.close()


def test_the_footer_carries_the_badge_and_the_error_report_entry(page, live_portal):
    """rules.md "Government website": the 党政机关网站标识 badge and "我为政府网站找错" in every page's footer."""
    from wagtail.images import get_image_model
    from wagtail.images.tests.utils import get_test_image_file
    from wagtail.models import Site

    from yifa.portal.models import PortalSettings

    portal_settings = PortalSettings.for_site(Site.objects.get(is_default_site=True))
    portal_settings.conac_code = "0BE1AC304F8E592CE053012819ACFC38"
    portal_settings.conac_image = get_image_model().objects.create(title="党政机关标识", file=get_test_image_file())
    portal_settings.save()
    page.goto(page.base_url + "/zwgk/")
    footer = page.locator(".site-footer__badges")
    assert footer.get_by_role("img", name="党政机关网站标识").is_visible()
    report = footer.get_by_role("link", name="我为政府网站找错")
    assert "site_code=2312820001" in report.get_attribute("href")
    assert serious_violations(page) == []
    screenshot(page, "portal-footer-badges")
