"""The seed article in a browser, from the page cache: the count shown goes up on each visit."""

import pytest
from playwright.sync_api import expect

from yifa.conftest import screenshot
from yifa.portal.demo import load_portal_demo
from yifa.portal.models import ArticlePage
from yifa.viewcounts.selectors import view_total

pytestmark = pytest.mark.browser

# A citizen's browser: headless Chromium announces itself as "HeadlessChrome", which the beacon
# treats as automation and does not count.
CITIZEN = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36"


@pytest.fixture
def citizen_page(browser, live_server):
    context = browser.new_context(locale="zh-CN", user_agent=CITIZEN, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def test_a_cached_article_shows_the_exact_view_count(citizen_page, page, live_server, settings, tmp_path,
                                                      transactional_db):
    settings.ALLOWED_HOSTS = ["*"]
    settings.YIFA_PAGE_CACHE = True
    settings.YIFA_PAGE_CACHE_DIR = tmp_path / "pagecache"
    load_portal_demo()
    seed = ArticlePage.objects.get(slug="fazhi-zhengfu-jianshe-baogao-2016")
    citizen_page.goto(live_server.url + seed.url)
    expect(citizen_page.locator(".view-count")).to_have_text("1")
    second = citizen_page.goto(live_server.url + seed.url)
    assert second.headers.get("x-yifa-cache") == "hit"  # its HTML still says 0: the beacon corrects it
    expect(citizen_page.locator(".view-count")).to_have_text("2")
    assert "点击数：2" in citizen_page.inner_text(".article-meta")
    screenshot(citizen_page, "pagecache-article-view-count")
    # Headless automation sees the exact count but adds nothing to it.
    page.goto(live_server.url + seed.url)
    expect(page.locator(".view-count")).to_have_text("2")
    assert view_total(seed.pk) == 2
