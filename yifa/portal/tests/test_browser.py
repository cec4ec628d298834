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


def test_the_layout_works_on_a_phone(phone, live_portal, seed):
    phone.goto(phone.base_url + seed.url)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "the article page scrolls sideways on a phone"
    screenshot(phone, "portal-article-phone")


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


# --- issue 13: what a citizen saw on first use (#13 pages, #14 the seed article, #16 phones, #17 site map, #18 适老化)


def test_the_seed_article_reads_complete(page, live_portal, seed):
    page.goto(page.base_url + seed.url)
    meta = page.inner_text(".article-meta")
    assert "作者：市法制办" in meta and "文章来源：肇东市人民政府" in meta
    body = page.inner_text(".article-body")
    assert "()" not in body and "（一）主要领导亲自落实" in body and "承接152项，对应取消21项" in body
    assert page.get_by_role("heading", level=2, name="一、依法行政，实现政府职能转变").is_visible()
    assert page.locator(".attachments").count() == 0, "no empty 附件下载 section"
    # The column lists other articles (older 2016 ones, or the demo's current ones): one side leads on.
    links = {rel: page.locator(f".article-nav a[rel={rel}]") for rel in ("prev", "next")}
    rel = "prev" if links["prev"].count() else "next"
    assert links[rel].count() == 1, "上一篇 or 下一篇 leads to another article"
    title = links[rel].inner_text()
    assert serious_violations(page) == []
    screenshot(page, "portal-seed-article")
    links[rel].click()
    assert page.get_by_role("heading", level=1).inner_text() == title
    back = "next" if rel == "prev" else "prev"
    assert page.locator(f".article-nav a[rel={back}]").inner_text() == seed.title


def test_on_a_phone_the_navigation_folds_behind_one_button(phone, live_portal):
    phone.goto(phone.base_url + "/")
    nav = phone.get_by_role("navigation", name="栏目导航")
    toggle = nav.get_by_role("button", name="栏目导航")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not nav.get_by_role("link", name="权责清单").is_visible()
    assert nav.bounding_box()["height"] < 60, "one row, not four"
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(phone, "portal-home-phone")
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    screenshot(phone, "portal-home-phone-menu")
    nav.get_by_role("link", name="权责清单").click()
    phone.wait_for_url("**/qzqd/")
    assert serious_violations(phone) == []


def test_the_footer_site_map_is_a_page_for_people(page, phone, live_portal):
    for browser_page, name in ((page, "portal-sitemap"), (phone, "portal-sitemap-phone")):
        browser_page.goto(browser_page.base_url + "/")
        browser_page.locator(".site-footer").get_by_role("link", name="网站地图").click()
        browser_page.wait_for_url("**/sitemap/")
        main = browser_page.locator("main")
        assert browser_page.get_by_role("heading", level=1).inner_text() == "网站地图"
        for column in ("工作动态", "政务公开", "权责清单", "互动交流"):
            assert main.get_by_role("link", name=column, exact=True).is_visible()
        assert main.get_by_role("link", name="政府信息公开指南").is_visible()  # sub-columns under their column
        assert main.get_by_role("link", name="依申请公开：在线提交政府信息公开申请").is_visible()  # modules' pages
        assert serious_violations(browser_page) == []
        screenshot(browser_page, name)
    page.locator("main").get_by_role("link", name="政府信息公开指南").click()
    page.wait_for_url("**/zwgk/gkzn/")


# A citizen's browser: the beacon does not count headless automation.
CITIZEN = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36"


def test_the_elderly_mode_is_large_high_contrast_and_kept_on_cached_pages(browser, live_server, settings, tmp_path,
                                                                         transactional_db):
    """长者模式: switched in the top bar, kept in the browser, applied to pages from the page cache, without a
    reload (the view-count beacon counts each visit once) and without inline script (the CSP would refuse it)."""
    from playwright.sync_api import expect

    from yifa.conftest import fail_on_console_errors, open_page
    from yifa.portal.demo import load_portal_demo
    from yifa.portal.models import ArticlePage
    from yifa.viewcounts.selectors import view_total

    settings.ALLOWED_HOSTS = ["*"]
    settings.YIFA_PAGE_CACHE = True
    settings.YIFA_PAGE_CACHE_DIR = tmp_path / "pagecache"
    load_portal_demo()
    seed = ArticlePage.objects.get(slug="fazhi-zhengfu-jianshe-baogao-2016")
    citizen = open_page(browser, live_server, user_agent=CITIZEN)
    citizen.goto(live_server.url + seed.url)
    expect(citizen.locator(".view-count")).to_have_text("1")
    normal_size = citizen.evaluate("parseFloat(getComputedStyle(document.querySelector('.article-body p')).fontSize)")

    banner = citizen.get_by_role("banner")
    banner.get_by_role("button", name="长者模式").click()
    expect(banner.get_by_role("button", name="退出长者模式")).to_be_visible()
    assert citizen.evaluate("document.documentElement.classList.contains('elderly')")
    large_size = citizen.evaluate("parseFloat(getComputedStyle(document.querySelector('.article-body p')).fontSize)")
    assert large_size >= 24 and large_size > normal_size * 1.2
    assert citizen.evaluate("getComputedStyle(document.body).color") == "rgb(0, 0, 0)"
    assert citizen.evaluate("getComputedStyle(document.querySelector('main a')).textDecorationLine") == "underline"
    assert view_total(seed.pk) == 1, "switching does not reload the page nor count another view"
    assert serious_violations(citizen) == []
    screenshot(citizen, "portal-elderly-article")

    # The next page comes from the cache, and is large as soon as it is drawn.
    second = citizen.goto(live_server.url + seed.url)
    assert second.headers.get("x-yifa-cache") == "hit"
    assert "nonce" not in second.text(), "a cached page carries no inline script"
    assert citizen.evaluate("document.documentElement.classList.contains('elderly')")
    expect(citizen.locator(".view-count")).to_have_text("2")
    citizen.set_viewport_size({"width": 390, "height": 844})
    citizen.goto(live_server.url + "/")
    assert citizen.evaluate("document.documentElement.classList.contains('elderly')")
    assert citizen.evaluate("document.documentElement.scrollWidth") <= 390, "large type, still no sideways scrolling"
    assert serious_violations(citizen) == []
    screenshot(citizen, "portal-elderly-home-phone")

    citizen.get_by_role("button", name="退出长者模式").click()
    assert not citizen.evaluate("document.documentElement.classList.contains('elderly')")
    citizen.reload()
    assert not citizen.evaluate("document.documentElement.classList.contains('elderly')")
    citizen.context.close()
    fail_on_console_errors(citizen)


def test_every_part_of_the_page_is_in_a_landmark_and_the_site_has_an_icon(page, live_portal, seed):
    from axe_playwright_python.sync_playwright import Axe

    for path in ("/", seed.url, "/sitemap/"):
        page.goto(page.base_url + path)
        assert page.get_by_role("banner").locator(".topbar").count() == 1
        region = Axe().run(page, options={"runOnly": {"type": "rule", "values": ["region", "landmark-one-main"]}})
        assert region.response["violations"] == [], path
    icon = page.locator("link[rel=icon]").first.get_attribute("href")
    assert page.request.get(page.base_url + icon).headers["content-type"].startswith("image/")
    fallback = page.request.get(page.base_url + "/favicon.ico")  # for pages that name no icon
    assert fallback.ok and fallback.headers["content-type"].startswith("image/")


def test_a_page_that_does_not_exist_is_the_portals_own(page, phone, live_portal):
    for browser_page, name in ((page, "portal-404"), (phone, "portal-404-phone")):
        response = browser_page.goto(browser_page.base_url + "/zwgk/no-such-article/")
        assert response.status == 404
        assert browser_page.get_by_role("heading", level=1).inner_text() == "您访问的页面不存在"
        assert "urlpatterns" not in browser_page.content() and "Page not found" not in browser_page.content()
        assert browser_page.get_by_role("navigation", name="栏目导航").count() == 1  # the portal's frame
        screenshot(browser_page, name)


def test_a_citizen_browses_the_disclosure_catalogue_on_a_desktop_and_a_phone(page, live_portal, department,
                                                                             other_department):
    """信息公开目录 (《政府信息公开条例》第十二条): the classic 索引号 / 主题分类 / 发布日期 table, filtered by agency,
    becoming cards on a phone; the agency's catalogue and its guide."""
    from yifa.portal.actions import import_catalogue
    from yifa.portal.catalogue_io import COLUMNS
    from yifa.testing import factories

    rows = []
    for n, (agency, code, title) in enumerate([
            (department, "A07", "2016年部门预算"), (department, "A02", "主要职责、内设机构和联系方式"),
            (department, "A13", "2016年第三季度食品安全监督抽检结果"), (other_department, "A14", "2016年公开招聘公告")]):
        row = dict.fromkeys(COLUMNS, "")
        row.update({"名称": title, "公开类别": code, "公开机构": agency.code, "形成（变更）日期": "2016-03-08",
                    "公开日期": f"2016-0{n + 3}-22"})
        rows.append((n + 2, row))
    import_catalogue(actor=factories.make_user("system_admin", department), rows=rows)
    page.goto(page.base_url + "/xxgk/mulu/")
    assert page.get_by_role("heading", level=1).inner_text() == "政府信息公开目录"
    assert page.get_by_role("row").count() == 5
    assert serious_violations(page) == []
    screenshot(page, "catalogue-browser")
    page.get_by_label("公开机构").select_option(department.code)
    page.get_by_role("button", name="查询").click()
    page.wait_for_url("**jigou=test**")
    assert page.get_by_role("row").count() == 4
    page.get_by_role("link", name=department.name).first.click()
    page.wait_for_url(f"**/xxgk/{department.code}/mulu/")
    assert "机关职能" in page.inner_text(".catalogue-categories")
    assert serious_violations(page) == []
    screenshot(page, "catalogue-agency")
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.locator(".catalogue-table thead").bounding_box()["height"] <= 1, "the heading row hides on a phone"
    assert serious_violations(page) == []
    screenshot(page, "catalogue-agency-390")
    page.get_by_role("link", name="政府信息公开指南").click()
    page.wait_for_url(f"**/xxgk/{department.code}/zhinan/")
    assert "20 个工作日" in page.inner_text("article")
    assert serious_violations(page) == []
    screenshot(page, "catalogue-guide-390")
    page.set_viewport_size({"width": 1366, "height": 900})
    screenshot(page, "catalogue-guide")
